/**
 * Characters refused in every piece of text a client sends (GraphQL arguments and variables):
 * NUL, which PostgreSQL cannot store in text (it failed as an internal error), and the invisible
 * bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), which
 * make text read differently from what it holds ("Trojan Source"), e.g. in an e-mail address.
 * Right-to-left text itself and the ordinary direction marks (U+200E, U+200F) are fine.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const FORBIDDEN = /[\u0000\u202A-\u202E\u2066-\u2069]/;

/** A refused character found in a text, and why it is refused. */
export interface ForbiddenCharacter {
  /** Position in the text (UTF-16 code units, as JavaScript counts). */
  readonly index: number;
  /** The character as U+XXXX. */
  readonly codePoint: string;
  /** What it is and why it is refused, for an error message. */
  readonly description: string;
}

/** The first refused character of `text`, or undefined if it has none. */
export function findForbiddenCharacter(text: string): ForbiddenCharacter | undefined {
  const match = FORBIDDEN.exec(text);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0);
  const codePoint = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return {
    index: match.index,
    codePoint,
    description:
      code === 0
        ? `a NUL character (${codePoint}), which cannot be stored`
        : `an invisible text-direction control character (${codePoint}), which can disguise what the text says`,
  };
}
