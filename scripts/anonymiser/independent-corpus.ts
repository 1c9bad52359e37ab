/**
 * The independent evaluation corpus (test/fixtures/anonymiser-eval, its README says how it was
 * written): records with gold spans and traps, each in the dev or the held-out half.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EvalSpan {
  readonly start: number;
  readonly end: number;
  readonly type?: string;
  readonly text: string;
}

export interface EvalRecord {
  readonly id: string;
  readonly style: string;
  /** Evaluation records only: training records have none. */
  readonly split?: 'dev' | 'heldout';
  readonly text: string;
  readonly spans: readonly EvalSpan[];
  readonly traps: readonly EvalSpan[];
}

export const CORPUS = join(
  __dirname,
  '..',
  '..',
  'test',
  'fixtures',
  'anonymiser-eval',
  'corpus.jsonl',
);

/** The training corpus for the name tagger, written apart from the evaluation corpus. */
export const TRAIN_CORPUS = join(
  __dirname,
  '..',
  '..',
  'test',
  'fixtures',
  'anonymiser-train',
  'corpus.jsonl',
);

export function loadCorpus(path = CORPUS): EvalRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalRecord);
}
