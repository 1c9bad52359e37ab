import { DataSource } from 'typeorm';
import { CARE_SETTINGS, LessonTemplate, STARTING_THEMES } from '@lessons-network/lessons';
import { seedDemo } from '../../apps/server/src/demo/demo-seed';
import { signIn, startTestNode, type TestNode } from '../support/test-node';

describe('demo data (seed:demo)', () => {
  let node: TestNode;
  let password: string;
  beforeAll(async () => {
    node = await startTestNode({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000' });
    password = (await seedDemo(node.app, 60)).password;
  }, 120_000);
  afterAll(() => node.close());

  it('covers every template, theme and care setting, with lessons at every stage', async () => {
    const db = node.app.get(DataSource);
    const distinct = async (sql: string) =>
      (await db.query<{ v: string }[]>(sql)).map((r) => r.v).sort();
    expect(await distinct(`SELECT DISTINCT template AS v FROM lesson`)).toEqual(
      Object.values(LessonTemplate).sort(),
    );
    expect(await distinct(`SELECT DISTINCT unnest(themes) AS v FROM lesson`)).toEqual(
      STARTING_THEMES.map((t) => t.key).sort(),
    );
    expect(await distinct(`SELECT DISTINCT care_setting AS v FROM lesson`)).toEqual(
      Object.keys(CARE_SETTINGS).sort(),
    );
    expect(await distinct(`SELECT DISTINCT status AS v FROM lesson`)).toEqual(
      ['approved', 'changes_requested', 'draft', 'in_review', 'published', 'retracted'].sort(),
    );
    expect(await distinct(`SELECT DISTINCT status AS v FROM lesson_action`)).toEqual([
      'completed',
      'in_progress',
      'planned',
      'verified',
    ]);
    const [{ n }] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM lesson`);
    expect(n).toBe(60);
  });

  it('gives the demo users working sign-ins, and the tracker overdue actions', async () => {
    const lead = await signIn(node, 'demo.lead@example.org', password);
    const overdue = await node.gql<{ actionTracker: { totalCount: number } }>(
      `{ actionTracker(filter: { overdue: true }) { totalCount } }`,
      {},
      lead.accessToken,
    );
    expect(overdue.data!.actionTracker.totalCount).toBeGreaterThan(0);
    const search = await node.gql<{ searchLessons: { hits: unknown[] } }>(
      `{ searchLessons(text: "insulin") { hits { rank } } }`,
      {},
      lead.accessToken,
    );
    expect(search.data!.searchLessons.hits.length).toBeGreaterThan(0);
  });

  it('refuses to seed the same node twice', async () => {
    await expect(seedDemo(node.app, 1)).rejects.toThrow(/already has the demo data/);
  });
});
