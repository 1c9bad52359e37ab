/**
 * Evaluation and throughput of the anonymiser on a synthetic labelled corpus.
 *
 *   npm run bench:anonymiser                 500 narratives of ~2 kB
 *   npm run bench:anonymiser -- --docs 2000
 *   npm run bench:anonymiser -- --faker      the second corpus: other name source, more sentence shapes
 *   npm run bench:anonymiser -- --faker --seed 7 --misses 30
 *                                            another draw of it; list 30 misses and 30 false alarms
 *
 * Prints entity-level recall per type (an entity counts as found when findings cover all of its
 * characters, whatever their type), type-correct recall, token-level precision (flagged words that
 * are inside a planted identifier), false alarms on traps, and throughput on one core.
 */
import { performance } from 'node:perf_hooks';
import { cpus } from 'node:os';
import { anonymise } from '@lessons-network/anonymiser';
import { corpus, type GoldSpan, type LabelledDoc } from './anonymiser/corpus';
import { fakerCorpus } from './anonymiser/faker-corpus';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

interface Counts {
  entities: number;
  covered: number;
  typed: number;
}

function evaluate(docs: LabelledDoc[]) {
  const byType = new Map<string, Counts>();
  const misses: string[] = [];
  const falseAlarms: string[] = [];
  const around = (text: string, start: number, end: number) =>
    `${text.slice(Math.max(0, start - 30), start)}⟦${text.slice(start, end)}⟧${text.slice(end, end + 20)}`.replace(
      /\s+/g,
      ' ',
    );
  let flaggedTokens = 0;
  let correctTokens = 0;
  let trapAlarms = 0;
  let traps = 0;
  for (const doc of docs) {
    const findings = anonymise(doc.text).findings;
    const flagged = new Uint8Array(doc.text.length);
    for (const f of findings) flagged.fill(1, f.start, f.end);
    for (const span of doc.spans) {
      const counts = byType.get(span.type) ?? { entities: 0, covered: 0, typed: 0 };
      counts.entities++;
      let covered = true;
      for (let i = span.start; i < span.end; i++)
        if (!/\s/.test(doc.text[i]!) && !flagged[i]) covered = false;
      if (covered) counts.covered++;
      else misses.push(`${span.type}: ${around(doc.text, span.start, span.end)}`);
      if (
        findings.some(
          (f) => String(f.type) === span.type && f.start <= span.start && f.end >= span.end,
        )
      )
        counts.typed++;
      byType.set(span.type, counts);
    }
    const gold = new Uint8Array(doc.text.length);
    for (const span of doc.spans) gold.fill(1, span.start, span.end);
    for (const token of doc.text.matchAll(/\S+/g)) {
      const start = token.index;
      const end = start + token[0].length;
      let isFlagged = false;
      let isGold = false;
      for (let i = start; i < end; i++) {
        if (flagged[i]) isFlagged = true;
        if (gold[i]) isGold = true;
      }
      if (isFlagged) {
        flaggedTokens++;
        if (isGold) correctTokens++;
        else falseAlarms.push(around(doc.text, start, end));
      }
    }
    for (const trap of doc.traps as GoldSpan[]) {
      traps++;
      if (findings.some((f) => f.start < trap.end && f.end > trap.start)) trapAlarms++;
    }
  }
  return {
    byType,
    precision: correctTokens / Math.max(1, flaggedTokens),
    trapAlarms,
    traps,
    misses,
    falseAlarms,
  };
}

function main(): void {
  const count = option('docs', 500);
  const useFaker = process.argv.includes('--faker');
  const seed = option('seed', 424242);
  const docs = useFaker ? fakerCorpus(count, seed) : corpus(count);
  const { byType, precision, trapAlarms, traps, misses, falseAlarms } = evaluate(docs);
  const show = option('misses', 0);
  if (show > 0) {
    process.stdout.write(`\nMisses (${misses.length}):\n`);
    for (const line of misses.slice(0, show)) process.stdout.write(`  ${line}\n`);
    process.stdout.write(`\nFalse alarms (${falseAlarms.length} tokens):\n`);
    for (const line of falseAlarms.slice(0, show)) process.stdout.write(`  ${line}\n`);
  }
  let entities = 0;
  let covered = 0;
  const rows = [...byType.entries()].sort().map(([type, c]) => {
    entities += c.entities;
    covered += c.covered;
    return `| ${type} | ${c.entities} | ${(c.covered / c.entities).toFixed(3)} | ${(c.typed / c.entities).toFixed(3)} |`;
  });
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
  for (const doc of docs.slice(0, 50)) anonymise(doc.text);
  const rounds = 3;
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const doc of docs) anonymise(doc.text);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    [
      '',
      `Corpus: ${useFaker ? `faker (held-out style, seed ${seed})` : 'own'}, ${count} synthetic narratives, ${(bytes / count / 1024).toFixed(1)} kB each on average; ${entities} planted identifiers, ${traps} traps`,
      `Machine: ${cpus()[0]?.model ?? 'unknown'} (one core); Node ${process.version}`,
      '',
      '| type | entities | recall (covered) | recall (right type) |',
      '| --- | ---: | ---: | ---: |',
      ...rows,
      `| **all** | ${entities} | ${(covered / entities).toFixed(3)} | |`,
      '',
      `Token precision: ${precision.toFixed(3)}; false alarms on traps: ${trapAlarms} of ${traps}`,
      `Throughput: ${((count * rounds) / seconds).toFixed(0)} narratives/s, ${((bytes * rounds) / seconds / 2 ** 20).toFixed(2)} MB/s`,
      '',
    ].join('\n'),
  );
}

main();
