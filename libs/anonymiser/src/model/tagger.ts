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

function shape(word: string): string {
  const s = word
    .replace(/\p{Lu}/gu, 'X')
    .replace(/\p{Ll}/gu, 'x')
    .replace(/\d/g, 'd');
  return s.replace(/(.)\1+/g, '$1$1');
}

function lower(token: Token | undefined): string {
  return token ? token.text.toLowerCase() : '<none>';
}

/** Whether a sentence starts at token i (first token, or after . ! ? or a line break). */
function sentenceStart(text: string, tokens: readonly Token[], i: number): boolean {
  if (i === 0) return true;
  const prev = tokens[i - 1];
  if (/^[.!?:;]$/.test(prev.text)) return true;
  return /\n/.test(text.slice(prev.end, tokens[i].start));
}

/** The features of token i; `previous` is the label decided for token i - 1. */
export function features(
  text: string,
  tokens: readonly Token[],
  i: number,
  previous: Label,
): string[] {
  const token = tokens[i];
  const word = token.text;
  const lw = word.toLowerCase();
  const p1 = lower(tokens[i - 1]);
  const p2 = lower(tokens[i - 2]);
  const n1 = lower(tokens[i + 1]);
  const alpha = /^\p{L}/u.test(word);
  const cap = /^\p{Lu}/u.test(word);
  const name = alpha && isName(lw);
  const english = alpha && isEnglishWord(lw);
  const start = sentenceStart(text, tokens, i);
  const f = [
    'b',
    `w=${lw}`,
    `s=${shape(word)}`,
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
  if (!alpha) f.push('nonalpha');
  if (isNotPerson(lw)) f.push('notperson');
  if (TITLES.has(p1.replace(/\.$/, ''))) f.push('after-title', `after-title|${cap}`);
  if (tokens[i - 1]?.text === '.' && TITLES.has(p2)) f.push('after-title', `after-title|${cap}`);
  if (ROLES.has(p1)) f.push('after-role', `after-role|${cap}|${name}|${english}`);
  if (ROLES.has(p2) && !/^[.!?,;:]$/.test(p1)) f.push('after-role2');
  if (RELATIONS.has(p1)) f.push('after-relation', `after-relation|${cap}|${english}`);
  if (SPEECH.has(n1)) f.push('before-speech', `before-speech|${cap}|${start}`);
  if (n1 === "'s" || n1 === '’s' || /['’]s$/.test(lw)) f.push('possessive');
  const next = tokens[i + 1];
  if (next && /^\p{Lu}/u.test(next.text) && isName(next.text.toLowerCase()))
    f.push(`next-name|${cap}`);
  const prevToken = tokens[i - 1];
  if (prevToken && /^\p{Lu}/u.test(prevToken.text) && isName(p1)) f.push(`prev-name|${cap}`);
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
  let previous: Label = 'O';
  for (let i = 0; i < tokens.length; i++) {
    const scores = score(weights, features(text, tokens, i, previous));
    let best: Label = 'O';
    for (const label of LABELS) if (scores[label] > scores[best]) best = label;
    const second = Math.max(...LABELS.filter((l) => l !== best).map((l) => scores[l]));
    out.push({ token: tokens[i], label: best, margin: scores[best] - second });
    previous = best;
  }
  return out;
}
