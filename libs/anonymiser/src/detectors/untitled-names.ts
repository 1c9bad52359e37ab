import { type Candidate, FindingType } from '../types';
import { isEnglishWord, isName, isNotPerson, isStrongName } from './gazetteer';

const TOKEN =
  /(?<![\p{L}\p{M}'’-])((?:Ma?c\p{Lu}\p{Ll}+|O['’]\p{Lu}\p{Ll}+|\p{Lu}[\p{Ll}\p{M}]+)(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)*|\p{Lu}{2,}(?:['’-]\p{Lu}+)*)(['’]s)?(?![\p{L}\p{M}])/gu;
const EPONYM_AFTER =
  /^(?:['’]s)?\s+(?:disease|syndrome|palsy|sign|score|scale|criteria|classification|tool|test|procedure|manoeuvre|maneuver|law|chart|grade|stage|method|bundle|guidance|protocol|hospital|infirmary|house|road|street|ward|unit|centre|center|practice|surgery|school|college)\b/i;

interface Token {
  start: number;
  end: number;
  word: string;
}

/**
 * Names written without a title: runs of capitalised (or all-capital) words from the name list.
 * A run is a name if one of its words is a name that is not also an English word ("Okafor"); two
 * or more name words together ("Grace Brown") are a name too. A single name that is also a word
 * ("Grace", "May", "Will") is left alone unless it was found elsewhere as part of a name.
 * Eponyms and scores ("Parkinson's disease", "Waterlow score") are not people.
 */
export function untitledNames(text: string, found: readonly Candidate[]): Candidate[] {
  const covered = coverage(found);
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const word = m[1];
    const end = m.index + word.length;
    if (covered(m.index, end)) continue;
    if (EPONYM_AFTER.test(text.slice(end, end + 24))) continue;
    if (isNotPerson(word) || !isName(word)) continue;
    if (word.length < 2 || (word === word.toUpperCase() && word.length < 3)) continue;
    tokens.push({ start: m.index, end, word });
  }
  const out: Candidate[] = [];
  let run: Token[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const strong = run.some((t) => isStrongName(t.word));
    if (strong || run.length >= 2) {
      out.push({
        start: run[0].start,
        end: run[run.length - 1].end,
        type: FindingType.NAME,
        confidence: strong ? 0.8 : 0.6,
        rule: strong ? 'name-list' : 'name-list-pair',
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
      continue;
    }
    const previous = run[run.length - 1];
    const gap = previous ? text.slice(previous.end, token.start) : '';
    // Words join a name across a space, or across a comma after a surname in capitals ("SMITH, Jo").
    const joins =
      previous &&
      (/^(?:['’]s)?\s$/.test(gap) ||
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
function coverage(spans: readonly Candidate[]): (start: number, end: number) => boolean {
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
