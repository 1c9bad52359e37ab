import { type Candidate, FindingType } from '../types';
import { isEnglishWord } from './gazetteer';
import { editDistance } from './known';

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
];

/** Capitalised words that follow a title but are not names ("Dr on call", "Nurse Practitioner"). */
const NOT_NAMES = new Set(
  (
    'The A An On In At For Of And Or But Was Were Is Are Had Has Who Which That This Team Registrar ' +
    'Consultant Nurse Practitioner Manager Lead Call Duty Shift Night Day Team Unit Department Service ' +
    'Emergency Medical Surgical Senior Junior Specialist Associate Assistant General Clinical Staff ' +
    'Trainee Student Agency Bank Locum Covering Responsible Named Named Allocated Admitting Reviewing'
  ).split(/\s+/),
);

/** One part of a name: Okafor, McDermott, O'Neill, D'Amore, VonRueden, DuBuque, SMITH. */
const NAME_PART =
  "(?:Ma?c\\p{Lu}\\p{Ll}+|[ODL]['’]\\p{Lu}\\p{Ll}+|\\p{Lu}[\\p{Ll}\\p{M}]+(?:\\p{Lu}[\\p{Ll}\\p{M}]+)?|\\p{Lu}{2,})";
/** A name word: parts joined by hyphens or apostrophes (Kihn-O'Conner, Smith-jones). */
const NAME_WORD = `${NAME_PART}(?:[-'’](?:${NAME_PART}|\\p{Ll}+))*`;
/** After a courtesy title almost anything capitalised is a surname ("Mrs Ward", "Mr Bell"). */
const NOT_AFTER_COURTESY = new Set(['The', 'A', 'An', 'And', 'Or', 'Of', 'In', 'On', 'At', 'To']);
const INITIAL = '\\p{Lu}\\.?';

function escape(words: readonly string[], anyCaseFirstLetter = false): string {
  return words
    .slice()
    .sort((a, b) => b.length - a.length)
    .map((w) => {
      const escaped = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
      // Roles are often written in lower case ("nurse Jones"); the name after must still be capitalised.
      return anyCaseFirstLetter && /^[A-Z][a-z]/.test(w)
        ? `[${w[0]}${w[0].toLowerCase()}]${escaped.slice(1)}`
        : escaped;
    })
    .join('|');
}

/**
 * Names after titles and roles ("Mrs Ada Lovelace", "Staff Nurse Okafor", "Dr J. Smith"); the
 * title itself stays outside the finding. Courtesy titles give NAME; staff titles STAFF_NAME.
 * Initials in brackets after a role ("the staff nurse (JS)") are staff names too.
 */
export function titledNames(text: string): Candidate[] {
  const out: Candidate[] = [];
  const re = new RegExp(
    `\\b(${escape(STAFF_TITLES, true)}|${escape(COURTESY)})\\.?\\s+((?:${INITIAL}\\s*){0,2}${NAME_WORD}(?:\\s+${NAME_WORD}){0,2})`,
    'gu',
  );
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const title = m[1].replace(/\.$/, '');
    // "… the on-call registrar. Seen by …": a full stop after a role word ends a sentence.
    if (/\p{Ll}{3}$/u.test(title) && /^\.\s/.test(m[0].slice(m[1].length))) {
      re.lastIndex = m.index + m[1].length; // what follows may be a title of its own ("Mrs Miller")
      continue;
    }
    const words = m[2].split(/\s+/);
    const courtesy = COURTESY.includes(title);
    const stop = courtesy ? NOT_AFTER_COURTESY : NOT_NAMES;
    // Trim trailing words that are not names ("Dr Smith Team" → "Smith").
    while (words.length > 1 && stop.has(words[words.length - 1].replace(/\.$/, ''))) words.pop();
    if (words.length === 0 || stop.has(words[0].replace(/\.$/, ''))) continue;
    const nameText = words.join(' ');
    const start = m.index + m[0].length - m[2].length;
    const length = m[2].indexOf(words[words.length - 1]) + words[words.length - 1].length;
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

/**
 * Later mentions of a name already found ("Mrs Ada Lovelace … Ada … Lovelace's"), in any case,
 * possessives included, and with one typo in words of five letters or more ("Lovelcae").
 */
export function laterMentions(text: string, found: readonly Candidate[]): Candidate[] {
  const names = new Map<string, FindingType>();
  const surest = new Map<string, number>();
  for (const f of found) {
    if (f.type !== FindingType.NAME && f.type !== FindingType.STAFF_NAME) continue;
    for (const word of text.slice(f.start, f.end).split(/[\s.,]+/)) {
      const key = word.toLowerCase();
      // The surest finding of a word decides its type ("Staff Nurse Okafor" over "rang Okafor").
      if (word.length < 3 || NOT_NAMES.has(word) || (surest.get(key) ?? -1) >= f.confidence)
        continue;
      names.set(key, f.type);
      surest.set(key, f.confidence);
    }
  }
  if (names.size === 0) return [];
  const out: Candidate[] = [];
  const re = new RegExp(
    `(?<![\\p{L}\\p{M}])(${[...names.keys()].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{M}])`,
    'giu',
  );
  for (const m of text.matchAll(re)) {
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: names.get(m[1].toLowerCase())!,
      // A mention is no surer than the finding it repeats.
      confidence: Math.min(0.85, surest.get(m[1].toLowerCase()) ?? 0),
      rule: 'later-mention',
    });
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
