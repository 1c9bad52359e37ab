/**
 * The anonymiser on text it was not written from: the independent evaluation corpus in
 * test/fixtures/anonymiser-eval (written without reading libs/anonymiser; its README says how).
 *
 *   npm run bench:anonymiser:eval                     the dev half (tune on this one only)
 *   npm run bench:anonymiser:eval -- --split heldout  the held-out half (report, never tune)
 *   npm run bench:anonymiser:eval -- --misses 40      also list 40 misses and 40 false alarms (dev only)
 *   npm run bench:anonymiser:eval -- --corpus other.jsonl   another corpus of the same format
 *   npm run bench:anonymiser:eval -- --rules-only     without the name tagger
 *   npm run bench:anonymiser:eval -- --margin 6       the name tagger with another margin (dev only)
 *
 * Figures, as issue 11 defines them: recall (a gold span counts as found when findings cover all
 * of its non-space characters, whatever their type), token precision (flagged words inside a gold
 * span over all flagged words), documents with nothing left, and traps (look-alikes) redacted.
 */
import { anonymise } from '@lessons-network/anonymiser';
import { CORPUS, type EvalRecord, loadCorpus } from './anonymiser/independent-corpus';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

/** `margin`: the name tagger's (undefined: the shipped default; Infinity: rules only). */
export function evaluate(records: readonly EvalRecord[], margin?: number) {
  const byType = new Map<string, { spans: number; found: number }>();
  const misses: string[] = [];
  const alarms: string[] = [];
  let spans = 0;
  let found = 0;
  let flaggedTokens = 0;
  let goodTokens = 0;
  let cleanDocs = 0;
  let traps = 0;
  let trapsHit = 0;
  const around = (text: string, start: number, end: number) =>
    `${text.slice(Math.max(0, start - 30), start)}⟦${text.slice(start, end)}⟧${text.slice(end, end + 20)}`.replace(
      /\s+/g,
      ' ',
    );
  for (const record of records) {
    const { text } = record;
    const flagged = new Uint8Array(text.length);
    for (const f of anonymise(text, { modelMargin: margin }).findings)
      flagged.fill(1, f.start, f.end);
    const gold = new Uint8Array(text.length);
    let left = 0;
    for (const span of record.spans) {
      gold.fill(1, span.start, span.end);
      const type = span.type ?? 'UNKNOWN';
      const counts = byType.get(type) ?? { spans: 0, found: 0 };
      counts.spans++;
      spans++;
      let covered = true;
      for (let i = span.start; i < span.end; i++)
        if (!/\s/.test(text[i]!) && !flagged[i]) covered = false;
      if (covered) {
        counts.found++;
        found++;
      } else {
        left++;
        misses.push(`${record.id} ${type}: ${around(text, span.start, span.end)}`);
      }
      byType.set(type, counts);
    }
    if (left === 0) cleanDocs++;
    for (const trap of record.traps) {
      traps++;
      let hit = false;
      for (let i = trap.start; i < trap.end; i++) if (flagged[i]) hit = true;
      if (hit) {
        trapsHit++;
        alarms.push(`${record.id} trap: ${around(text, trap.start, trap.end)}`);
      }
    }
    // Tokens: maximal runs of letters or digits; a flagged token is one with a flagged character.
    for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
      const start = m.index;
      const end = start + m[0].length;
      let isFlagged = false;
      let isGold = false;
      for (let i = start; i < end; i++) {
        if (flagged[i]) isFlagged = true;
        if (gold[i]) isGold = true;
      }
      if (!isFlagged) continue;
      flaggedTokens++;
      if (isGold) goodTokens++;
      else alarms.push(`${record.id} token: ${around(text, start, end)}`);
    }
  }
  return {
    docs: records.length,
    spans,
    recall: spans ? found / spans : 1,
    precision: flaggedTokens ? goodTokens / flaggedTokens : 1,
    cleanDocs,
    traps,
    trapsHit,
    byType: [...byType.entries()].sort(([a], [b]) => a.localeCompare(b)),
    misses,
    alarms,
  };
}

function main(): void {
  const split = option('split') ?? 'dev';
  if (split !== 'dev' && split !== 'heldout' && split !== 'all') {
    process.stderr.write('--split is dev, heldout or all\n');
    process.exit(2);
  }
  const records = loadCorpus(option('corpus') ?? CORPUS).filter(
    (r) => split === 'all' || r.split === split,
  );
  const margin = process.argv.includes('--rules-only') ? Infinity : option('margin');
  if (option('margin') !== undefined && split !== 'dev') {
    process.stderr.write('--margin is for tuning: the dev half only\n');
    process.exit(2);
  }
  const result = evaluate(records, margin === undefined ? undefined : Number(margin));
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Independent corpus, split ${split}: ${result.docs} narratives, ${result.spans} identifiers`);
  log(
    `recall ${result.recall.toFixed(3)} (goal ≥ 0.99), token precision ${result.precision.toFixed(3)} (goal ≥ 0.90)`,
  );
  log(`${result.cleanDocs} of ${result.docs} narratives with no identifier left`);
  log(`${result.trapsHit} of ${result.traps} traps redacted`);
  log('');
  log('| type | identifiers | recall |');
  log('| --- | ---: | ---: |');
  for (const [type, counts] of result.byType)
    log(`| ${type} | ${counts.spans} | ${(counts.found / counts.spans).toFixed(3)} |`);
  const show = Number(option('misses') ?? 0);
  if (show > 0 && split !== 'dev') {
    log(
      '\n(misses are listed for the dev half only: the held-out half is for figures, not tuning)',
    );
    return;
  }
  if (show > 0) {
    log('\nMisses:');
    for (const line of result.misses.slice(0, show)) log(`  ${line}`);
    log('\nFalse alarms:');
    for (const line of result.alarms.slice(0, show)) log(`  ${line}`);
  }
}

if (require.main === module) main();
