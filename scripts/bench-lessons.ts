/**
 * Benchmark of lesson reads through GraphQL over HTTP at scale.
 *
 *   npm run bench:lessons                          100,000 lessons (about 2 minutes to load)
 *   npm run bench:lessons -- --lessons 1000000     a national hub's worth
 *   npm run bench:lessons -- --requests 500        more samples per query
 *
 * Starts a fresh embedded PostgreSQL (or uses BENCH_DATABASE_URL, which must be an empty
 * database), loads N synthetic published lessons with SQL, starts the node in-process on a
 * loopback port, and times each query sequentially after a warm-up. Prints p50 / p95 / p99.
 */
import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { RequestContext } from '@lessons-network/common';
import { loadConfig } from '@lessons-network/config';
import { UsersService } from '@lessons-network/identity';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { migrate } from '../apps/server/src/database/database-lifecycle';
import { SCENARIOS } from '../apps/server/src/demo/scenarios';
import { createNodeApp } from '../apps/server/src/node-app';
import { withScratchDatabase } from './dev-database';

const VOCABULARY = (
  'anticoagulant bleeding catheter cannula delirium dementia dialysis dysphagia embolism epidural ' +
  'fracture haemorrhage hypoglycaemia hypotension infusion intubation jaundice ketoacidosis laceration ' +
  'meningitis neutropenia oxygen paediatric pneumonia pulmonary restraint seizure stoma syringe ' +
  'thrombosis tracheostomy transfusion ulcer venous warfarin ward handover rota staffing agency locum ' +
  'triage escalation referral observation chart protocol checklist audit bundle pathway guideline ' +
  'outreach huddle induction supervision competency consent capacity discharge admission theatre ' +
  'recovery endoscopy radiology pathology pharmacy prescribing dispensing administration allergy ' +
  'labelling barcode wristband identification mattress hoist bedrail commode mobility nutrition ' +
  'hydration swallow continence skin wound dressing antibiotic sepsis lactate culture isolation ' +
  'outbreak norovirus influenza vaccination screening diagnosis imaging scan biopsy telephone ' +
  'appointment clinic waiting delay cancellation transport ambulance community district home care'
).split(/\s+/);

const SETTINGS = [
  'acute',
  'maternity',
  'general_practice',
  'nhs_111',
  'ambulance',
  'mental_health',
  'community_therapy',
  'community_nursing',
  'prison_healthcare',
  'community_pharmacy',
  'optometry',
  'dentistry',
  'care_home',
  'intermediate_care',
  'social_care',
  'learning_disability_autism',
];
const HARMS = ['none', 'low', 'low', 'moderate', 'moderate', 'severe', 'fatal'];
const SOURCES = [
  'psii',
  'after_action_review',
  'swarm_huddle',
  'mdt_review',
  'thematic_review',
  'seventy_two_hour_review',
  'complaint',
  'claim',
  'inquest_pfd',
  'audit',
  'external_review',
  'mortality_review',
  'good_practice',
];
const THEMES = [
  'falls',
  'pressure_ulcers',
  'medication',
  'deteriorating_patient',
  'safeguarding',
  'suicide_self_harm',
  'maternity_neonatal',
  'infection',
  'diagnosis',
  'discharge_transfer',
  'communication',
  'equipment_devices',
  'violence_aggression',
  'documentation',
  'nutrition_hydration',
  'sepsis',
  'consent_capacity',
  'end_of_life',
];

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive whole number`);
  return value;
}

async function load(
  dataSource: DataSource,
  organisationId: string,
  authorId: string,
  count: number,
): Promise<number> {
  const started = performance.now();
  const batch = 10_000;
  const S = SCENARIOS;
  for (let start = 0; start < count; start += batch) {
    const end = Math.min(count, start + batch) - 1;
    await dataSource.query(
      `INSERT INTO lesson (organisation_id, author_id, template, title, summary, sections, key_learning_points,
          learning_source, event_type, themes, care_setting, specialty, physical_harm, psychological_harm,
          contributory_factors, occurred_month, status, visibility, version, created_at, updated_at, published_at)
       SELECT $1, $2, 'sbar',
          ($3::text[])[1 + i % $16] || ' (' || ($8::text[])[1 + (i * 7) % $17] || ')',
          ($4::text[])[1 + i % $16] || ' ' || ($8::text[])[1 + (i * 13) % $17] || ' ' || ($8::text[])[1 + (i * 29) % $17],
          jsonb_build_object('situation', ($5::text[])[1 + i % $16], 'background', ($8::text[])[1 + (i * 3) % $17] || ' and ' || ($8::text[])[1 + (i * 11) % $17],
                             'assessment', ($6::text[])[1 + i % $16], 'recommendations', ($7::text[])[1 + i % $16]),
          ARRAY[($8::text[])[1 + (i * 5) % $17] || ' matters', 'Check the ' || ($8::text[])[1 + (i * 19) % $17]],
          ($9::text[])[1 + (i * 7) % 13], (ARRAY['incident','outcome','risk','good_care'])[1 + i % 4],
          ARRAY[($10::text[])[1 + i % 18], ($10::text[])[1 + (i * 5) % 18]],
          ($11::text[])[1 + (i * 3) % 16], 'Specialty ' || (i % 40),
          ($12::text[])[1 + (i * 11) % 7], (ARRAY['none','low','moderate','severe'])[1 + i % 4],
          ARRAY['tasks','organisation'], date_trunc('month', now() - make_interval(days => 30 + i % 1800))::date,
          CASE WHEN i % 10 = 9 THEN 'draft' ELSE 'published' END, 'internal', 1,
          now() - make_interval(secs => ($13::int - i) * 60), now() - make_interval(secs => ($13::int - i) * 60),
          CASE WHEN i % 10 = 9 THEN NULL ELSE now() - make_interval(secs => ($13::int - i) * 60) END
       FROM generate_series($14::int, $15::int) AS i`,
      [
        organisationId,
        authorId,
        S.map((s) => s.title),
        S.map((s) => s.summary),
        S.map((s) => s.happened),
        S.map((s) => s.found),
        S.map((s) => s.change),
        VOCABULARY,
        SOURCES,
        THEMES,
        SETTINGS,
        HARMS,
        count,
        start,
        end,
        S.length,
        VOCABULARY.length,
      ],
    );
    process.stderr.write(`  loaded ${end + 1}/${count} lessons\n`);
  }
  await dataSource.query('ANALYZE lesson');
  return (performance.now() - started) / 1000;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(url: string, token: string, query: string, requests: number) {
  const run = async () => {
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as { errors?: unknown };
    if (body.errors) throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 20; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < requests; i++) samples.push(await run());
  samples.sort((a, b) => a - b);
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
  };
}

async function main(): Promise<void> {
  const count = option('lessons', 100_000);
  const requests = option('requests', 300);
  const run = async (url: string) => {
    const logger = pino({ level: 'warn' });
    await migrate(url, logger);
    const config = loadConfig({
      DATABASE_URL: url,
      LOG_LEVEL: 'warn',
      ODS_CODE: 'RBNCH',
      ORG_NAME: 'Benchmark Trust',
      PORT: '0',
      GRAPHQL_MAX_COST: '100000',
      SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000',
    });
    const app = await createNodeApp(config, url);
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    const endpoint = `http://127.0.0.1:${address.port}/graphql`;
    try {
      const password = 'timing passphrase 2026';
      const { user } = await app
        .get(UsersService)
        .createQualityLead(RequestContext.system('bench'), {
          email: 'bench@example.org',
          displayName: 'Bench',
          password,
        });
      const dataSource = app.get(DataSource);
      process.stderr.write(`Loading ${count} lessons…\n`);
      const loadSeconds = await load(dataSource, user.organisationId, user.id, count);
      const signIn = (await (
        await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: `mutation { signIn(input: { email: "bench@example.org", password: "${password}" }) { accessToken } }`,
          }),
        })
      ).json()) as { data: { signIn: { accessToken: string } } };
      const token = signIn.data.signIn.accessToken;
      const fields = 'id title summary publishedAt author { displayName } themes { label }';
      const queries: Array<[string, string]> = [
        [
          'feed (newest 20)',
          `{ lessons(first: 20) { edges { node { ${fields} } } pageInfo { endCursor hasNextPage } } }`,
        ],
        ['feed, page 50 (cursor)', ''],
        [
          'filtered (published, falls, acute, moderate harm or worse)',
          `{ lessons(first: 20, filter: { statuses: [PUBLISHED], themes: ["falls"], careSetting: ACUTE, minimumPhysicalHarm: MODERATE }) { edges { node { ${fields} } } } }`,
        ],
        [
          'filtered with totalCount',
          `{ lessons(first: 20, filter: { statuses: [PUBLISHED], themes: ["falls"] }) { totalCount edges { node { id } } } }`,
        ],
        [
          'full-text, common word ("patient")',
          `{ searchLessons(text: "patient", first: 20) { candidates truncated hits { rank titleHighlight snippet lesson { id title } } } }`,
        ],
        [
          'full-text, two words ("insulin transfer")',
          `{ searchLessons(text: "insulin transfer", first: 20) { candidates hits { rank snippet lesson { id } } } }`,
        ],
        [
          'full-text, rare word ("tracheostomy hoist")',
          `{ searchLessons(text: "tracheostomy hoist", first: 20) { candidates hits { rank snippet lesson { id } } } }`,
        ],
      ];
      // A cursor 50 pages deep, to show keyset pages cost the same anywhere.
      let after: string | null = null;
      for (let i = 0; i < 50; i++) {
        const res = (await (
          await fetch(endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({
              query: `query($a: String) { lessons(first: 20, after: $a) { pageInfo { endCursor } } }`,
              variables: { a: after },
            }),
          })
        ).json()) as { data: { lessons: { pageInfo: { endCursor: string } } } };
        after = res.data.lessons.pageInfo.endCursor;
      }
      queries[1]![1] = `{ lessons(first: 20, after: "${after}") { edges { node { ${fields} } } } }`;
      const results: Array<[string, { p50: number; p95: number; p99: number }]> = [];
      for (const [name, query] of queries) {
        process.stderr.write(`Timing ${name}…\n`);
        results.push([name, await time(endpoint, token, query, requests)]);
      }
      const [{ server_version: version }] =
        await dataSource.query<{ server_version: string }[]>('SHOW server_version');
      const cpu = cpus();
      process.stdout.write(
        [
          '',
          `Lessons: ${count.toLocaleString('en-GB')} (loaded in ${loadSeconds.toFixed(1)} s); ${requests} sequential requests per query after 20 warm-up`,
          `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; PostgreSQL ${version} (embedded)`,
          '',
          '| query | p50 ms | p95 ms | p99 ms |',
          '| --- | ---: | ---: | ---: |',
          ...results.map(
            ([name, r]) =>
              `| ${name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} |`,
          ),
          '',
        ].join('\n'),
      );
    } finally {
      await app.close();
    }
  };
  if (process.env.BENCH_DATABASE_URL) await run(process.env.BENCH_DATABASE_URL);
  else await withScratchDatabase(run);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
