import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import {
  addAction,
  createLesson,
  publishedLesson,
  type LessonResult,
} from '../support/lesson-factory';
import { type SignedIn, type TestNode, startNodeWithStaff } from '../support/test-node';

describe('exports: the printable briefing and the tracker as CSV', () => {
  let node: TestNode;
  let people: { author: SignedIn; reviewer: SignedIn; lead: SignedIn };
  let lesson: LessonResult;

  beforeAll(async () => {
    ({ node, staff: people } = await startNodeWithStaff());
    lesson = await publishedLesson(node, people, {
      title: 'Delayed escalation <script>alert(1)</script> & a rising NEWS2',
    });
    await node.app
      .get(DataSource)
      .query(`UPDATE lesson_action SET due_date = current_date - 5 WHERE lesson_id = $1`, [
        lesson.id,
      ]);
  });
  afterAll(() => node.close());

  it('renders a lesson as a one-page briefing: escaped, self-contained, print-styled', async () => {
    const res = await node
      .http()
      .get(`/lessons/${lesson.id}/briefing.html`)
      .set('authorization', `Bearer ${people.reviewer.accessToken}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const html = res.text;
    expect(html).toContain(
      'Delayed escalation &lt;script&gt;alert(1)&lt;/script&gt; &amp; a rising NEWS2',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('@page { size: A4');
    for (const heading of [
      'Key learning',
      'Situation',
      'Background',
      'Assessment',
      'Recommendations',
      'Actions',
    ])
      expect(html).toContain(heading);
    expect(html).toContain('Test Hospitals NHS Foundation Trust');
    expect(html).toContain('Overdue');
    expect(html).toContain('Moderate physical harm');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('refuses the briefing without a token, to readers who may not see the lesson, and for unknown ids', async () => {
    const anonymous = await node.http().get(`/lessons/${lesson.id}/briefing.html`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    const draft = await createLesson(node, people.author);
    const hidden = await node
      .http()
      .get(`/lessons/${draft.id}/briefing.html`)
      .set('authorization', `Bearer ${people.reviewer.accessToken}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('LESSON_NOT_FOUND');
    const unknown = await node
      .http()
      .get(`/lessons/not-an-id/briefing.html`)
      .set('authorization', `Bearer ${people.lead.accessToken}`);
    expect(unknown.status).toBe(404);
  });

  it('exports the tracker as CSV with the filters of the tracker', async () => {
    const other = await publishedLesson(node, people, { title: 'Another published lesson' });
    await addAction(node, people.author, (await createLesson(node, people.author)).id);
    const res = await node
      .http()
      .get('/actions/tracker.csv')
      .set('authorization', `Bearer ${people.lead.accessToken}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="action-tracker-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.lesson_id))).toEqual(new Set([lesson.id, other.id]));
    expect(rows.find((r) => r.lesson_id === lesson.id)!.overdue).toBe('yes');
    expect(rows[0]!.lesson).toContain('&'); // CSV is not HTML: no escaping beyond quoting
    const overdueOnly = await node
      .http()
      .get('/actions/tracker.csv?overdue=true')
      .set('authorization', `Bearer ${people.lead.accessToken}`);
    expect((parse(overdueOnly.text, { columns: true }) as unknown[]).length).toBe(1);
    const bad = await node
      .http()
      .get('/actions/tracker.csv?status=done')
      .set('authorization', `Bearer ${people.lead.accessToken}`);
    expect(bad.status).toBe(400);
  });

  it('neutralises spreadsheet formulas in CSV cells', async () => {
    const draft = await createLesson(node, people.author);
    await addAction(node, people.author, draft.id, {
      description: '=HYPERLINK("http://evil.example","click")',
    });
    for (const [who, mutation] of [
      [people.author, 'submitLesson'],
      [people.reviewer, 'approveLesson'],
    ] as const) {
      await node.gql(
        `mutation($i: LessonStepInput!) { ${mutation}(input: $i) { id } }`,
        { i: { id: draft.id } },
        who.accessToken,
      );
    }
    const res = await node
      .http()
      .get('/actions/tracker.csv')
      .set('authorization', `Bearer ${people.lead.accessToken}`);
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.lesson_id === draft.id)!.action.startsWith("'=")).toBe(true);
  });
});
