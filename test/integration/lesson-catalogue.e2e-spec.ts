import { addAction, createLesson } from '../support/lesson-factory';
import {
  createQualityLead,
  errorCode,
  signIn,
  startTestNode,
  type SignedIn,
  type TestNode,
  startNodeWithStaff,
} from '../support/test-node';

describe('taxonomy, templates, themes, forums and editing action plans', () => {
  let node: TestNode;
  let lead: SignedIn;
  let author: SignedIn;

  beforeAll(async () => {
    ({
      node,
      staff: { lead, author },
    } = await startNodeWithStaff());
  });
  afterAll(() => node.close());

  it('serves the taxonomy with national codes, and the templates with their sections', async () => {
    const result = await node.gql<{
      taxonomy: { physicalHarms: { value: string; code: string }[]; careSettings: unknown[] };
      lessonTemplates: { template: string; sections: { key: string; required: boolean }[] }[];
      themes: { key: string }[];
    }>(
      `{ taxonomy { physicalHarms { value label code } careSettings { value label } }
          lessonTemplates { template label sections { key label required help } } themes { key label } }`,
      {},
      author.accessToken,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.taxonomy.physicalHarms).toContainEqual({
      value: 'FATAL',
      label: 'Fatal',
      code: 'OT001:1',
    });
    expect(result.data!.taxonomy.careSettings).toHaveLength(16);
    expect(result.data!.lessonTemplates.map((t) => t.template)).toHaveLength(6);
    expect(result.data!.themes.length).toBeGreaterThanOrEqual(18);
  });

  it('lets only a hub add themes', async () => {
    const refused = await node.gql(
      `mutation { addTheme(key: "frailty", label: "Frailty") { key } }`,
      {},
      lead.accessToken,
    );
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    const hub = await startTestNode({ NODE_ROLE: 'hub', ODS_CODE: 'HUB02' });
    try {
      const hubLead = await signIn(hub, await createQualityLead(hub));
      const added = await hub.gql(
        `mutation { addTheme(key: "frailty", label: "Frailty") { key label } }`,
        {},
        hubLead.accessToken,
      );
      expect(added.data).toEqual({ addTheme: { key: 'frailty', label: 'Frailty' } });
      expect(
        errorCode(
          await hub.gql(
            `mutation { addTheme(key: "frailty", label: "Again") { key } }`,
            {},
            hubLead.accessToken,
          ),
        ),
      ).toBe('CONFLICT');
      expect(
        errorCode(
          await hub.gql(
            `mutation { addTheme(key: "Bad Key!", label: "x y") { key } }`,
            {},
            hubLead.accessToken,
          ),
        ),
      ).toBe('BAD_USER_INPUT');
      const themes = await hub.gql<{ themes: { key: string }[] }>(
        `{ themes { key } }`,
        {},
        hubLead.accessToken,
      );
      expect(themes.data!.themes.map((t) => t.key)).toContain('frailty');
    } finally {
      await hub.close();
    }
  });

  it('keeps action forums per organisation: the starting list, added ones, and unknown ids refused', async () => {
    const forums = await node.gql<{ actionForums: { id: string; name: string }[] }>(
      `{ actionForums { id name } }`,
      {},
      author.accessToken,
    );
    expect(forums.data!.actionForums.map((f) => f.name)).toEqual(
      expect.arrayContaining(['Trust forum']),
    );
    expect(
      errorCode(
        await node.gql(
          `mutation { addActionForum(name: "Falls Steering Group") { id } }`,
          {},
          author.accessToken,
        ),
      ),
    ).toBe('FORBIDDEN');
    const added = await node.gql<{ addActionForum: { id: string } }>(
      `mutation { addActionForum(name: "Falls Steering Group") { id name } }`,
      {},
      lead.accessToken,
    );
    const lesson = await createLesson(node, author);
    const action = await addAction(node, author, lesson.id, {
      forumId: added.data!.addActionForum.id,
    });
    expect(action.id).toBeDefined();
    const unknown = await node.gql(
      `mutation($i: AddActionInput!) { addLessonAction(input: $i) { id } }`,
      {
        i: {
          lessonId: lesson.id,
          description: 'Something specific',
          ownerRole: 'Matron',
          dueDate: '2099-01-01',
          strength: 'WEAK',
          forumId: '00000000-0000-4000-8000-000000000000',
        },
      },
      author.accessToken,
    );
    expect(errorCode(unknown)).toBe('UNKNOWN_FORUM');
  });

  it('edits and removes actions of a draft, refusing stale edits and past dates', async () => {
    const lesson = await createLesson(node, author);
    const action = await addAction(node, author, lesson.id);
    const UPDATE = `mutation($i: UpdateActionInput!) { updateLessonAction(input: $i) { id version ownerRole } }`;
    const edited = await node.gql<{ updateLessonAction: { version: number; ownerRole: string } }>(
      UPDATE,
      { i: { id: action.id, expectedVersion: 1, ownerRole: 'Ward Manager' } },
      author.accessToken,
    );
    expect(edited.data!.updateLessonAction).toMatchObject({
      version: 2,
      ownerRole: 'Ward Manager',
    });
    expect(
      errorCode(
        await node.gql(
          UPDATE,
          { i: { id: action.id, expectedVersion: 1, ownerRole: 'Old copy' } },
          author.accessToken,
        ),
      ),
    ).toBe('STALE_WRITE');
    expect(
      errorCode(
        await node.gql(
          UPDATE,
          { i: { id: action.id, expectedVersion: 2, dueDate: '2001-01-01' } },
          author.accessToken,
        ),
      ),
    ).toBe('DUE_DATE_IN_PAST');
    const removed = await node.gql(
      `mutation($id: ID!) { removeLessonAction(id: $id) }`,
      { id: action.id },
      author.accessToken,
    );
    expect(removed.data).toEqual({ removeLessonAction: true });
    expect(
      errorCode(
        await node.gql(
          `mutation($id: ID!) { removeLessonAction(id: $id) }`,
          { id: action.id },
          author.accessToken,
        ),
      ),
    ).toBe('ACTION_NOT_FOUND');
  });

  it('refuses action status changes before the lesson is approved', async () => {
    const lesson = await createLesson(node, author);
    const action = await addAction(node, author, lesson.id);
    const result = await node.gql(
      `mutation($i: SetActionStatusInput!) { setLessonActionStatus(input: $i) { id } }`,
      { i: { id: action.id, status: 'IN_PROGRESS' } },
      author.accessToken,
    );
    expect(errorCode(result)).toBe('ACTION_STATUS_NOT_ALLOWED');
  });
});
