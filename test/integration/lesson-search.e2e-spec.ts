import { Client } from 'pg';
import { COMPLETE_SBAR, publishedLesson, type LessonResult } from '../support/lesson-factory';
import { errorCode, type SignedIn, type TestNode, startNodeWithStaff } from '../support/test-node';

const SEARCH = `query($text: String!, $filter: LessonFilter, $first: Int) {
  searchLessons(text: $text, filter: $filter, first: $first) {
    candidates truncated hits { rank titleHighlight snippet lesson { id title } }
  }
}`;
const SIMILAR = `query($lessonId: ID, $text: String) { similarLessons(lessonId: $lessonId, text: $text) { rank lesson { id title } } }`;

type Hits = {
  searchLessons: {
    candidates: number;
    truncated: boolean;
    hits: {
      rank: number;
      titleHighlight: string;
      snippet: string;
      lesson: { id: string; title: string };
    }[];
  };
};

describe('finding lessons: full-text search, similar lessons, no N+1', () => {
  let node: TestNode;
  let people: { author: SignedIn; reviewer: SignedIn; lead: SignedIn };
  let falls: LessonResult;
  let fallsAgain: LessonResult;
  let insulin: LessonResult;

  beforeAll(async () => {
    ({ node, staff: people } = await startNodeWithStaff());
    falls = await publishedLesson(node, people, {
      title: 'Unwitnessed fall at night after a change of sedation',
      themes: ['falls'],
      sections: [
        {
          key: 'situation',
          text: 'An older patient fell at night after night sedation was increased.',
        },
        { key: 'background', text: 'Lying and standing blood pressure had not been measured.' },
        {
          key: 'assessment',
          text: 'The multifactorial falls risk assessment was not repeated after the medication change.',
        },
        {
          key: 'recommendations',
          text: 'Repeat the falls assessment whenever sedatives change; bedrails review.',
        },
      ],
    });
    fallsAgain = await publishedLesson(node, people, {
      title: 'Second fall on a ward with no falls assessment after sedation',
      themes: ['falls', 'medication'],
    });
    insulin = await publishedLesson(node, people, {
      title: 'Insulin <b>omitted</b> during transfer & "handover" between wards',
      summary: 'An insulin dose was omitted when the patient moved wards before breakfast.',
      themes: ['medication', 'discharge_transfer'],
    });
  });
  afterAll(() => node.close());

  it('finds a lesson by a word in one of its sections, ranked, with the word marked', async () => {
    const result = await node.gql<Hits>(
      SEARCH,
      { text: 'multifactorial' },
      people.reviewer.accessToken,
    );
    expect(result.errors).toBeUndefined();
    const hits = result.data!.searchLessons.hits;
    expect(hits.map((h) => h.lesson.id)).toEqual([falls.id]);
    expect(hits[0]!.snippet).toContain('<mark>multifactorial</mark>');
    expect(hits[0]!.rank).toBeGreaterThan(0);
  });

  it('stems words and ranks title matches first', async () => {
    const result = await node.gql<Hits>(
      SEARCH,
      { text: 'falling sedatives' },
      people.author.accessToken,
    );
    const ids = result.data!.searchLessons.hits.map((h) => h.lesson.id);
    expect(ids).toEqual(expect.arrayContaining([falls.id]));
    expect(ids).not.toContain(insulin.id);
  });

  it('escapes HTML in highlights', async () => {
    const result = await node.gql<Hits>(
      SEARCH,
      { text: 'insulin omitted' },
      people.author.accessToken,
    );
    const hit = result.data!.searchLessons.hits.find((h) => h.lesson.id === insulin.id)!;
    // The search parser drops tag-like tokens; anything else that is HTML is escaped.
    expect(hit.titleHighlight).not.toContain('<b>');
    expect(hit.titleHighlight).toContain('&amp;');
    expect(hit.titleHighlight).toContain('&quot;');
    expect(hit.titleHighlight).toContain('<mark>Insulin</mark>');
  });

  it('combines search with filters, and refuses empty or huge queries', async () => {
    const filtered = await node.gql<Hits>(
      SEARCH,
      { text: 'fall', filter: { themes: ['medication'] } },
      people.lead.accessToken,
    );
    expect(filtered.data!.searchLessons.hits.map((h) => h.lesson.id)).toEqual([fallsAgain.id]);
    expect(errorCode(await node.gql(SEARCH, { text: ' ' }, people.lead.accessToken))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(await node.gql(SEARCH, { text: 'x'.repeat(201) }, people.lead.accessToken)),
    ).toBe('BAD_USER_INPUT');
    const operators = await node.gql<Hits>(
      SEARCH,
      { text: '"blood pressure" -insulin OR !!! &&' },
      people.lead.accessToken,
    );
    expect(operators.errors).toBeUndefined();
  });

  it('suggests similar published lessons for a lesson, and for text not saved yet', async () => {
    const similar = await node.gql<{ similarLessons: { lesson: { id: string } }[] }>(
      SIMILAR,
      { lessonId: falls.id },
      people.author.accessToken,
    );
    expect(similar.errors).toBeUndefined();
    const ids = similar.data!.similarLessons.map((h) => h.lesson.id);
    expect(ids[0]).toBe(fallsAgain.id);
    expect(ids).not.toContain(falls.id);
    const fromText = await node.gql<{ similarLessons: { lesson: { id: string } }[] }>(
      SIMILAR,
      { text: 'insulin dose missed on transfer' },
      people.author.accessToken,
    );
    expect(fromText.data!.similarLessons[0]!.lesson.id).toBe(insulin.id);
  });

  it('lists a page of lessons with actions, reviews, themes and authors in a fixed number of statements (no N+1)', async () => {
    const query = `query($first: Int) { lessons(first: $first) { edges { node {
      id author { displayName } themes { label } actions { id overdue } reviews { decision } } } } }`;
    const count = async (first: number) => {
      const spy = jest.spyOn(Client.prototype, 'query');
      try {
        const result = await node.gql<{ lessons: { edges: unknown[] } }>(
          query,
          { first },
          people.lead.accessToken,
        );
        expect(result.errors).toBeUndefined();
        return { statements: spy.mock.calls.length, lessons: result.data!.lessons.edges.length };
      } finally {
        spy.mockRestore();
      }
    };
    for (let i = 0; i < 6; i++)
      await publishedLesson(node, people, {
        ...COMPLETE_SBAR,
        title: `Padding lesson ${i} about handover`,
      });
    const small = await count(2);
    const large = await count(9);
    expect(small.lessons).toBe(2);
    expect(large.lessons).toBe(9);
    expect(large.statements).toBe(small.statements);
  });

  it('counts the total only when totalCount is asked for', async () => {
    const statements = async (query: string) => {
      const spy = jest.spyOn(Client.prototype, 'query');
      try {
        const result = await node.gql(query, {}, people.lead.accessToken);
        expect(result.errors).toBeUndefined();
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const without = await statements(`{ lessons(first: 2) { edges { node { id } } } }`);
    const withCount = await statements(
      `{ lessons(first: 2) { totalCount edges { node { id } } } }`,
    );
    expect(withCount).toBe(without + 1);
  });

  it('widens the search back in time until it finds matches: old lessons are still found', async () => {
    const old = await publishedLesson(node, people, {
      title: 'Archived lesson about a syringe driver alarm',
    });
    const { DataSource } = await import('typeorm');
    await node.app
      .get(DataSource)
      .query(`UPDATE lesson SET created_at = now() - interval '4 years' WHERE id = $1`, [old.id]);
    const result = await node.gql<Hits>(
      SEARCH,
      { text: 'syringe driver' },
      people.lead.accessToken,
    );
    expect(result.data!.searchLessons.hits.map((h) => h.lesson.id)).toEqual([old.id]);
    expect(result.data!.searchLessons.truncated).toBe(false);
  });
});
