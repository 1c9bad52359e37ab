import Parser from 'rss-parser';
import { addAction, COMPLETE_SBAR, createLesson, step } from '../support/lesson-factory';
import { type SignedIn, type TestNode, startNodeWithStaff } from '../support/test-node';

/**
 * The Atom and RSS feeds of public lessons, read back with an ordinary feed reader library
 * (rss-parser), and the public lesson document.
 */
describe('feeds of public lessons', () => {
  let node: TestNode;
  let lead: SignedIn;
  let author: SignedIn;
  let reviewer: SignedIn;
  const ids: Record<string, string> = {};

  async function cleared(overrides: Record<string, unknown>): Promise<string> {
    const lesson = await createLesson(node, author, { ...COMPLETE_SBAR, ...overrides });
    await addAction(node, author, lesson.id);
    await step(node, author, 'submitLesson', lesson.id);
    await step(node, reviewer, 'approveLesson', lesson.id);
    const scanned = await node.gql<{ scanLesson: { id: string }[] }>(
      `mutation($id: ID!) { scanLesson(lessonId: $id) { id } }`,
      { id: lesson.id },
      reviewer.accessToken,
    );
    for (const f of scanned.data!.scanLesson)
      await node.gql(
        `mutation($i: DecideFindingInput!) { decideFinding(input: $i) { id } }`,
        { i: { id: f.id, decision: 'ACCEPT' } },
        reviewer.accessToken,
      );
    const published = await step(node, lead, 'publishLesson', lesson.id);
    expect(published.errors).toBeUndefined();
    return lesson.id;
  }

  beforeAll(async () => {
    ({
      node,
      staff: { lead, author, reviewer },
    } = await startNodeWithStaff());
    ids.falls = await cleared({
      visibility: 'PUBLIC',
      title: 'Fall of Mrs Philippa Quarmby on a night shift',
      themes: ['falls'],
      physicalHarm: 'MODERATE',
    });
    ids.medication = await cleared({
      visibility: 'PUBLIC',
      title: 'Insulin omitted at handover',
      themes: ['medication'],
      physicalHarm: 'LOW',
    });
    ids.network = await cleared({ visibility: 'NETWORK', title: 'For members only' });
  });
  afterAll(() => node.close());

  it('serves Atom and RSS that a feed reader parses, with public lessons only, anonymised', async () => {
    const parser = new Parser();
    for (const path of ['/feeds/lessons.atom', '/feeds/lessons.rss']) {
      const res = await node.http().get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/xml/);
      const feed = await parser.parseString(res.text);
      const titles = feed.items.map((i) => i.title);
      expect(titles).toEqual(
        expect.arrayContaining([
          'Fall of Mrs [NAME] on a night shift',
          'Insulin omitted at handover',
        ]),
      );
      expect(titles).not.toContain('For members only');
      expect(res.text).not.toContain('Quarmby');
    }
  });

  it('filters with the same criteria as follows, and refuses an unknown harm level', async () => {
    const parser = new Parser();
    const falls = await parser.parseString(
      (await node.http().get('/feeds/lessons.atom?themes=falls&minimumHarm=moderate')).text,
    );
    expect(falls.items.map((i) => i.title)).toEqual(['Fall of Mrs [NAME] on a night shift']);
    const none = await parser.parseString(
      (await node.http().get('/feeds/lessons.rss?minimumHarm=severe')).text,
    );
    expect(none.items).toHaveLength(0);
    expect((await node.http().get('/feeds/lessons.atom?minimumHarm=awful')).status).toBe(400);
  });

  it('serves a public lesson as its signed object; not a network one; a retracted one as gone', async () => {
    const res = await node.http().get(`/federation/lessons/${ids.falls}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: 'Lesson', audience: 'public', version: 1 });
    expect(typeof res.body.signedObject).toBe('string');
    expect((await node.http().get(`/federation/lessons/${ids.network}`)).status).toBe(404);
    await step(node, lead, 'retractLesson', ids.medication, { comment: 'Superseded' });
    expect((await node.http().get(`/federation/lessons/${ids.medication}`)).status).toBe(410);
    const atom = await new Parser().parseString(
      (await node.http().get('/feeds/lessons.atom')).text,
    );
    expect(atom.items.map((i) => i.title)).not.toContain('Insulin omitted at handover');
  });
});
