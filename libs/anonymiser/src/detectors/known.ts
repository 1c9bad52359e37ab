import { type Candidate, type FindingType } from '../types';

/** Something the author knows is in the text: a patient's name, their NHS number, a staff name … */
export interface KnownIdentifier {
  readonly type: FindingType;
  readonly value: string;
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment): "Anedrson" is one edit
 * from "Anderson". Stops early once the distance exceeds `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, before[j - 2] + 1);
      current[j] = value;
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;

/**
 * Every surface form of identifiers the author entered: each word of a name in any case, with
 * possessives, and with one typo in words of five letters or more; numbers with any separators
 * (or none) between their digits.
 */
export function knownIdentifiers(text: string, known: readonly KnownIdentifier[]): Candidate[] {
  const out: Candidate[] = [];
  const words = new Map<string, FindingType>();
  for (const item of known) {
    const digits = item.value.replace(/\D/g, '');
    if (digits.length >= 4 && digits.length >= item.value.replace(/[\s.-]/g, '').length - 3) {
      const pattern = new RegExp(`(?<!\\d)${digits.split('').join('[\\s./-]?')}(?!\\d)`, 'g');
      for (const m of text.matchAll(pattern)) {
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          type: item.type,
          confidence: 0.99,
          rule: 'known-number',
        });
      }
      continue;
    }
    for (const word of item.value.match(WORD) ?? []) {
      if (word.length >= 2) words.set(word.toLowerCase(), item.type);
    }
  }
  if (words.size === 0) return out;
  for (const m of text.matchAll(WORD)) {
    const token = m[0];
    const bare = token.replace(/['’]s$/i, '');
    const lower = bare.toLowerCase();
    let type = words.get(lower);
    let rule = 'known-name';
    if (!type && lower.length >= 5) {
      for (const [word, wordType] of words) {
        if (word.length >= 5 && editDistance(lower, word, 1) <= 1) {
          type = wordType;
          rule = 'known-name-typo';
          break;
        }
      }
    }
    if (type)
      out.push({
        start: m.index,
        end: m.index + bare.length,
        type,
        confidence: rule === 'known-name' ? 0.99 : 0.9,
        rule,
      });
  }
  return out;
}
