/**
 * A cleaned copy of a text for scanning, with a map back to the original offsets.
 *
 * Invisible characters that can hide inside an identifier (zero-width spaces and joiners, bidi
 * marks, soft hyphens, BOM) are dropped; unusual spaces become a plain space and unusual dashes a
 * plain hyphen. Everything else, including combining marks and emoji, is kept as it is, so offsets
 * stay exact in UTF-16 code units.
 */
export interface TextView {
  readonly text: string;
  /** `map[i]` is the original offset of `text[i]`; `map[text.length]` is the original length. */
  readonly map: Uint32Array;
}

const DROPPED = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t]/;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;

export function viewOf(original: string): TextView {
  const map = new Uint32Array(original.length + 1);
  const out: string[] = [];
  let n = 0;
  for (let i = 0; i < original.length; i++) {
    const ch = original[i];
    if (DROPPED.test(ch)) continue;
    out.push(SPACES.test(ch) ? ' ' : DASHES.test(ch) ? '-' : ch);
    map[n++] = i;
  }
  map[n] = original.length;
  return { text: out.join(''), map: map.subarray(0, n + 1) };
}

/** Maps a [start, end) range of the view back to the original text. */
export function toOriginal(
  view: TextView,
  start: number,
  end: number,
): { start: number; end: number } {
  return { start: view.map[start], end: end > start ? view.map[end - 1] + 1 : view.map[start] };
}
