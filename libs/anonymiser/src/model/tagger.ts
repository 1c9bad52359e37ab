import { isEnglishWord, isName, isNotPerson } from '../detectors/gazetteer';

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
const SPEECH = new Set(
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

/** The features of token i; `previous` is the label decided for token i - 1. */
export function features(info: readonly TokenInfo[], i: number, previous: Label): string[] {
  const t = info[i];
  const prev = info[i - 1] ?? NONE;
  const prev2 = info[i - 2] ?? NONE;
  const next = info[i + 1] ?? NONE;
  const { lw, cap, name, english, start } = t;
  const p1 = prev.lw;
  const p2 = prev2.lw;
  const n1 = next.lw;
  const f = [
    'b',
    `w=${lw}`,
    `s=${t.shape}`,
    `x3=${lw.slice(-3)}`,
    `p2=${lw.slice(0, 2)}`,
    `pw=${p1}`,
    `pw2=${p2}`,
    `nw=${n1}`,
    `pl=${previous}`,
    `pl+cap=${previous}|${cap}`,
    `cap=${cap}|start=${start}`,
    `gaz=${name}|${english}|${cap}`,
    `gaz+start=${name}|${english}|${start}`,
  ];
  if (!t.alpha) f.push('nonalpha');
  if (t.notPerson) f.push('notperson');
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

/** Weights: feature → score per label (O is the reference: labels absent score 0). */
export type Weights = Record<string, Partial<Record<Label, number>>>;

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

/** Labels every token greedily, left to right. */
export function tag(text: string, weights: Weights, tokens = tokenize(text)): Tagged[] {
  const out: Tagged[] = [];
  const info = prepare(text, tokens);
  let previous: Label = 'O';
  for (let i = 0; i < tokens.length; i++) {
    const t = info[i];
    // Punctuation, numbers and lower-case English words that are no one's name are never names:
    // most tokens, left unscored (the tagger would say O; it costs a third of the time).
    if (!t.alpha || (!t.cap && t.english && !t.name)) {
      out.push({ token: tokens[i], label: 'O', margin: Infinity });
      previous = 'O';
      continue;
    }
    const scores = score(weights, features(info, i, previous));
    let best: Label = 'O';
    let second = -Infinity;
    for (const label of LABELS) if (scores[label] > scores[best]) best = label;
    for (const label of LABELS)
      if (label !== best && scores[label] > second) second = scores[label];
    out.push({ token: tokens[i], label: best, margin: scores[best] - second });
    previous = best;
  }
  return out;
}
