import { isEnglishWord, isName, isNotPerson } from '../detectors/gazetteer';
import { isWordFirstName } from '../detectors/lexicon';

/**
 * A small sequence model for names that rules cannot reach (issue 11): lone first names that are
 * English words ("Dawn said"), lower-case names in notes ("dn pryce"), untitled names opening a
 * paragraph. An averaged perceptron over token features, decoded greedily left to right (the
 * previous label is a feature). Pure TypeScript; the weights are data shipped in the repository
 * (`name-model.json`, trained by `npm run anonymiser:train`), never downloaded.
 */

export const LABELS = ['O', 'NAME', 'STAFF'] as const;
export type Label = (typeof LABELS)[number];

export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Words and numbers, with what lies between them kept as context only. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}][\p{L}'’-]*[\p{L}]|[\p{L}]|\d+|[^\s\p{L}\d]/gu)) {
    const word = m[0];
    // A possessive 's is its own token: a name is redacted without it.
    if (word.length > 2 && /['’][sS]$/.test(word)) {
      const cut = m.index + word.length - 2;
      out.push({ start: m.index, end: cut, text: word.slice(0, -2) });
      out.push({ start: cut, end: m.index + word.length, text: word.slice(-2) });
    } else out.push({ start: m.index, end: m.index + word.length, text: word });
  }
  return out;
}

const TITLES = new Set(
  'mr mrs ms miss mx dr prof sir lady dame master rev revd father sister'.split(' '),
);
const ROLES = new Set(
  (
    'nurse sn rn hca hcsw hcso dn emt paramedic matron midwife rm doctor registrar reg consultant ' +
    'sho fy1 fy2 f1 f2 st1 st2 st3 st4 st5 st6 ct1 ct2 gp physio physiotherapist ot pharmacist ' +
    'technician porter manager lead nic coordinator surgeon anaesthetist anesthetist psychiatrist ' +
    'psychologist therapist worker visitor officer student assistant practitioner ecp ecsw cpn sw ' +
    'clinician medic chaplain receptionist carer dietitian radiographer sonographer'
  ).split(' '),
);
const RELATIONS = new Set(
  (
    'daughter son wife husband partner mother mum father dad brother sister sibling aunt uncle ' +
    'niece nephew grandson granddaughter grandmother grandfather nan grandma grandad cousin friend ' +
    'neighbour carer fiance fiancee girlfriend boyfriend widow widower stepson stepdaughter patient'
  ).split(' '),
);
export const SPEECH: ReadonlySet<string> = new Set(
  (
    'said says told asked reported stated explained complained called rang phoned confirmed ' +
    'agreed recalled remembered noticed felt wrote described added replied raised was were had ' +
    'is has who'
  ).split(' '),
);

/** Xxxx, xx, dd, X.X: capitals, small letters and digits, runs cut to two (a loop: hot path). */
function shape(word: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const c of word) {
    const upper = c.toUpperCase();
    const lowerC = c.toLowerCase();
    const k = c >= '0' && c <= '9' ? 'd' : c !== lowerC ? 'X' : c !== upper ? 'x' : c;
    run = k === last ? run + 1 : 1;
    last = k;
    if (run <= 2) out += k;
  }
  return out;
}

/**
 * What the features read of each token. The cheap parts are computed for every token; the look-ups
 * (name and word lists, shape) only when a feature asks, once per token (most tokens never need
 * them: throughput is an issue 11 requirement).
 */
export class TokenInfo {
  private nameCache?: boolean;
  private englishCache?: boolean;
  private notPersonCache?: boolean;
  private shapeCache?: string;

  constructor(
    readonly text: string,
    readonly lw: string,
    readonly alpha: boolean,
    readonly cap: boolean,
    /** A sentence starts here (first token, after . ! ? : ; or a line break). */
    readonly start: boolean,
  ) {}

  get name(): boolean {
    return (this.nameCache ??= this.alpha && isName(this.lw));
  }

  get english(): boolean {
    return (this.englishCache ??= this.alpha && isEnglishWord(this.lw));
  }

  get notPerson(): boolean {
    return (this.notPersonCache ??= this.alpha && isNotPerson(this.lw));
  }

  get shape(): string {
    return (this.shapeCache ??= shape(this.text));
  }
}

export function prepare(text: string, tokens: readonly Token[]): TokenInfo[] {
  return tokens.map((token, i) => {
    const lw = token.text.toLowerCase();
    const first = token.text[0];
    const alpha = first.toLowerCase() !== first.toUpperCase() || /^\p{L}/u.test(first);
    const prev = tokens[i - 1];
    return new TokenInfo(
      token.text,
      lw,
      alpha,
      alpha && first !== lw[0],
      !prev || /^[.!?:;]$/.test(prev.text) || text.slice(prev.end, token.start).includes('\n'),
    );
  });
}

const NONE = new TokenInfo('', '<none>', false, false, false);

/** Features of a token that depend on its own text only (summed once per distinct word). */
export function wordFeatures(t: TokenInfo): string[] {
  const { lw, cap, name, english } = t;
  const f = [
    'b',
    `w=${lw}`,
    `s=${t.shape}`,
    `x3=${lw.slice(-3)}`,
    `p2=${lw.slice(0, 2)}`,
    `gaz=${name}|${english}|${cap}`,
  ];
  if (!t.alpha) f.push('nonalpha');
  if (t.notPerson) f.push('notperson');
  if (t.alpha && isWordFirstName(lw)) f.push(`word-first-name|${cap}`);
  if (t.alpha && t.text.length >= 2 && t.text === t.text.toUpperCase()) f.push('capitals');
  return f;
}

/** The neighbouring words as features: the word before, the one before that, the one after. */
const NEIGHBOURS = ['pw=', 'pw2=', 'nw='] as const;

/** Features of the label before and of the token's case, place and gazetteer entries. */
function stateFeatures(
  previous: Label,
  cap: boolean,
  start: boolean,
  name: boolean,
  english: boolean,
): string[] {
  return [
    `pl=${previous}`,
    `pl+cap=${previous}|${cap}`,
    `cap=${cap}|start=${start}`,
    `gaz+start=${name}|${english}|${start}`,
  ];
}

/** Features of token i that depend on its neighbours and on the label decided before it. */
export function contextFeatures(info: readonly TokenInfo[], i: number, previous: Label): string[] {
  const t = info[i];
  return [...stateFeatures(previous, t.cap, t.start, t.name, t.english), ...cueFeatures(info, i)];
}

/** Features of the words around token i that name a person: titles, roles, relations, speech. */
function cueFeatures(info: readonly TokenInfo[], i: number): string[] {
  const t = info[i];
  const prev = info[i - 1] ?? NONE;
  const prev2 = info[i - 2] ?? NONE;
  const next = info[i + 1] ?? NONE;
  const { lw, cap, name, english, start } = t;
  const p1 = prev.lw;
  const p2 = prev2.lw;
  const n1 = next.lw;
  const f: string[] = [];
  if (TITLES.has(p1.replace(/\.$/, ''))) f.push('after-title', `after-title|${cap}`);
  if (p1 === '.' && TITLES.has(p2)) f.push('after-title', `after-title|${cap}`);
  if (ROLES.has(p1)) f.push('after-role', `after-role|${cap}|${name}|${english}`);
  if (ROLES.has(p2) && !/^[.!?,;:]$/.test(p1)) f.push('after-role2');
  if (RELATIONS.has(p1)) f.push('after-relation', `after-relation|${cap}|${english}`);
  if (SPEECH.has(n1)) f.push('before-speech', `before-speech|${cap}|${start}`);
  if (n1 === "'s" || n1 === '’s' || /['’]s$/.test(lw)) f.push('possessive');
  if (next.cap && next.name) f.push(`next-name|${cap}`);
  if (prev.cap && prev.name) f.push(`prev-name|${cap}`);
  return f;
}

/** The features of token i; `previous` is the label decided for token i - 1. */
export function features(info: readonly TokenInfo[], i: number, previous: Label): string[] {
  const words = [info[i - 1] ?? NONE, info[i - 2] ?? NONE, info[i + 1] ?? NONE];
  return [
    ...wordFeatures(info[i]),
    ...NEIGHBOURS.map((prefix, k) => prefix + words[k].lw),
    ...contextFeatures(info, i, previous),
  ];
}

/** Weights: feature → score per label (O is the reference: labels absent score 0). */
export type Weights = Record<string, Partial<Record<Label, number>>>;

/**
 * Weights as the tagger reads them: feature → [O, NAME, STAFF], with the sums of each word's own
 * features and of its features as a neighbour kept per word (a hot path: the same words recur, and
 * looking up a dozen built strings per token was most of the tagger's time).
 */
export class Compiled {
  private readonly words = new Map<string, Float64Array>();
  private readonly neighbours = new Map<string, Float64Array>();
  /** Sums of the state features, by previous label, case, sentence start and gazetteer. */
  private readonly states: Float64Array[] = [];

  constructor(private readonly table: ReadonlyMap<string, Float64Array>) {}

  static of(weights: Weights): Compiled {
    const table = new Map<string, Float64Array>();
    for (const [feat, w] of Object.entries(weights))
      table.set(
        feat,
        Float64Array.from(LABELS, (label) => w[label] ?? 0),
      );
    return new Compiled(table);
  }

  add(feats: readonly string[], into: Float64Array): void {
    for (const feat of feats) {
      const w = this.table.get(feat);
      if (w === undefined) continue;
      into[0] += w[0];
      into[1] += w[1];
      into[2] += w[2];
    }
  }

  /** The sum of a word's own features (cached per spelling; the cache is bounded). */
  word(t: TokenInfo): Float64Array {
    let sum = this.words.get(t.text);
    if (sum === undefined) {
      if (this.words.size > 50_000) this.words.clear();
      sum = new Float64Array(LABELS.length);
      this.add(wordFeatures(t), sum);
      this.words.set(t.text, sum);
    }
    return sum;
  }

  /** A word's weights as the previous, second previous and next word: 3 × [O, NAME, STAFF]. */
  neighbour(lw: string): Float64Array {
    let sums = this.neighbours.get(lw);
    if (sums === undefined) {
      if (this.neighbours.size > 50_000) this.neighbours.clear();
      sums = new Float64Array(NEIGHBOURS.length * LABELS.length);
      NEIGHBOURS.forEach((prefix, k) =>
        this.add([prefix + lw], sums!.subarray(k * LABELS.length, (k + 1) * LABELS.length)),
      );
      this.neighbours.set(lw, sums);
    }
    return sums;
  }

  /** The scores of token i, equal to adding the weights of `features(info, i, previous)`. */
  scoreInto(info: readonly TokenInfo[], i: number, previous: Label, into: Float64Array): void {
    into.set(this.word(info[i]));
    const p1 = this.neighbour((info[i - 1] ?? NONE).lw);
    const p2 = this.neighbour((info[i - 2] ?? NONE).lw);
    const n1 = this.neighbour((info[i + 1] ?? NONE).lw);
    for (let k = 0; k < LABELS.length; k++)
      into[k] += p1[k] + p2[LABELS.length + k] + n1[2 * LABELS.length + k];
    const f = cueFeatures(info, i);
    const t = info[i];
    const key =
      LABELS.indexOf(previous) * 16 +
      (t.cap ? 8 : 0) +
      (t.start ? 4 : 0) +
      (t.name ? 2 : 0) +
      (t.english ? 1 : 0);
    let state = this.states[key];
    if (state === undefined) {
      state = new Float64Array(LABELS.length);
      this.add(stateFeatures(previous, t.cap, t.start, t.name, t.english), state);
      this.states[key] = state;
    }
    for (let k = 0; k < LABELS.length; k++) into[k] += state[k];
    this.add(f, into);
  }
}

export function compile(weights: Weights): Compiled {
  const table = new Map<string, Float64Array>();
  for (const [feat, w] of Object.entries(weights))
    table.set(
      feat,
      Float64Array.from(LABELS, (label) => w[label] ?? 0),
    );
  return new Compiled(table);
}

/** Scores as a record (training reads them this way; it changes weights between calls). */
export function score(weights: Weights, feats: readonly string[]): Record<Label, number> {
  const scores: Record<Label, number> = { O: 0, NAME: 0, STAFF: 0 };
  for (const feat of feats) {
    const w = weights[feat];
    if (!w) continue;
    for (const label of LABELS) scores[label] += w[label] ?? 0;
  }
  return scores;
}

export interface Tagged {
  readonly token: Token;
  readonly label: Label;
  /** Margin of the winning label over the next best. */
  readonly margin: number;
}

/**
 * Labels every token greedily, left to right. `fixed` holds labels already decided (by the rules)
 * for some tokens: they are not scored, and they are the previous label of the token after them.
 */
export function tag(
  text: string,
  weights: Compiled,
  tokens = tokenize(text),
  fixed?: ReadonlyMap<number, Label>,
): Tagged[] {
  const out: Tagged[] = [];
  const info = prepare(text, tokens);
  const scores = new Float64Array(LABELS.length);
  let previous: Label = 'O';
  for (let i = 0; i < tokens.length; i++) {
    const t = info[i];
    const decided = fixed?.get(i);
    if (decided !== undefined) {
      out.push({ token: tokens[i], label: decided, margin: Infinity });
      previous = decided;
      continue;
    }
    // Punctuation, numbers and lower-case English words that are no one's name are never names:
    // most tokens, left unscored (the tagger would say O; it costs a third of the time).
    if (!t.alpha || (!t.cap && t.english && !t.name)) {
      out.push({ token: tokens[i], label: 'O', margin: Infinity });
      previous = 'O';
      continue;
    }
    weights.scoreInto(info, i, previous, scores);
    let best = 0;
    for (let k = 1; k < scores.length; k++) if (scores[k] > scores[best]) best = k;
    let second = -Infinity;
    for (let k = 0; k < scores.length; k++)
      if (k !== best && scores[k] > second) second = scores[k];
    out.push({ token: tokens[i], label: LABELS[best], margin: scores[best] - second });
    previous = LABELS[best];
  }
  return out;
}
