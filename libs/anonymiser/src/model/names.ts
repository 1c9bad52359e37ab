import { FindingType, type Candidate } from '../types';
import { NAME_MODEL } from './name-model';
import { type Label, tag, tokenize, type Weights } from './tagger';

let weights: Weights | undefined;

/** The shipped weights, parsed on first use (built with the code: no file or network access). */
function shipped(): Weights {
  weights ??= JSON.parse(NAME_MODEL) as Weights;
  return weights;
}

/**
 * Names the tagger finds: runs of tokens labelled NAME or STAFF whose margin is at least
 * `minMargin`, as candidates (confidence grows with the margin, at most 0.75).
 */
export function modelNames(text: string, minMargin = 1, model: Weights = shipped()): Candidate[] {
  const tagged = tag(text, model, tokenize(text));
  const out: Candidate[] = [];
  let run: { start: number; end: number; label: Label; margin: number } | undefined;
  const flush = () => {
    if (run && run.margin >= minMargin)
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
    if (t.label === 'O') {
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
  return out;
}
