import { isEnglishWord, isNotPerson } from '../detectors/gazetteer';
import {
  EPONYM_AFTER,
  isDrug,
  isEponym,
  isRoleWord,
  isWordFirstName,
  neverNamePhrases,
} from '../detectors/lexicon';
import { FindingType, type Candidate } from '../types';
import { NAME_MODEL } from './name-model';
import { type Compiled, compile, type Label, SPEECH, tag, tokenize, type Weights } from './tagger';

let weights: Compiled | undefined;

/** The shipped weights, parsed on first use (built with the code: no file or network access). */
function shipped(): Compiled {
  weights ??= compile(JSON.parse(NAME_MODEL) as Weights);
  return weights;
}

/**
 * The margin a run of tokens needs before the tagger's word is taken: chosen on the dev half of
 * the independent corpus (issue 11), where 2 gained the most recall for no loss of precision (4 and 6 lost a span or two).
 */
export const MODEL_MARGIN = 2;
/** The margin for a single English word opening a sentence (chosen on the dev half too). */
const OPENER_MARGIN = 6;

/**
 * Names the tagger finds: runs of tokens labelled NAME or STAFF whose margin is at least
 * `minMargin`, as candidates (confidence grows with the margin, at most 0.75).
 *
 * `decided` are what the rules found: their tokens are not scored again (a name the rules found is
 * the previous label of the word after it; any other finding is not a name), and the tagger's runs
 * are only what the rules left. A word that is never a name (a drug, an eponym, a role, a
 * never-a-name phrase) is never taken from the tagger alone.
 */
export function modelNames(
  text: string,
  minMargin = MODEL_MARGIN,
  decided: readonly Candidate[] = [],
  model: Compiled = shipped(),
): Candidate[] {
  const tokens = tokenize(text);
  let fixed: Map<number, Label> | undefined;
  if (decided.length > 0) {
    const marks = new Uint8Array(text.length);
    for (const c of decided)
      marks.fill(
        c.type === FindingType.NAME ? 1 : c.type === FindingType.STAFF_NAME ? 2 : 3,
        c.start,
        c.end,
      );
    fixed = new Map();
    tokens.forEach((t, i) => {
      const mark = marks[t.start];
      if (mark) fixed!.set(i, mark === 1 ? 'NAME' : mark === 2 ? 'STAFF' : 'O');
    });
  }
  const tagged = tag(text, model, tokens, fixed);
  let out: Candidate[] = [];
  let run: { start: number; end: number; label: Label; margin: number } | undefined;
  const flush = () => {
    if (run && run.margin >= minMargin && run.margin !== Infinity)
      out.push({
        start: run.start,
        end: run.end,
        type: run.label === 'STAFF' ? FindingType.STAFF_NAME : FindingType.NAME,
        // Below the bar for carrying a name across fields (0.8): the tagger alone never spreads
        // a word, nor holds a received lesson back.
        confidence: Math.min(0.75, 0.5 + run.margin / 40),
        rule: 'name-model',
      });
    run = undefined;
  };
  for (const t of tagged) {
    // What the rules decided ends a run: the tagger adds only what they left.
    if (t.label === 'O' || t.margin === Infinity || never(t.token.text)) {
      flush();
      continue;
    }
    const gap = run ? text.slice(run.end, t.token.start) : '';
    if (run && run.label === t.label && /^[\s.'’-]*$/.test(gap) && !/\n/.test(gap)) {
      run.end = t.token.end;
      run.margin = Math.min(run.margin, t.margin);
    } else {
      flush();
      run = { start: t.token.start, end: t.token.end, label: t.label, margin: t.margin };
    }
  }
  flush();
  if (out.length === 0) return out;
  // A single English word opening a sentence ("Bill the insurer?", "Will the family…") needs a
  // surer word from the tagger than a word mid-sentence.
  const opener = (c: Candidate) =>
    !/\s/.test(text.slice(c.start, c.end)) &&
    isEnglishWord(text.slice(c.start, c.end)) &&
    opensSentence(text, c.start);
  out = out.filter((c) => !opener(c) || (c.confidence - 0.5) * 40 >= OPENER_MARGIN);
  const phrases = neverNamePhrases(text);
  return out.filter(
    (c) => plausible(text, c) && !phrases.some((p) => p.start < c.end && c.start < p.end),
  );
}

/** Words that introduce a person: roles, titles and relations ("sn love", "MW Baker", "wife jean"). */
const INTRODUCERS = new Set(
  (
    'mr mrs ms miss mx dr prof sister nurse sn rn hca hcsw dn emt mw rm midwife matron physio ' +
    'pt patient wife husband partner son daughter mum mother dad father brother sister friend ' +
    'neighbour carer nok called named'
  ).split(' '),
);

/**
 * What the tagger alone may take (the dev half of the independent corpus showed where it errs): a
 * run of two or more capitalised words; a word in no English word list; a given name that is also
 * a word ("Dawn", "Precious"); or any word right after a role, title or relation. A single English
 * word ("Concern raised…", "to write to", "Universal Credit") it may not.
 */
function plausible(text: string, c: Candidate): boolean {
  const words = text
    .slice(c.start, c.end)
    .split(/[\s.]+/)
    .filter(Boolean);
  const before = /([\p{L}]+)[\s,:]*$/u.exec(text.slice(Math.max(0, c.start - 24), c.start));
  if (before !== null && INTRODUCERS.has(before[1].toLowerCase())) return true;
  // In lower case only after such a word ("hcsw dawn"), or two words together ("pt dawn khan").
  if (words.length === 1 && !/^\p{Lu}/u.test(words[0])) return false;
  if (words.length >= 2) return true;
  const [word] = words;
  // A letter alone ("(M, 54)") is an initial only inside a name.
  if (word.length < 2) return false;
  const after = text.slice(c.end, c.end + 30);
  // "Fraser guidelines", "Wilson's disease": a word named after a person, not the person.
  if (EPONYM_AFTER.test(after)) return false;
  // A word opening a sentence before "the", "we", "this"… is a verb ("Bill the patient", "Mark
  // the chart", "May we…"), not a name.
  if (
    opensSentence(text, c.start) &&
    /^\s+(?:the|a|an|this|that|these|those|it|its|we|us|you|your|our|my|her|his|him|their|them|all|any|each|every)\b/i.test(
      after,
    )
  )
    return false;
  // Words of English parts ("X-ray", "Self-harm", "MBRRACE-UK") are not names.
  if (
    word.includes('-') &&
    word.split('-').every((part) => isEnglishWord(part) || part === part.toUpperCase())
  )
    return false;
  return !isEnglishWord(word) || isWordFirstName(word);
}

/** Words the tagger reads as cues for a name next to them, never names themselves. */
const CUES = new Set([
  ...SPEECH,
  ...'director chief head executive chair officer governor guardian deputy'.split(' '),
]);

/** Whether a sentence, clause or line starts at `start`. */
function opensSentence(text: string, start: number): boolean {
  return /(?:^|[.!?:;]\s*|\n\s*)$/.test(text.slice(Math.max(0, start - 4), start));
}

function never(word: string): boolean {
  return (
    // acronyms: "PALS", "NOK", "SSKIN"
    (word.length >= 2 && word === word.toUpperCase()) ||
    CUES.has(word.toLowerCase()) ||
    isNotPerson(word) ||
    isDrug(word) ||
    isEponym(word) ||
    isRoleWord(word)
  );
}
