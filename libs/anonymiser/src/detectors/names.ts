import { type Candidate, FindingType } from '../types';
import { isEnglishWord, isName, isNotPerson, isStrongName, isUnknownWord } from './gazetteer';
import { editDistance } from './known';
import { EPONYM_AFTER, isRoleWord, isWordFirstName, neverNamePhrases } from './lexicon';
import { PHRASE_HEADS } from './untitled-names';

/** Courtesy titles: what follows is a person (patient, relative or staff). */
const COURTESY = ['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Master', 'Mister'];

/** Staff titles and roles: what follows, if it looks like a name, is a member of staff. */
const STAFF_TITLES = [
  'Dr',
  'Doctor',
  'Prof',
  'Professor',
  'Sister',
  'Nurse',
  'Staff Nurse',
  'Charge Nurse',
  'Student Nurse',
  'Matron',
  'Midwife',
  'Student Midwife',
  'HCA',
  'Healthcare Assistant',
  'Health Care Assistant',
  'SHO',
  'FY1',
  'FY2',
  'F1',
  'F2',
  'CT1',
  'CT2',
  'ST1',
  'ST2',
  'ST3',
  'ST4',
  'ST5',
  'ST6',
  'ST7',
  'Registrar',
  'Consultant',
  'Physio',
  'Physiotherapist',
  'Paramedic',
  'Porter',
  'Pharmacist',
  'Ward Manager',
  'Deputy Ward Manager',
  'Senior Sister',
  'Junior Doctor',
  'Mr.',
  'Dr.',
  'Nurse Practitioner',
  'ANP',
  'OT',
  'Occupational Therapist',
  'Social Worker',
  'Care Coordinator',
  'Support Worker',
  'Nursing Associate',
  'EMT',
  'Emergency Medical Technician',
  'Ambulance Technician',
  'HCSW',
  'Healthcare Support Worker',
  'Health Care Support Worker',
  'Maternity Support Worker',
  'MSW',
  'DN',
  'District Nurse',
  'Community Nurse',
  'SN',
  'RN',
  'RMN',
  'RGN',
  'Nurse in Charge',
  'NIC',
  'Emergency Care Assistant',
  'ECA',
  'Named Nurse for Safeguarding',
  'Named Nurse',
  'Named Midwife',
  'Named Doctor',
  'Safeguarding Lead',
  'Health Visitor',
  'HV',
  'CNS',
  'Clinical Nurse Specialist',
  'Specialist Nurse',
  'Senior Staff Nurse',
  'Ward Sister',
  'Night Sister',
  'Advanced Nurse Practitioner',
  'Advanced Clinical Practitioner',
  'ACP',
  'Anaesthetist',
  'Surgeon',
  'Obstetrician',
  'Psychiatrist',
  'Radiographer',
  'Sonographer',
  'Dietitian',
  'Ward Clerk',
  'Receptionist',
  'Team Leader',
  'Clinical Lead',
  'Care Assistant',
  'Senior Carer',
  'Carer',
  'AMHP',
  'ODP',
  'Student Paramedic',
];

/** Capitalised words that follow a title but are not names ("Dr on call", "Nurse Practitioner"). */
const NOT_NAMES = new Set(
  (
    'The A An On In At For Of And Or But Was Were Is Are Had Has Who Which That This Team Registrar ' +
    'Consultant Nurse Practitioner Manager Lead Call Duty Shift Night Day Team Unit Department Service ' +
    'Emergency Medical Surgical Senior Junior Specialist Associate Assistant General Clinical Staff ' +
    'Trainee Student Agency Bank Locum Covering Responsible Named Named Allocated Admitting Reviewing ' +
    'Safeguarding Support Apprentice Service Services General Liaison Practice Review Office Station ' +
    'Bleep Pager Rota Handover Said Told Asked Called Rang Agreed Felt Noted Documented Reported ' +
    'Explained Advised Confirmed Visited Attended Arrived Reviewed Saw Wrote'
  ).split(/\s+/),
);

/** Surnames that are also role or place words ("Dr Nurse", "Dr Porter"). */
const ROLE_SURNAMES = new Set(['Nurse', 'Porter', 'Ward', 'Bishop', 'Sister', 'Matron']);

/** Particles inside surnames ("da Costa", "van der Merwe", "de la Cruz", "bin Laden"). */
const PARTICLE = '(?:da|de|del|della|der|den|di|do|dos|du|la|le|van|von|ter|ten|bin|ibn|al|el)';

/** One part of a name: Okafor, McDermott, O'Neill, D'Amore, VonRueden, DuBuque, SMITH. */
const NAME_PART =
  "(?:Ma?c\\p{Lu}\\p{Ll}+|[ODL]['’]\\p{Lu}\\p{Ll}+|\\p{Lu}[\\p{Ll}\\p{M}]+(?:\\p{Lu}[\\p{Ll}\\p{M}]+)?|\\p{Lu}{2,})";
/** A name word: parts joined by hyphens or apostrophes (Kihn-O'Conner, Smith-jones). */
const NAME_WORD = `${NAME_PART}(?:-(?:${NAME_PART}|\\p{Ll}+)|['’](?:${NAME_PART}|(?!s(?![\\p{L}\\p{M}]))\\p{Ll}+))*`;
/** After a courtesy title almost anything capitalised is a surname ("Mrs Ward", "Mr Bell"). */
const NOT_AFTER_COURTESY = new Set(['The', 'A', 'An', 'And', 'Or', 'Of', 'In', 'On', 'At', 'To']);
const INITIAL = '\\p{Lu}\\.?';

function escape(words: readonly string[], anyCaseFirstLetter = false): string {
  return words
    .slice()
    .sort((a, b) => b.length - a.length)
    .map((w) =>
      // Every letter of a role in any case ("nurse in charge", "Staff nurse"); the name not.
      [...w]
        .map((c) =>
          c === ' '
            ? '\\s+'
            : anyCaseFirstLetter && /[A-Za-z]/.test(c)
              ? `[${c.toUpperCase()}${c.toLowerCase()}]`
              : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join(''),
    )
    .join('|');
}

const COURTESY_LOWER: ReadonlySet<string> = new Set(COURTESY.map((c) => c.toLowerCase()));
let TITLE_RE: RegExp | undefined;
let NAME_AFTER_TITLE: RegExp | undefined;
let LOWER_AFTER_TITLE: RegExp | undefined;
interface TitleAt {
  index: number;
  /** The title as written, without a full stop. */
  title: string;
  /** A full stop followed the title. */
  dot: boolean;
  /** Where what follows the title (and its spaces) starts. */
  end: number;
}
let titleCache: { text: string; titles: TitleAt[] } | undefined;

/**
 * Titles and roles in any case ("Staff Nurse", "nurse in charge", "MRS"), found once per text and
 * shared by the rules that read the name after them.
 */
function titlesIn(text: string): TitleAt[] {
  if (titleCache?.text === text) return titleCache.titles;
  TITLE_RE ??= new RegExp(
    `(?<![\\p{L}\\p{N}])(${escape([...STAFF_TITLES, ...COURTESY])})(\\.?)\\s+`,
    'giu',
  );
  const titles: TitleAt[] = [];
  for (const m of text.matchAll(TITLE_RE)) {
    titles.push({
      index: m.index,
      title: m[1].replace(/\.$/, ''),
      dot: m[2] === '.' && !m[1].endsWith('.'),
      end: m.index + m[0].length,
    });
  }
  titleCache = { text, titles };
  return titles;
}

/**
 * Names after titles and roles ("Mrs Ada Lovelace", "Staff Nurse Okafor", "Dr J. Smith"); the
 * title itself stays outside the finding. Courtesy titles give NAME; staff titles STAFF_NAME.
 * Initials in brackets after a role ("the staff nurse (JS)") are staff names too.
 */
export function titledNames(text: string): Candidate[] {
  const out: Candidate[] = [];
  NAME_AFTER_TITLE ??= new RegExp(
    `((?:${INITIAL}\\s*){0,2}(?:${PARTICLE}\\s+){0,2}${NAME_WORD}(?:\\s+(?:${INITIAL}\\s+|(?:${PARTICLE}\\s+){1,2})?${NAME_WORD}){0,2})(?![\\p{L}\\p{M}])`,
    'uy',
  );
  let after = 0;
  const titles = titlesIn(text);
  for (const [k, t] of titles.entries()) {
    if (t.index < after) continue;
    // "Carer Support Worker Jones": the last of a run of roles introduces the name.
    // …unless a doctor's surname is that role word ("Dr Nurse and Dr Abdi").
    const next = titles[k + 1];
    if (
      next?.index === t.end &&
      !(
        /^(?:dr|prof)\.?$/i.test(t.title) &&
        ROLE_SURNAMES.has(text.slice(next.index, next.end).trim()) &&
        !/^\p{Lu}/u.test(text.slice(next.end, next.end + 1))
      )
    )
      continue;
    // "… the on-call registrar. Seen by …": a full stop after a role word ends a sentence.
    if (t.dot && /\p{Ll}{3}$/u.test(t.title)) continue;
    NAME_AFTER_TITLE.lastIndex = t.end;
    const m = NAME_AFTER_TITLE.exec(text);
    if (!m) continue;
    after = t.end + m[0].length;
    const words = m[1].split(/\s+/);
    const courtesy = COURTESY_LOWER.has(t.title.toLowerCase());
    const stop = courtesy ? NOT_AFTER_COURTESY : NOT_NAMES;
    // A role word is never part of the name ("Consultant Obstetrician Hale" → "Hale").
    let lead = 0;
    while (!courtesy && words.length > 1 && isRoleWord(words[0])) lead += words.shift()!.length;
    while (words.length > 1 && /^\p{Lu}\.?$/u.test(words[words.length - 1])) words.pop();
    // Trim trailing words that are not names ("Dr Smith Team" → "Smith").
    while (words.length > 1 && stop.has(words[words.length - 1].replace(/\.$/, ''))) words.pop();
    // "Dr Nurse and Dr Abdi": after a doctor's title a surname that is a role word stands alone.
    const roleSurname =
      words.length === 1 &&
      /^(?:dr|prof)\.?$/i.test(t.title) &&
      ROLE_SURNAMES.has(words[0]) &&
      !/^\s+\p{Lu}/u.test(text.slice(after, after + 3));
    if (words.length === 0 || (stop.has(words[0].replace(/\.$/, '')) && !roleSurname)) continue;
    const nameText = words.join(' ');
    const first = m[1].indexOf(words[0], lead);
    const start = t.end + first;
    const length =
      m[1].lastIndexOf(words[words.length - 1]) + words[words.length - 1].length - first;
    if (nameText.length < 2) continue;
    out.push({
      start,
      end: start + length,
      type: courtesy ? FindingType.NAME : FindingType.STAFF_NAME,
      confidence: 0.95,
      rule: courtesy ? 'courtesy-title' : 'staff-title',
    });
  }
  const initials = /\((?:[A-Z]\.?\s?){2,3}\)/g;
  for (const m of text.matchAll(initials)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index).toLowerCase();
    if (
      /(nurse|doctor|dr|hca|sister|midwife|matron|registrar|sho|consultant|porter|physio|paramedic|pharmacist|manager|worker|assistant|therapist|staff)\W*$/.test(
        before,
      )
    ) {
      out.push({
        start: m.index + 1,
        end: m.index + m[0].length - 1,
        type: FindingType.STAFF_NAME,
        confidence: 0.9,
        rule: 'staff-initials',
      });
    }
  }
  return out;
}

/** Words, with the hyphens and apostrophes inside them ("Kihn-O'Conner", "Okafor's"). */
const WORD = /(?<![\p{L}\p{M}])[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;

/**
 * Occurrences of `names` (lower-case keys) in `text`, any case, bounded by non-letters: a whole
 * word or a run of its hyphen/apostrophe parts ("Okafor" in "Okafor's", "O'Neill" in
 * "O'Neill-Smith"), longest first. One static pattern, not a pattern built from the names.
 */
function* wordsIn(
  text: string,
  names: ReadonlyMap<string, unknown>,
): Generator<{ start: number; end: number; word: string }> {
  for (const m of text.matchAll(WORD)) {
    const token = m[0];
    const cuts = [0];
    for (let i = 0; i < token.length; i++) if (/['’-]/.test(token[i])) cuts.push(i, i + 1);
    cuts.push(token.length);
    // Parts are [cuts[2k], cuts[2k+1]).
    const parts = cuts.length / 2;
    let i = 0;
    while (i < parts) {
      let matched = -1;
      for (let j = parts - 1; j >= i; j--) {
        if (names.has(token.slice(cuts[2 * i], cuts[2 * j + 1]).toLowerCase())) {
          matched = j;
          break;
        }
      }
      if (matched < 0) {
        i++;
        continue;
      }
      const start = m.index + cuts[2 * i];
      const end = m.index + cuts[2 * matched + 1];
      yield { start, end, word: text.slice(start, end) };
      i = matched + 1;
    }
  }
}

/** How sure a mention of a word carried from another text of the document is. */
const CARRIED_CONFIDENCE = 0.8;

/**
 * A word that is also an ordinary word of clinical English ("ward", "bell", "safety"): a later
 * mention of it counts only where it is written like a name.
 */
export function isOrdinaryWord(word: string): boolean {
  const key = word.toLowerCase();
  return isEnglishWord(key) || isNotPerson(key) || PHRASE_HEADS.has(key);
}

/** What may follow a word of a name that makes a mention a phrase, not the person ("Ward 7"). */
const PHRASE_AFTER =
  /^\s+(?:\d|(?:manager|managers|round|rounds|sister|staff|clerk|team|teams|nurse|nurses|bay|beds?|area|level|meeting|huddle|report|review|lead|officer)\b)/i;

/**
 * Later mentions of a name already found ("Mrs Ada Lovelace … Ada … Lovelace's"), in any case,
 * possessives included, and with one typo in words of five letters or more ("Lovelcae").
 * An ordinary word that was part of a name ("Dr Ward", "Mrs Bell") is a later mention only where
 * it is written like a name: capitalised, not part of a phrase ("Ward 7", "Ward Manager", "Bell's
 * palsy"). A word followed by an eponym's head ("Paget's disease") is never a mention.
 */
export function laterMentions(
  text: string,
  found: readonly Candidate[],
  carried: ReadonlyArray<{ readonly type: FindingType; readonly value: string }> = [],
): Candidate[] {
  const names = new Map<string, FindingType>();
  const surest = new Map<string, number>();
  // Ordinary words of names found in another text of the document: mentions by the same rules.
  for (const c of carried) {
    names.set(c.value.toLowerCase(), c.type);
    surest.set(c.value.toLowerCase(), CARRIED_CONFIDENCE);
  }
  /** Whole names of two or more words ("danielle ward"): repeated whole, never ordinary words. */
  const whole = new Map<string, Candidate>();
  for (const f of found) {
    if (f.type !== FindingType.NAME && f.type !== FindingType.STAFF_NAME) continue;
    const parts = text
      .slice(f.start, f.end)
      .split(/[\s.,]+/)
      .filter((w) => w.length > 1);
    if (parts.length >= 2 && f.confidence >= 0.6) {
      const words = parts.map((w) => w.replace(/['’]s$/i, '').toLowerCase());
      // "WELCH, Ned" is repeated as "ned welch" too.
      for (const key of [words.join(' '), [...words].reverse().join(' ')])
        if (!whole.has(key)) whole.set(key, f);
    }
    for (const raw of text.slice(f.start, f.end).split(/[\s.,]+/)) {
      const word = raw.replace(/['’]s$/i, '');
      const key = word.toLowerCase();
      // The surest finding of a word decides its type ("Staff Nurse Okafor" over "rang Okafor").
      if (word.length < 3 || NOT_NAMES.has(word) || (surest.get(key) ?? -1) >= f.confidence)
        continue;
      names.set(key, f.type);
      surest.set(key, f.confidence);
    }
  }
  if (names.size === 0) return [];
  const phrases = neverNamePhrases(text);
  const inPhrase = (start: number) => phrases.some((p) => p.start <= start && start < p.end);
  const ordinary = new Map<string, boolean>();
  const isOrdinary = (key: string) => {
    let value = ordinary.get(key);
    if (value === undefined) {
      value = isOrdinaryWord(key);
      ordinary.set(key, value);
    }
    return value;
  };
  const out: Candidate[] = [];
  for (const m of wordsIn(text, names)) {
    const key = m.word.toLowerCase();
    const end = m.end;
    const after = text.slice(end, end + 24);
    if (EPONYM_AFTER.test(after)) continue;
    if (isOrdinary(key)) {
      // "ward manager", "the safety huddle", "Ward 7", "HEALTH": the word, not the person.
      if (!/^\p{Lu}\p{Ll}/u.test(m.word) || PHRASE_AFTER.test(after) || inPhrase(m.start)) continue;
    }
    out.push({
      start: m.start,
      end,
      type: names.get(key)!,
      // A mention is no surer than the finding it repeats.
      confidence: Math.min(0.85, surest.get(key) ?? 0),
      rule: 'later-mention',
    });
  }
  // Only whole names with an ordinary word need this: other words are found one by one above.
  for (const key of [...whole.keys()]) if (!key.split(' ').some(isOrdinary)) whole.delete(key);
  if (whole.size > 0) {
    // Runs of two or three words separated by spaces or a comma, looked up whole.
    const longest = Math.max(...[...whole.keys()].map((k) => k.split(' ').length));
    const tokens = [...text.matchAll(WORD)];
    for (let i = 0; i < tokens.length; i++) {
      for (let n = Math.min(longest, tokens.length - i); n >= 2; n--) {
        const run = tokens.slice(i, i + n);
        if (
          run.some(
            (t, k) =>
              k > 0 &&
              !/^[\s,]+$/.test(text.slice(run[k - 1].index + run[k - 1][0].length, t.index)),
          )
        )
          continue;
        const f = whole.get(run.map((t) => t[0].toLowerCase()).join(' '));
        if (!f) continue;
        const last = run[n - 1];
        out.push({
          start: run[0].index,
          end: last.index + last[0].length,
          type: f.type,
          confidence: Math.min(0.85, f.confidence),
          rule: 'later-mention',
        });
        i += n - 1;
        break;
      }
    }
  }
  const long = [...names].filter(([name]) => name.length >= 5);
  if (long.length === 0) return out;
  for (const m of text.matchAll(
    /(?<![\p{L}\p{M}])[\p{L}\p{M}]{5,}(?=(?:['’]s)?(?![\p{L}\p{M}]))/gu,
  )) {
    const lower = m[0].toLowerCase();
    if (names.has(lower) || isEnglishWord(lower)) continue;
    const match = long.find(([name]) => editDistance(lower, name, 1) <= 1);
    if (match)
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        type: match[1],
        confidence: Math.min(0.7, surest.get(match[0]) ?? 0),
        rule: 'later-mention-typo',
      });
  }
  return out;
}

/** Lower-case words after a role or title that are never a surname ("nurse gave", "mr and"). */
const NOT_LOWER_NAMES = new Set(
  (
    'a an the and or but of in on at to for from by with was were is are had has have who which that ' +
    'this then than said says told asked gave given did does do not no on-call duty call shift in-charge ' +
    'charge practitioner manager lead team unit ward bay bed staff nurse doctor registrar consultant ' +
    'fell died rang came went saw felt found kept left made put took seemed also again all any both ' +
    'each only other own same very well will would could should may might must can her his their its'
  ).split(/\s+/),
);

/**
 * Names written in lower case after a role or a courtesy title ("staff nurse lomax", "dn pryce",
 * "mr bill carter"). The first word counts if it is a name or in no word list (after a courtesy
 * title, any word but a function word); a second word counts if it is a name too.
 */
export function lowerCaseTitledNames(text: string): Candidate[] {
  const out: Candidate[] = [];
  LOWER_AFTER_TITLE ??= /(\p{Ll}[\p{Ll}'’-]+)(?=(?:\s+(\p{Ll}[\p{Ll}'’-]+))?)/uy;
  const nameLike = (w: string) =>
    !NOT_LOWER_NAMES.has(w) && (isName(w) || isUnknownWord(w[0].toUpperCase() + w.slice(1)));
  for (const t of titlesIn(text)) {
    if (t.dot && /\p{Ll}{3}$/u.test(t.title)) continue;
    LOWER_AFTER_TITLE.lastIndex = t.end;
    const found = LOWER_AFTER_TITLE.exec(text);
    if (!found) continue;
    // Indexed as before: the title, the first word, the word after it.
    const m = {
      index: t.index,
      0: text.slice(t.index, t.end + found[0].length),
      1: t.title,
      2: found[1],
      3: found[2],
    };
    const courtesy = COURTESY_LOWER.has(t.title.toLowerCase());
    if (!/^\p{Ll}+(?:['’-]\p{Ll}+)*$/u.test(m[2])) continue;
    const first = m[2].replace(/['’]s$/, '');
    if (NOT_LOWER_NAMES.has(first) || isRoleWord(first)) continue;
    // After a role the word must be a name that is not an everyday word ("nurse lomax").
    if (
      !courtesy &&
      !(isStrongName(first) || isUnknownWord(first[0].toUpperCase() + first.slice(1)))
    )
      continue;
    let end = m.index + m[0].indexOf(m[2], m[1].length) + first.length;
    const second = m[3]?.replace(/['’]s$/, '');
    if (
      second &&
      m[2] === first &&
      nameLike(second) &&
      !/(?:ed|ing|ly)$/.test(second) &&
      (isStrongName(second) || isName(first))
    )
      end = text.indexOf(m[3], m.index + m[0].length) + second.length;
    const start = m.index + m[0].indexOf(m[2], m[1].length);
    if (!courtesy && isEnglishWord(first) && !isStrongName(first)) continue;
    out.push({
      start,
      end,
      type: courtesy ? FindingType.NAME : FindingType.STAFF_NAME,
      confidence: 0.8,
      rule: courtesy ? 'courtesy-title-lower' : 'staff-title-lower',
    });
  }
  return out;
}

/** Who speaks is a person: "Dawn said", "Ruby complained". */
const SPEECH =
  /(?<![\p{L}\p{M}'’-])(?:(\p{Lu}\p{Ll}+) )?(\p{Lu}\p{Ll}+)\s+(?:said|says|complained|reported|stated|explained|asked|told|rang|phoned|replied|shouted|cried|disclosed|insisted|admitted|agreed|refused|declined)\b/gu;

/** A capitalised name-list word before a verb of speaking is a person, even if also a word. */
export function speakerNames(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(SPEECH)) {
    const word = m[2];
    const lower = word.toLowerCase();
    if (NOT_LOWER_NAMES.has(lower) || NOT_NAMES.has(word) || isRoleWord(word)) continue;
    if (isNotPerson(word) || PHRASE_HEADS.has(lower) || !isName(word)) continue;
    if (
      /^(?:she|he|they|it|we|you|everyone|nobody|someone|somebody|family|mum|dad|mother|father|son|daughter|wife|husband|police|security|reception|switchboard|pharmacy|radiology|theatres|control)$/.test(
        lower,
      )
    )
      continue;
    // A first name before it is part of the name ("Will Brown said"), a sentence word not ("Later").
    const before = m[1];
    const withFirst =
      before !== undefined &&
      isName(before) &&
      !isNotPerson(before) &&
      !isRoleWord(before) &&
      !NOT_NAMES.has(before) &&
      // "Later Jane said": an English word opening a sentence joins only a sure name.
      (!isEnglishWord(before) ||
        !/(?:^|[.!?]\s+|\n\s*)$/.test(text.slice(Math.max(0, m.index - 3), m.index)) ||
        isWordFirstName(before));
    const start = withFirst ? m.index : m.index + m[0].indexOf(word, before?.length ?? 0);
    out.push({
      start,
      end: m.index + m[0].indexOf(word, before?.length ?? 0) + word.length,
      type: FindingType.NAME,
      confidence: 0.6,
      rule: 'speaker-name',
    });
  }
  return out;
}
