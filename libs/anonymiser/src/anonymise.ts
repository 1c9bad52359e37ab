import { ages, agesAfterNames, dates } from './detectors/dates';
import { knownIdentifiers } from './detectors/known';
import {
  isOrdinaryWord,
  laterMentions,
  lowerCaseTitledNames,
  speakerNames,
  titledNames,
} from './detectors/names';
import {
  extendSurnames,
  lowerCaseNames,
  namesWithInitials,
  relationNames,
  surnameFirstNames,
  untitledNames,
} from './detectors/untitled-names';
import {
  emails,
  hospitalNumbers,
  nhsNumbers,
  phones,
  postcodes,
  registrationNumbers,
} from './detectors/numbers';
import { addresses, beds, namedPlaces } from './detectors/places';
import { modelNames } from './model/names';
import { toOriginal, viewOf } from './text-view';
import {
  type AnonymiseResult,
  type AnonymiserOptions,
  type Candidate,
  type Finding,
  FindingType,
  PLACEHOLDERS,
} from './types';

/** Which type wins when two findings cover exactly the same text. */
const PRIORITY: Record<FindingType, number> = {
  LOCAL_TERM: 14,
  EMAIL: 13,
  NHS_NUMBER: 12,
  DATE_OF_BIRTH: 11,
  REGISTRATION_NUMBER: 10,
  POSTCODE: 9,
  ADDRESS: 8,
  PHONE: 7,
  HOSPITAL_NUMBER: 6,
  PLACE: 5.5,
  DATE: 5,
  AGE: 4,
  BED: 3,
  STAFF_NAME: 2,
  NAME: 1,
};

/** Longest first, then surest, then by priority; overlapping losers are dropped. */
function resolve(candidates: Candidate[]): Candidate[] {
  const sorted = candidates
    .filter((c) => c.end > c.start)
    .sort(
      (a, b) =>
        a.start - b.start ||
        b.end - b.start - (a.end - a.start) ||
        PRIORITY[b.type] - PRIORITY[a.type] ||
        b.confidence - a.confidence,
    );
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const last = kept[kept.length - 1];
    if (last && c.start < last.end) {
      // Overlap: spans of one type merge ("aged 84" + "84 year old"); otherwise the longer wins.
      if (c.type === last.type) kept[kept.length - 1] = { ...last, end: Math.max(last.end, c.end) };
      else if (c.end - c.start > last.end - last.start) kept[kept.length - 1] = c;
      continue;
    }
    kept.push(c);
  }
  return kept;
}

/** What may stand between two parts of one name: a space, a middle initial, surname particles. */
const NAME_GAP =
  /^\s(?:\p{Lu}\.?\s)?(?:(?:da|de|del|della|der|den|di|do|dos|du|la|le|van|von|ter|ten|bin|ibn|ap|al|el)\s){0,2}$/iu;

/**
 * Name findings side by side ("Danielle" "Ward"), with a middle initial between them ("Ada" "K."
 * "Lovelace") or surname particles ("Maryam" "de" "Souza"), are one name: the initial and the
 * particles identify too. Parts found by different rules may differ in type; the surer one's wins.
 */
function joinNames(text: string, kept: Candidate[]): Candidate[] {
  const isName = (c: Candidate) => c.type === FindingType.NAME || c.type === FindingType.STAFF_NAME;
  const out: Candidate[] = [];
  for (const c of kept) {
    const last = out[out.length - 1];
    let gap = last ? text.slice(last.end, c.start) : '';
    // "Robert C" found without the initial's full stop: the stop belongs to the name.
    if (last && /(?:^|\s)\p{Lu}$/u.test(text.slice(last.start, last.end)) && gap.startsWith('.'))
      gap = gap.slice(1);
    if (last && isName(last) && isName(c) && NAME_GAP.test(gap)) {
      out[out.length - 1] = {
        ...last,
        type: c.confidence > last.confidence ? c.type : last.type,
        end: c.end,
        confidence: Math.max(last.confidence, c.confidence),
      };
      continue;
    }
    out.push(c);
  }
  return out;
}

/**
 * Finds identifiers in `text` and returns them with exact offsets (UTF-16 code units of the
 * original text) and a redacted copy with typed placeholders. Pure, deterministic, no I/O.
 */
export function anonymise(text: string, options: AnonymiserOptions = {}): AnonymiseResult {
  return scan(text, options, []);
}

/** `anonymise`, with ordinary words of names found in other texts of the same document. */
function scan(
  text: string,
  options: AnonymiserOptions,
  carried: readonly KnownIdentifierValue[],
): AnonymiseResult {
  if (text.length === 0) return { findings: [], redacted: '' };
  const view = viewOf(text);
  const t = view.text;
  const first = [
    ...emails(t),
    ...nhsNumbers(t),
    ...phones(t),
    ...postcodes(t),
    ...hospitalNumbers(t, options.hospitalNumberPatterns),
    ...registrationNumbers(t),
    ...dates(t),
    ...ages(t),
    ...beds(t),
    ...addresses(t),
    ...namedPlaces(t),
    ...titledNames(t),
    ...lowerCaseTitledNames(t),
    ...speakerNames(t),
    ...relationNames(t),
    ...surnameFirstNames(t),
    ...lowerCaseNames(t),
    ...namesWithInitials(t),
    ...knownIdentifiers(t, options.knownIdentifiers ?? []),
    ...localTerms(t, options.alwaysRedact ?? []),
  ];
  const ruled = [...first, ...untitledNames(t, first)];
  // The name tagger, for what rules cannot reach (lone first names that are words, lower-case
  // names in notes): only words the rules left, and never sure enough to carry a name elsewhere.
  const named =
    options.modelMargin === Infinity
      ? ruled
      : [...ruled, ...modelNames(t, options.modelMargin, ruled)];
  const never = new Set(
    (options.neverRedact ?? []).map((term) => term.trim().toLowerCase()).filter(Boolean),
  );
  const mentions = [...named, ...laterMentions(t, named, carried)];
  const candidates = joinNames(
    t,
    resolve(extendSurnames(t, resolve([...mentions, ...agesAfterNames(t, mentions)]))),
  ).filter(
    (c) => c.type === FindingType.LOCAL_TERM || !never.has(t.slice(c.start, c.end).toLowerCase()),
  );
  const findings: Finding[] = candidates.map((c) => ({
    ...toOriginal(view, c.start, c.end),
    type: c.type,
    confidence: c.confidence,
    rule: c.rule,
  }));
  return { findings, redacted: redact(text, findings) };
}

/** Whole-word, any-case occurrences of the node's always-redact terms. */
function localTerms(text: string, terms: readonly string[]): Candidate[] {
  const cleaned = terms.map((term) => term.trim()).filter((term) => term.length >= 2);
  if (cleaned.length === 0) return [];
  const escaped = cleaned
    .sort((a, b) => b.length - a.length)
    .map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const out: Candidate[] = [];
  for (const m of text.matchAll(re)) {
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: FindingType.LOCAL_TERM,
      confidence: 1,
      rule: 'node-word-list',
    });
  }
  return out;
}

/** Replaces each finding with its placeholder. */
export function redact(text: string, findings: readonly Finding[]): string {
  let out = '';
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    out += text.slice(at, f.start) + PLACEHOLDERS[f.type];
    at = f.end;
  }
  return out + text.slice(at);
}

/** Findings of names this sure are applied to every text of a document. */
const PROPAGATE_CONFIDENCE = 0.8;

/**
 * Names found anywhere in a document apply to all its texts (the fields of one lesson): "Mr
 * Bartholomew Quince" in the title makes "Quince had fallen before" in another field a finding,
 * though "Quince" opening a sentence is an ordinary word on its own. Returns each text's result
 * and the names carried across, which callers include in what decides whether to scan again.
 */
export function anonymiseDocument(
  texts: readonly string[],
  options: AnonymiserOptions = {},
): { results: AnonymiseResult[]; propagated: KnownIdentifierValue[] } {
  const seen = new Map<string, KnownIdentifierValue>();
  for (const text of texts) {
    for (const f of anonymise(text, options).findings) {
      if (f.type !== FindingType.NAME && f.type !== FindingType.STAFF_NAME) continue;
      if (f.confidence < PROPAGATE_CONFIDENCE) continue;
      for (const word of text.slice(f.start, f.end).split(/[\s,.]+/)) {
        const clean = word.replace(/['’]s$/i, '');
        if (clean.length < 3 || !/^\p{L}/u.test(clean)) continue;
        const key = clean.toLowerCase();
        if (!seen.has(key)) seen.set(key, { type: f.type, value: clean });
      }
    }
  }
  const propagated = [...seen.values()].sort((a, b) => a.value.localeCompare(b.value));
  if (propagated.length === 0)
    return { results: texts.map((text) => anonymise(text, options)), propagated };
  // A name that is also an ordinary word ("Ward", "Quince") is carried as a later mention, found
  // only where it is written like a name; other names as known identifiers (any case, typos).
  const ordinary = propagated.filter((p) => isOrdinaryWord(p.value));
  const withNames: AnonymiserOptions = {
    ...options,
    knownIdentifiers: [
      ...(options.knownIdentifiers ?? []),
      ...propagated.filter((p) => !isOrdinaryWord(p.value)),
    ],
  };
  return { results: texts.map((text) => scan(text, withNames, ordinary)), propagated };
}

type KnownIdentifierValue = { readonly type: FindingType; readonly value: string };
