import { isEnglishWord, isNotPerson } from '../detectors/gazetteer';
import { isDrug, isEponym, isRoleWord, neverNamePhrases } from '../detectors/lexicon';
import { FindingType, type Candidate } from '../types';
import { NAME_MODEL } from './name-model';
import { type Compiled, compile, type Label, tag, tokenize, type Weights } from './tagger';

let weights: Compiled | undefined;

/** The shipped weights, parsed on first use (built with the code: no file or network access). */
function shipped(): Compiled {
  weights ??= compile(JSON.parse(NAME_MODEL) as Weights);
  return weights;
}

/**
 * The margin a run of tokens needs before the tagger's word is taken: chosen on the dev half of
 * the independent corpus (issue 11), where 4 gained recall for the least precision.
 */
export const MODEL_MARGIN = 4;
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
    /(?:^|[.!?:;]\s*|\n\s*)$/.test(text.slice(Math.max(0, c.start - 4), c.start));
  out = out.filter((c) => !opener(c) || (c.confidence - 0.5) * 40 >= OPENER_MARGIN);
  const phrases = neverNamePhrases(text);
  return out.filter((c) => !phrases.some((p) => p.start < c.end && c.start < p.end));
}

/** Words the tagger reads as cues for a name next to them, never names themselves. */
const CUES = new Set(
  (
    'said says told asked reported stated explained complained called rang phoned confirmed ' +
    'agreed recalled remembered noticed felt wrote described added replied raised director ' +
    'chief head executive chair officer governor guardian deputy'
  ).split(' '),
);

function never(word: string): boolean {
  return (
    // acronyms: "PALS", "NOK", "CMHT"
    (word.length <= 4 && word === word.toUpperCase()) ||
    CUES.has(word.toLowerCase()) ||
    isNotPerson(word) ||
    isDrug(word) ||
    isEponym(word) ||
    isRoleWord(word)
  );
}
