import { type Candidate, FindingType } from '../types';
import { isEnglishWord, isName, isNotPerson, isStrongName, isUnknownWord } from './gazetteer';
import {
  EPONYM_AFTER,
  isDrug,
  isEponym,
  isRoleWord,
  isWordFirstName,
  neverNamePhrases,
} from './lexicon';

const TOKEN =
  /(?<![\p{L}\p{M}'’-])((?:Ma?c\p{Lu}\p{Ll}+|O['’]\p{Lu}\p{Ll}+|\p{Lu}[\p{Ll}\p{M}]+)(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)*|\p{Lu}{2,}(?:['’-]\p{Lu}+)*)(['’]s)?(?![\p{L}\p{M}])/gu;
/** Last words of title-case NHS phrases whose other words may be in the name list. */
export const PHRASE_HEADS = new Set(
  (
    'lead leads round rounds risk risks manager managers director directors group groups board ' +
    'boards team teams forum panel review reviews meeting meetings huddle huddles report reports ' +
    'plan plans policy policies pathway pathways service services office unit units committee ' +
    'network programme project officer officers nurse nurses practitioner practitioners guardian ' +
    'assessment assessments bundle tool chart form framework standard standards scheme award'
  ).split(/\s+/),
);

interface Token {
  start: number;
  end: number;
  word: string;
  /** In neither the name list nor the English word list. */
  unknown: boolean;
  /** An English word opening a sentence: part of a name only beside a sure one ("Dawn Hemsley"). */
  opener?: boolean;
}

/**
 * Names written without a title: runs of capitalised (or all-capital) words from the name list.
 * A run is a name if one of its words is a name that is not also an English word ("Okafor"); two
 * or more name words together ("Grace Brown") are a name too. A single name that is also a word
 * ("Grace", "May", "Will") is left alone unless it was found elsewhere as part of a name.
 * Eponyms and scores ("Parkinson's disease", "Waterlow score") are not people.
 */
export function untitledNames(text: string, found: readonly Candidate[]): Candidate[] {
  const covered = coverage([...found, ...neverNamePhrases(text)]);
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    // "Ada’s" is "Ada" and a possessive, whichever alternative of TOKEN took it.
    const word = m[1].replace(/['’]s$/, '');
    const end = m.index + word.length;
    if (covered(m.index, end)) continue;
    if (EPONYM_AFTER.test(text.slice(end, end + 24))) continue;
    if (isNotPerson(word) || isRoleWord(word)) continue;
    // Short words in capitals are acronyms ("PALS", "CMHT"), unless written "SMITH, Jo".
    if (
      word.length < 2 ||
      (word === word.toUpperCase() &&
        (word.length < 3 || (word.length <= 4 && !/^,\s?\p{Lu}/u.test(text.slice(end, end + 3)))))
    )
      continue;
    // A capitalised word in no word list is most likely a name the list lacks ("Keshawn").
    // "El-Sayed", "Okoro-Hughes": capitalised parts that are all in the name list.
    const compound =
      /^\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}[\p{Ll}\p{M}]+)+$/u.test(word) &&
      word.split('-').every((part) => isName(part));
    const unknown = compound || isUnknownWord(word, m[2] !== undefined);
    if (!unknown && !isName(word)) continue;
    tokens.push({ start: m.index, end, word, unknown });
  }
  const out: Candidate[] = [];
  let run: Token[] = [];
  const flush = () => {
    if (run[0]?.opener) {
      const rest = run.slice(1);
      if (!rest.some((t) => isStrongName(t.word) || t.unknown)) run = rest;
    }
    if (run.length === 0) return;
    const strong = run.some((t) => isStrongName(t.word));
    const unknown = run.some((t) => t.unknown);
    // "Quality Lead", "Grand Round", "Rail Risk": title-case phrases of the NHS, not people.
    const phrase = !strong && !unknown && PHRASE_HEADS.has(run[run.length - 1].word.toLowerCase());
    // "Ockenden", "Caldicott", "Gillick" alone are reports and rulings; "Ruth Gillick" is a person.
    const eponyms = run.every((t) => isEponym(t.word));
    if ((strong || unknown || run.length >= 2) && !phrase && !eponyms) {
      out.push({
        start: run[0].start,
        end: run[run.length - 1].end,
        type: FindingType.NAME,
        confidence: strong ? 0.8 : run.length >= 2 ? 0.6 : 0.4,
        rule: strong ? 'name-list' : run.length >= 2 ? 'name-list-pair' : 'unknown-capitalised',
      });
    }
    run = [];
  };
  for (const token of tokens) {
    // A capitalised English word opening a sentence ("Later", "Will") is not evidence of a name.
    const before = text.slice(Math.max(0, token.start - 3), token.start);
    const surnameFirst =
      token.word === token.word.toUpperCase() &&
      /^,\s?\p{Lu}/u.test(text.slice(token.end, token.end + 3));
    if (
      !surnameFirst &&
      isEnglishWord(token.word) &&
      (token.start === 0 || /(?:[.!?]\s+|\n\s*)$/.test(before))
    ) {
      flush();
      if (isWordFirstName(token.word) || isName(token.word)) run.push({ ...token, opener: true });
      continue;
    }
    const previous = run[run.length - 1];
    const gap = previous ? text.slice(previous.end, token.start) : '';
    // Words join a name across a space, or across a comma after a surname in capitals ("SMITH, Jo").
    // A word in capitals joins only a name in capitals ("SMITH JOHN", not "Dafydd PALS").
    const caseBreak =
      previous !== undefined &&
      token.word === token.word.toUpperCase() &&
      previous.word !== previous.word.toUpperCase();
    const joins =
      previous &&
      !caseBreak &&
      (/^(?:['’]s)?\s$/.test(gap) ||
        // A middle initial or surname particles inside a name ("Jo K. Bates", "Ana van der Berg").
        /^\s(?:\p{Lu}\.?\s|(?:(?:da|de|del|della|der|den|di|do|dos|du|la|le|van|von|ter|ten|bin|ibn|ap|al|el)\s){1,2})$/u.test(
          gap,
        ) ||
        (/^,\s?$/.test(gap) && previous.word === previous.word.toUpperCase()));
    if (joins && run.length < 4) run.push(token);
    else {
      flush();
      run.push(token);
    }
  }
  flush();
  return out;
}

/** Whether [start, end) overlaps any of `spans`, in O(log n) per question. */
function coverage(
  spans: ReadonlyArray<{ start: number; end: number }>,
): (start: number, end: number) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  let max = 0;
  for (const span of sorted) maxEnd.push((max = Math.max(max, span.end)));
  return (start, end) => {
    // Last span starting before `end`: overlaps exist iff some span up to it ends after `start`.
    let lo = 0;
    let hi = sorted.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].start < end) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return last >= 0 && maxEnd[last] > start;
  };
}

const NAME_TOKEN =
  "(?:[ODL]['’]|Ma?c)?\\p{Lu}[\\p{Ll}\\p{M}]+(?:\\p{Lu}[\\p{Ll}\\p{M}]+)?(?:[-'’]\\p{Lu}?[\\p{Ll}\\p{M}]+)*";

/**
 * Words after which a capitalised word is a person: the patient, a relative, or someone spoken to
 * ("Patient Talon Wuckert", "her husband Bell", "told Polly").
 */
const RELATION = new RegExp(
  `(?<![\\p{L}])(?:(patient|pt)|(husband|wife|partner|son|daughter|mother|father|mum|dad|brother|sister|grandson|granddaughter|grandmother|grandfather|niece|nephew|aunt|uncle|carer|friend|neighbour|fianc[eé]e?|widow(?:er)?|next of kin|NOK|told|asked|informed|reassured|advised|thanked|phoned|rang|contacted|visited|reminded|warned|spoke (?:to|with)|explained to|said to|handed over to))[,:]?\\s+(${NAME_TOKEN}(?:\\s+${NAME_TOKEN})?)`,
  'giu',
);

/**
 * Names introduced by who they are ("Patient Talon Wuckert", "her son Major", "told Polly"). After
 * "patient" the word must be a name or in no list ("Patient Safety" is not a person); after a
 * relative or a verb of speaking the same holds, but eponyms that are surnames count ("Bell").
 */
export function relationNames(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(RELATION)) {
    const lead = m[1] ?? m[2];
    // The relation word may be any case, the name must be capitalised (the `i` flag hides that),
    // except a name that is no English word after a relative ("her son kwabena").
    if (!/^\p{Lu}/u.test(m[3])) {
      const word = m[3].split(/\s+/)[0].replace(/['’]s$/, '');
      const relative =
        m[2] !== undefined &&
        !/^(?:told|asked|informed|reassured|advised|thanked|phoned|rang|contacted|visited|reminded|warned|spoke|explained|said|handed)/i.test(
          m[2],
        );
      const capital = word[0].toUpperCase() + word.slice(1);
      if (
        relative &&
        word.length >= 4 &&
        !COMMON_WORDS.has(word) &&
        (isStrongName(capital) || isUnknownWord(capital))
      ) {
        const start = m.index + m[0].length - m[3].length;
        out.push({
          start,
          end: start + word.length,
          type: FindingType.NAME,
          confidence: 0.6,
          rule: 'relation-name-lower',
        });
      }
      continue;
    }
    const words = m[3].split(/\s+/).map((w) => w.replace(/['’]s$/, ''));
    if (words.some((w) => !/^\p{Lu}/u.test(w))) words.length = 1;
    const nameLike = (w: string) => isName(w) || isUnknownWord(w);
    const patient = m[1] !== undefined;
    // A surname that is also an eponym ("her husband Bell") counts; a day or a service does not.
    // After "patient" a first name in no list counts when a name follows ("Patient Unique Smith").
    // "Patient Danielle Ward" is a person, "Patient Safety Team" is not.
    const secondOk =
      words.length > 1 &&
      nameLike(words[1]) &&
      !isNeverPerson(words[1]) &&
      !isRoleWord(words[1]) &&
      !PHRASE_HEADS.has(words[1].toLowerCase()) &&
      (!isNotPerson(words[1]) || (nameLike(words[0]) && !isNotPerson(words[0])));
    const firstOk =
      !isNeverPerson(words[0]) &&
      !isRoleWord(words[0]) &&
      !isDrug(words[0]) &&
      (nameLike(words[0])
        ? !patient || !isNotPerson(words[0]) || secondOk
        : patient && secondOk && !isNotPerson(words[0]));
    if (!firstOk || lead === undefined) continue;
    const kept = secondOk ? words : words.slice(0, 1);
    const start = m.index + m[0].length - m[3].length;
    const end = start + m[3].indexOf(kept[kept.length - 1]) + kept[kept.length - 1].length;
    out.push({
      start,
      end,
      type: FindingType.NAME,
      confidence: patient ? 0.8 : 0.6,
      rule: 'relation-name',
    });
  }
  return out;
}

/** Days, months and seasons: never a person, even after "told" ("told Tuesday"). */
function isNeverPerson(word: string): boolean {
  return /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|christmas|easter)$/i.test(
    word,
  );
}

/** "SURNAME, Firstname" as in a patient list or a record header. */
export function surnameFirstNames(text: string): Candidate[] {
  const out: Candidate[] = [];
  const re =
    /(?<![\p{L}\p{N}])(\p{Lu}+(?:[-'’]\p{Lu}+)*),\s?(\p{Lu}[\p{Ll}\p{M}]+(?:[-'’]\p{Lu}?[\p{Ll}\p{M}]+)*)(?![\p{L}])/gu;
  for (const m of text.matchAll(re)) {
    const surname = m[1];
    // "CMHT, Oak Memory Service": an abbreviation (no vowel) is not a surname.
    if (!/[AEIOUY]/.test(surname)) continue;
    // "SMITH, Jo's chart": the possessive stays outside.
    const first = m[2].replace(/['’]s$/, '');
    if (surname.length < 3) continue;
    const titled = surname[0] + surname.slice(1).toLowerCase();
    if (!isName(first) && !isUnknownWord(first) && !isName(titled) && !isUnknownWord(titled))
      continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length - (m[2].length - first.length),
      type: FindingType.NAME,
      confidence: 0.85,
      rule: 'surname-first',
    });
  }
  return out;
}

/**
 * Everyday words that are also in the (noisy) name list: "said", "and", "will". A lower-case pair
 * with one of them is not a name.
 */
const COMMON_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have he her here him his ' +
    'how i if in into is it its just may me might more most must my no not now of on or our out over said ' +
    'says see seen she should so some such than that the their them then there these they this those to ' +
    'too under up upon us very was we were what when where which while who whom why will with would you ' +
    'your also after again all any because before being both down each few further once only other own ' +
    'same through until well got get gave given went came told asked saw felt found kept left made put ' +
    'ran rang took seemed new old long young little king rose may june mark bill grace hope faith joy ' +
    'patient nurse doctor ward bed son wife husband daughter mother father family staff team ' +
    'partner carer mum dad brother sister friend neighbour niece nephew aunt uncle grandson ' +
    'granddaughter grandmother grandfather cousin'
  ).split(/\s+/),
);

/**
 * Names written all in lower case ("the family of sunny hackett"): two adjacent words that are
 * both names (or one a name and the other in no list), at least one of them not an English word.
 */
export function lowerCaseNames(text: string): Candidate[] {
  const out: Candidate[] = [];
  const re =
    /(?<![\p{L}\p{M}'’-])(\p{Ll}{2,}(?:-\p{Ll}{2,})*)\s(\p{Ll}{2,}(?:-\p{Ll}{2,})*)(?:['’]s)?(?![\p{L}\p{M}'’-])/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [a, b] = [m[1], m[2]];
    if (COMMON_WORDS.has(a) || COMMON_WORDS.has(b)) {
      re.lastIndex = m.index + a.length + 1;
      continue;
    }
    const nameA = isName(a) && !isNotPerson(a);
    const nameB = isName(b) && !isNotPerson(b);
    const strong = isStrongName(a) || isStrongName(b);
    const unknownA = !nameA && isUnknownWord(a[0].toUpperCase() + a.slice(1));
    const unknownB = !nameB && isUnknownWord(b[0].toUpperCase() + b.slice(1));
    // A name beside a longer word in no list counts too ("charlotte gorczany", "trace strosin-rath").
    const nameAndUnknown =
      (nameA && unknownB && b.length >= 5) || (unknownA && nameB && a.length >= 5);
    if ((strong && (nameA || unknownA) && (nameB || unknownB)) || nameAndUnknown) {
      out.push({
        start: m.index,
        end: m.index + a.length + 1 + b.length,
        type: FindingType.NAME,
        confidence: 0.6,
        rule: 'lower-case-name',
      });
      continue;
    }
    // Overlapping pairs: try again from the second word.
    re.lastIndex = m.index + a.length + 1;
  }
  return out;
}

const NAME_WORD = String.raw`\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)*`;
/** First name, middle initial, surname: "Grace M. Brook", "john p. carter". */
const WITH_INITIAL = new RegExp(
  String.raw`(?<![\p{L}\p{M}'’-])(${NAME_WORD}|\p{Ll}{2,})\s(\p{L})\.\s?(${NAME_WORD}|\p{Ll}{2,})(?![\p{L}\p{M}])`,
  'gu',
);

/** A word that may be one part of a name: in the name list, in no list, or a surname-like word. */
function nameLike(word: string): boolean {
  return isName(word) || isUnknownWord(word) || isNotPerson(word);
}

/**
 * Names with a middle initial: a first name, one letter and a full stop, and a surname. The shape
 * is evidence enough for a surname that is also a word ("Grace M. Brook", "Gurpreet G. Turner");
 * the two words must be in the name list or in no list, in the same case, and not a drug, a role or
 * an eponym phrase ("Hepatitis B. Then" is not a name: "Hepatitis" is in no name list).
 */
export function namesWithInitials(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(WITH_INITIAL)) {
    const [, first, initial, last] = m;
    const lower = first === first.toLowerCase();
    if (lower !== (last === last.toLowerCase()) || lower !== (initial === initial.toLowerCase()))
      continue;
    if (!(isName(first) || isUnknownWord(first)) || !nameLike(last)) continue;
    if ([first, last].some((w) => isDrug(w) || isRoleWord(w) || (isEponym(w) && w === first)))
      continue;
    const end = m.index + m[0].length;
    if (EPONYM_AFTER.test(text.slice(end, end + 24))) continue;
    out.push({
      start: m.index,
      end,
      type: FindingType.NAME,
      confidence: 0.8,
      rule: 'name-with-initial',
    });
  }
  return out;
}

/**
 * A surname that is also an ordinary word ("Bell", "Ward", "Turner") after a first name that is
 * surely a name ("Tiago Bell", "Paulette Ward"): the found name is extended over it when the word
 * is capitalised, in the name list or a surname-like word, and not a word that ends an NHS phrase
 * ("Okafor Ward Round" is not extended; "Tiago Bell, home manager" is).
 */
export function extendSurnames(text: string, found: readonly Candidate[]): Candidate[] {
  return found.map((c) => {
    if (c.type !== FindingType.NAME && c.type !== FindingType.STAFF_NAME) return c;
    const word = text.slice(c.start, c.end);
    if (!/^\p{Lu}[\p{Ll}\p{M}'’-]+$/u.test(word) || !(isStrongName(word) || isUnknownWord(word)))
      return c;
    const m = /^\s(\p{Lu}[\p{Ll}\p{M}]+)(?=(['’]s)?[\s,.;:)]|$)(?!(?:['’]s)?\s+\p{Lu})/u.exec(
      text.slice(c.end, c.end + 40),
    );
    if (!m) return c;
    const next = m[1];
    const lower = next.toLowerCase();
    if (!(isName(next) || isNotPerson(next)) || isDrug(next) || isWordFirstName(next)) return c;
    if (PHRASE_HEADS.has(lower) && lower !== 'nurse') return c;
    if (EPONYM_AFTER.test(text.slice(c.end + m[0].length, c.end + m[0].length + 24))) return c;
    return { ...c, end: c.end + m[0].length };
  });
}
