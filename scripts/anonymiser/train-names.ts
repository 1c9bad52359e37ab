/**
 * Trains the name tagger (libs/anonymiser/src/model) and writes its weights next to it.
 *
 *   npm run anonymiser:train                 the generated corpora + the independent training corpus
 *   npm run anonymiser:train -- --epochs 8
 *   npm run anonymiser:train -- --with-dev   the dev half of the evaluation corpus too
 *   npm run anonymiser:train -- --train other.jsonl
 *
 * The training corpus (test/fixtures/anonymiser-train) was written apart from the evaluation corpus
 * (test/fixtures/anonymiser-eval) and from the anonymiser. Never trains on the evaluation corpus's
 * held-out half (it is for figures only); by default not on its dev half either, so the dev half
 * stays an honest place to choose the margins.
 * An averaged perceptron (Collins 2002) with lazy averaging; deterministic for the same data.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  features,
  type Label,
  LABELS,
  prepare,
  score,
  tokenize,
  type Weights,
} from '../../libs/anonymiser/src/model/tagger';
import { loadCorpus, TRAIN_CORPUS } from './independent-corpus';
import { corpus, prng } from './corpus';
import { fakerCorpus } from './faker-corpus';

interface Example {
  readonly text: string;
  readonly spans: readonly { start: number; end: number; type?: string }[];
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

function text(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

function goldLabels(example: Example, tokens: ReturnType<typeof tokenize>): Label[] {
  const labels = new Array<Label>(tokens.length).fill('O');
  for (const span of example.spans) {
    const label: Label | undefined =
      span.type === 'NAME' ? 'NAME' : span.type === 'STAFF_NAME' ? 'STAFF' : undefined;
    if (!label) continue;
    tokens.forEach((t, i) => {
      if (t.start >= span.start && t.end <= span.end && /\p{L}/u.test(t.text)) labels[i] = label;
    });
  }
  return labels;
}

function main(): void {
  const epochs = option('epochs', 6);
  const examples: Example[] = [
    ...corpus(600, 11),
    ...fakerCorpus(600, 13),
    ...loadCorpus(text('train') ?? TRAIN_CORPUS),
    ...(process.argv.includes('--with-dev') ? loadCorpus().filter((r) => r.split === 'dev') : []),
  ];
  process.stdout.write(`${examples.length} training narratives\n`);
  const shuffle = prng(7);
  const data = examples.map((e) => {
    const tokens = tokenize(e.text);
    return { tokens, info: prepare(e.text, tokens), gold: goldLabels(e, tokens) };
  });
  const weights: Weights = {};
  const totals: Record<string, Partial<Record<Label, number>>> = {};
  const stamps: Record<string, Partial<Record<Label, number>>> = {};
  let clock = 0;
  const update = (feat: string, label: Label, delta: number) => {
    const w = (weights[feat] ??= {});
    const t = (totals[feat] ??= {});
    const s = (stamps[feat] ??= {});
    t[label] = (t[label] ?? 0) + (clock - (s[label] ?? 0)) * (w[label] ?? 0);
    s[label] = clock;
    w[label] = (w[label] ?? 0) + delta;
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = data.map((_, i) => i).sort(() => shuffle() - 0.5);
    let errors = 0;
    let count = 0;
    for (const index of order) {
      const { tokens, info, gold } = data[index]!;
      let previous: Label = 'O';
      for (let i = 0; i < tokens.length; i++) {
        clock++;
        const feats = features(info, i, previous);
        const scores = score(weights, feats);
        let guess: Label = 'O';
        for (const label of LABELS) if (scores[label] > scores[guess]) guess = label;
        const truth = gold[i]!;
        count++;
        if (guess !== truth) {
          errors++;
          for (const feat of feats) {
            update(feat, truth, 1);
            update(feat, guess, -1);
          }
        }
        // Teacher forcing: the true previous label, as at decoding time the tagger is right mostly.
        previous = truth;
      }
    }
    process.stdout.write(`epoch ${epoch + 1}: ${errors} errors in ${count} tokens\n`);
  }
  // Average, prune and round: a weight that never mattered is left out of the file.
  const averaged: Weights = {};
  let kept = 0;
  for (const [feat, w] of Object.entries(weights)) {
    const out: Partial<Record<Label, number>> = {};
    for (const label of LABELS) {
      const total =
        (totals[feat]?.[label] ?? 0) + (clock - (stamps[feat]?.[label] ?? 0)) * (w[label] ?? 0);
      const value = Math.round((total / clock) * 1000) / 1000;
      if (Math.abs(value) >= 0.002) out[label] = value;
    }
    if (Object.keys(out).length > 0) {
      averaged[feat] = out;
      kept++;
    }
  }
  // A TypeScript module holding the JSON as a string: built and shipped with the code, parsed once.
  const path = join(__dirname, '..', '..', 'libs', 'anonymiser', 'src', 'model', 'name-model.ts');
  writeFileSync(
    path,
    `/** Weights of the name tagger: written by \`npm run anonymiser:train\`, not by hand. */\n` +
      `// prettier-ignore\nexport const NAME_MODEL = ${JSON.stringify(JSON.stringify(averaged))};\n`,
  );
  process.stdout.write(`${kept} features written to ${path}\n`);
}

main();
