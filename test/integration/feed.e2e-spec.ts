import { js2xml } from 'xml-js';
import Parser from 'rss-parser';
import { ATOM, atomProblems, CONTENT, htmlDecode, rssProblems } from '../support/feed-rules';
import { addAction, COMPLETE_SBAR, createLesson, step } from '../support/lesson-factory';
import { childrenNamed, parseStrictXml, textOf } from '../support/strict-xml';
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

  it('the strict XML check refuses what lenient parsers let through (so the next test can fail)', async () => {
    // What the feed library's XML writer makes of text holding "]]>" twice.
    const split = js2xml({ a: { _cdata: 'one ]]> two ]]> three' } }, { compact: true });
    expect(split).toContain('three]]>');
    expect(() => parseStrictXml(split)).toThrow(/"\]\]>" in character data/);
    expect(
      await new Parser().parseString(`<rss version="2.0"><channel>${split}</channel></rss>`),
    ).toBeDefined();
    for (const [xml, problem] of [
      ['<a>\u0001</a>', /U\+0001/],
      ['<a>\uFFFE</a>', /U\+FFFE/],
      ['<a b="<"/>', /"<" in the value/],
      ['<a>&nbsp;</a>', /unknown entity/],
      ['<a>AT&T</a>', /bare &|unknown entity/],
      ['<c:a/>', /undeclared namespace prefix/],
      ['<a x="1" x="2"/>', /appears twice/],
      ['<a><b></a></b>', /closes/],
      ['<a/><b/>', /after the root/],
    ] as const)
      expect(() => parseStrictXml(xml)).toThrow(problem);
    expect(textOf(parseStrictXml('<a>x &lt;&#x3C;&#60; <![CDATA[<b>]]></a>'))).toBe('x <<< <b>');
  });

  it('keeps the feeds well-formed and valid whatever a lesson says: "]]>" twice, markup, entities, control characters', async () => {
    const hostile = {
      title: 'Tags <script>alert(1)</script> then ]]> and again ]]> & done',
      summary:
        'Two ]]> ends ]]]]> here, &amp; &lt;b&gt; entities, a control \u0001 and \u000b char.',
      sections: [
        {
          key: 'situation',
          text: '</content></entry><entry><title>Injected</title></entry> ]]> ]]> <![CDATA[ x',
        },
        { key: 'background', text: 'Quotes " and \' and <b>bold</b> & ampersands.' },
        { key: 'assessment', text: 'A <p>paragraph</p> of ]]>' },
        { key: 'recommendations', text: 'Nothing odd here.' },
      ],
      keyLearningPoints: ['A ]]> B ]]> C', 'Use &lt; and < both'],
    };
    const id = await cleared({
      visibility: 'PUBLIC',
      themes: ['communication'],
      physicalHarm: 'LOW',
      ...hostile,
    });
    // What the feed must carry: the signed (anonymised) object of the lesson.
    const object = (await node.http().get(`/federation/lessons/${id}`)).body as {
      id: string;
      name: string;
      summary: string;
      sections: { text: string }[];
      keyLearningPoints: string[];
    };
    // eslint-disable-next-line no-control-regex -- control characters are what XML cannot carry
    const visible = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

    const atomText = (await node.http().get('/feeds/lessons.atom')).text;
    const atom = parseStrictXml(atomText);
    expect(atomProblems(atom)).toEqual([]);
    const entry = childrenNamed(atom, ATOM, 'entry').find(
      (e) => textOf(childrenNamed(e, ATOM, 'id')[0]!) === object.id,
    )!;
    expect(entry).toBeDefined();
    expect(
      childrenNamed(atom, ATOM, 'entry').map((e) => textOf(childrenNamed(e, ATOM, 'title')[0]!)),
    ).not.toContain('Injected');
    const atomShown = (local: string) => {
      const el = childrenNamed(entry, ATOM, local)[0]!;
      return el.attributes.get('type') === 'html' ? htmlDecode(textOf(el)) : textOf(el);
    };
    expect(atomShown('title')).toBe(visible(object.name));
    expect(atomShown('summary')).toBe(visible(object.summary));
    for (const text of [...object.sections.map((s) => s.text), ...object.keyLearningPoints])
      expect(atomShown('content')).toContain(visible(text));

    const rssText = (await node.http().get('/feeds/lessons.rss')).text;
    const rss = parseStrictXml(rssText);
    expect(rssProblems(rss)).toEqual([]);
    const items = childrenNamed(childrenNamed(rss, '', 'channel')[0]!, '', 'item');
    const item = items.find((i) => textOf(childrenNamed(i, '', 'guid')[0]!) === object.id)!;
    expect(item).toBeDefined();
    expect(items).toHaveLength(childrenNamed(atom, ATOM, 'entry').length);
    expect(htmlDecode(textOf(childrenNamed(item, '', 'title')[0]!))).toBe(visible(object.name));
    expect(htmlDecode(textOf(childrenNamed(item, '', 'description')[0]!))).toBe(
      visible(object.summary),
    );
    const encoded = htmlDecode(textOf(childrenNamed(item, CONTENT, 'encoded')[0]!));
    for (const text of [...object.sections.map((s) => s.text), ...object.keyLearningPoints])
      expect(encoded).toContain(visible(text));

    // And an ordinary feed reader still reads both.
    for (const text of [atomText, rssText])
      expect((await new Parser().parseString(text)).items.length).toBe(items.length);
  });
});
