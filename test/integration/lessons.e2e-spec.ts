import { DataSource } from 'typeorm';
import {
  addAction,
  COMPLETE_SBAR,
  createLesson,
  daysFromToday,
  LESSON_FIELDS,
  step,
  type LessonResult,
} from '../support/lesson-factory';
import {
  createUserAndSignIn,
  errorCode,
  signIn,
  type SignedIn,
  type TestNode,
  startNodeWithStaff,
} from '../support/test-node';

const UPDATE = `mutation($input: UpdateLessonInput!) { updateLesson(input: $input) { ${LESSON_FIELDS} } }`;
const LESSON = `query($id: ID!) { lesson(id: $id) { ${LESSON_FIELDS} } }`;
const TRACKER = `query($filter: ActionFilter, $first: Int) { actionTracker(filter: $filter, first: $first) {
  totalCount edges { node { id lessonId description status overdue dueDate } } } }`;
const SET_STATUS = `mutation($input: SetActionStatusInput!) { setLessonActionStatus(input: $input) { id status evidence overdue } }`;

describe('lessons: the review workflow and action plans through GraphQL', () => {
  let node: TestNode;
  let lead: SignedIn;
  let author: SignedIn;
  let secondAuthor: SignedIn;
  let reviewer: SignedIn;
  let viewer: SignedIn;

  beforeAll(async () => {
    ({
      node,
      staff: { lead, author, reviewer },
    } = await startNodeWithStaff());
    secondAuthor = await createUserAndSignIn(node, lead.accessToken, ['AUTHOR']);
    viewer = await createUserAndSignIn(node, lead.accessToken, ['VIEWER']);
  });
  afterAll(() => node.close());

  it('runs the whole story: draft SBAR with three actions → changes requested → edited → approved → published; tracker, audit', async () => {
    const draft = await createLesson(node, author);
    expect(draft).toMatchObject({
      status: 'DRAFT',
      version: 1,
      visibility: 'INTERNAL',
      occurredMonth: '2026-09',
    });
    expect((draft.sections as { key: string; label: string }[]).map((s) => s.label)).toEqual([
      'Situation',
      'Background',
      'Assessment',
      'Recommendations',
    ]);
    const actions = [
      await addAction(node, author, draft.id),
      await addAction(node, author, draft.id, {
        description: 'Teach trend recognition at every ward induction',
        strength: 'WEAK',
        dueDate: daysFromToday(1),
      }),
      await addAction(node, author, draft.id, {
        description: 'Outreach team reviews every NEWS2 of 5 or more within 30 minutes',
        strength: 'INTERMEDIATE',
        ownerName: 'Outreach lead',
      }),
    ];

    expect((await step(node, author, 'submitLesson', draft.id)).data?.submitLesson?.status).toBe(
      'IN_REVIEW',
    );
    const sentBack = await step(node, reviewer, 'requestLessonChanges', draft.id, {
      comment: 'Say which ward type; add the staffing position.',
    });
    expect(sentBack.data?.requestLessonChanges?.status).toBe('CHANGES_REQUESTED');

    const current = await node.gql<{ lesson: LessonResult }>(
      LESSON,
      { id: draft.id },
      author.accessToken,
    );
    const edited = await node.gql<{ updateLesson: LessonResult }>(
      UPDATE,
      {
        input: {
          id: draft.id,
          expectedVersion: current.data!.lesson.version,
          summary:
            'On an acute medical ward one nurse short, a rising NEWS2 was not escalated for four hours.',
        },
      },
      author.accessToken,
    );
    expect(edited.errors).toBeUndefined();
    expect((await step(node, author, 'submitLesson', draft.id)).data?.submitLesson?.status).toBe(
      'IN_REVIEW',
    );
    expect(
      (await step(node, reviewer, 'approveLesson', draft.id, { comment: 'Clear and specific.' }))
        .data?.approveLesson?.status,
    ).toBe('APPROVED');
    const published = await step(node, lead, 'publishLesson', draft.id);
    expect(published.data?.publishLesson?.status).toBe('PUBLISHED');

    const seen = await node.gql<{
      lesson: LessonResult & { reviews: { decision: string }[]; publishedAt: string };
    }>(LESSON, { id: draft.id }, viewer.accessToken);
    expect(seen.data!.lesson.reviews.map((r) => r.decision)).toEqual([
      'request_changes',
      'approve',
    ]);
    expect(seen.data!.lesson.publishedAt).toBeTruthy();

    // Time passes: the second action's due date goes by without it being done.
    await node.app
      .get(DataSource)
      .query(`UPDATE lesson_action SET due_date = current_date - 3 WHERE id = $1`, [
        actions[1]!.id,
      ]);
    const overdue = await node.gql<{
      actionTracker: { totalCount: number; edges: { node: { id: string; overdue: boolean } }[] };
    }>(TRACKER, { filter: { overdue: true } }, lead.accessToken);
    expect(overdue.errors).toBeUndefined();
    expect(overdue.data!.actionTracker.edges.map((e) => e.node.id)).toEqual([actions[1]!.id]);
    expect(overdue.data!.actionTracker.edges[0]!.node.overdue).toBe(true);

    // The actions are carried out: completion needs evidence; reviewers verify.
    expect(
      errorCode(
        await node.gql(
          SET_STATUS,
          { input: { id: actions[0]!.id, status: 'COMPLETED' } },
          author.accessToken,
        ),
      ),
    ).toBe('EVIDENCE_REQUIRED');
    const done = await node.gql<{ setLessonActionStatus: { status: string } }>(
      SET_STATUS,
      {
        input: {
          id: actions[0]!.id,
          status: 'COMPLETED',
          evidence: 'E-obs live on all medical wards since 1 November; audit attached.',
        },
      },
      author.accessToken,
    );
    expect(done.data?.setLessonActionStatus.status).toBe('COMPLETED');
    expect(
      errorCode(
        await node.gql(
          SET_STATUS,
          { input: { id: actions[0]!.id, status: 'VERIFIED' } },
          author.accessToken,
        ),
      ),
    ).toBe('LESSON_NOT_ALLOWED');
    expect(
      (
        await node.gql(
          SET_STATUS,
          { input: { id: actions[0]!.id, status: 'VERIFIED' } },
          reviewer.accessToken,
        )
      ).errors,
    ).toBeUndefined();
    expect(
      errorCode(
        await node.gql(
          SET_STATUS,
          { input: { id: actions[0]!.id, status: 'PLANNED' } },
          lead.accessToken,
        ),
      ),
    ).toBe('ACTION_STATUS_NOT_ALLOWED');

    const trail = await node.gql<{ lessonAuditTrail: { action: string; actorUserId: string }[] }>(
      `query($id: ID!) { lessonAuditTrail(id: $id) { action actorUserId occurredAt details } }`,
      { id: draft.id },
      lead.accessToken,
    );
    expect(trail.data!.lessonAuditTrail.map((e) => e.action)).toEqual([
      'lesson.created',
      'lesson.action_added',
      'lesson.action_added',
      'lesson.action_added',
      'lesson.submit',
      'lesson.request_changes',
      'lesson.edited',
      'lesson.submit',
      'lesson.approve',
      'lesson.publish',
      'lesson.action_status_changed',
      'lesson.action_status_changed',
    ]);
    expect(trail.data!.lessonAuditTrail[5]!.actorUserId).toBe(reviewer.userId);
  });

  it('refuses a stale edit instead of overwriting', async () => {
    const lesson = await createLesson(node, author);
    const first = await node.gql(
      UPDATE,
      { input: { id: lesson.id, expectedVersion: 1, summary: 'First edit' } },
      author.accessToken,
    );
    expect(first.errors).toBeUndefined();
    const stale = await node.gql(
      UPDATE,
      { input: { id: lesson.id, expectedVersion: 1, summary: 'Second edit from an old copy' } },
      lead.accessToken,
    );
    expect(errorCode(stale)).toBe('STALE_WRITE');
    expect(stale.errors![0]!.extensions.details).toMatchObject({
      currentVersion: 2,
      expectedVersion: 1,
    });
    const now = await node.gql<{ lesson: { summary: string } }>(
      LESSON,
      { id: lesson.id },
      author.accessToken,
    );
    expect(now.data!.lesson.summary).toBe('First edit');
  });

  it('refuses to submit an incomplete lesson, naming what is missing', async () => {
    const lesson = await createLesson(node, author, {
      template: 'AFTER_ACTION_REVIEW',
      title: 'Handover on the day unit',
    });
    const result = await step(node, author, 'submitLesson', lesson.id);
    expect(errorCode(result)).toBe('LESSON_INCOMPLETE');
    const missing = result.errors![0]!.extensions.details!.missing as string[];
    expect(missing).toEqual(
      expect.arrayContaining([
        'summary',
        'themes',
        'sections.expected',
        'sections.learned',
        'actions',
      ]),
    );
  });

  it('refuses bad input with clear codes', async () => {
    const unknownSection = await node.gql(
      `mutation($input: CreateLessonInput!) { createLesson(input: $input) { id } }`,
      { input: { ...COMPLETE_SBAR, sections: [{ key: 'expected', text: 'x' }] } },
      author.accessToken,
    );
    expect(errorCode(unknownSection)).toBe('UNKNOWN_SECTION');
    const unknownTheme = await node.gql(
      `mutation($input: CreateLessonInput!) { createLesson(input: $input) { id } }`,
      { input: { ...COMPLETE_SBAR, themes: ['astrology'] } },
      author.accessToken,
    );
    expect(errorCode(unknownTheme)).toBe('UNKNOWN_THEME');
    const unknownEnum = await node.gql(
      `mutation($input: CreateLessonInput!) { createLesson(input: $input) { id } }`,
      { input: { ...COMPLETE_SBAR, physicalHarm: 'CATASTROPHIC' } },
      author.accessToken,
    );
    expect(errorCode(unknownEnum)).toBe('BAD_USER_INPUT');
    const tooLong = await node.gql(
      `mutation($input: CreateLessonInput!) { createLesson(input: $input) { id } }`,
      { input: { ...COMPLETE_SBAR, title: 'x'.repeat(201) } },
      author.accessToken,
    );
    expect(errorCode(tooLong)).toBe('BAD_USER_INPUT');
    const longSection = await node.gql(
      `mutation($input: CreateLessonInput!) { createLesson(input: $input) { id } }`,
      { input: { ...COMPLETE_SBAR, sections: [{ key: 'situation', text: 'y'.repeat(5001) }] } },
      author.accessToken,
    );
    expect(errorCode(longSection)).toBe('BAD_USER_INPUT');
    const future = await node.gql(
      `mutation($input: CreateLessonInput!) { createLesson(input: $input) { id } }`,
      { input: { ...COMPLETE_SBAR, occurredMonth: '2999-01' } },
      author.accessToken,
    );
    expect(errorCode(future)).toBe('MONTH_IN_FUTURE');
    const exactDate = await node.gql(
      `mutation($input: CreateLessonInput!) { createLesson(input: $input) { id } }`,
      { input: { ...COMPLETE_SBAR, occurredMonth: '2026-09-14' } },
      author.accessToken,
    );
    expect(errorCode(exactDate)).toBe('BAD_USER_INPUT');

    const lesson = await createLesson(node, author);
    const pastDue = await node.gql(
      `mutation($input: AddActionInput!) { addLessonAction(input: $input) { id } }`,
      {
        input: {
          lessonId: lesson.id,
          description: 'Something specific to do',
          ownerRole: 'Matron',
          dueDate: daysFromToday(-1),
          strength: 'WEAK',
        },
      },
      author.accessToken,
    );
    expect(errorCode(pastDue)).toBe('DUE_DATE_IN_PAST');
    const notUuid = await node.gql(LESSON, { id: 'not-a-uuid' }, lead.accessToken);
    expect(errorCode(notUuid)).toBe('LESSON_NOT_FOUND');
  });

  it('enforces who takes each step', async () => {
    const lesson = await createLesson(node, author);
    await addAction(node, author, lesson.id);
    // Only the author (or a quality lead) submits; other authors cannot even see the draft.
    expect(errorCode(await step(node, secondAuthor, 'submitLesson', lesson.id))).toBe(
      'LESSON_NOT_FOUND',
    );
    expect(errorCode(await step(node, reviewer, 'submitLesson', lesson.id))).toBe('FORBIDDEN');
    // Reviewers cannot act on a draft they cannot see, nor approve before submission.
    expect(errorCode(await step(node, reviewer, 'approveLesson', lesson.id))).toBe(
      'LESSON_NOT_FOUND',
    );
    await step(node, author, 'submitLesson', lesson.id);
    expect(errorCode(await step(node, author, 'approveLesson', lesson.id))).toBe('FORBIDDEN');
    expect(errorCode(await step(node, reviewer, 'requestLessonChanges', lesson.id))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await step(node, reviewer, 'publishLesson', lesson.id))).toBe('FORBIDDEN');
    expect(errorCode(await step(node, lead, 'publishLesson', lesson.id))).toBe(
      'TRANSITION_NOT_ALLOWED',
    );
    // No edits while in review.
    const inReview = await node.gql<{ lesson: LessonResult }>(
      LESSON,
      { id: lesson.id },
      author.accessToken,
    );
    expect(
      errorCode(
        await node.gql(
          UPDATE,
          {
            input: {
              id: lesson.id,
              expectedVersion: inReview.data!.lesson.version,
              summary: 'sneaky',
            },
          },
          author.accessToken,
        ),
      ),
    ).toBe('LESSON_NOT_EDITABLE');
    await step(node, reviewer, 'approveLesson', lesson.id);
    await step(node, lead, 'publishLesson', lesson.id);
    // Published lessons cannot be edited; retraction needs a reason and a quality lead.
    const published = await node.gql<{ lesson: LessonResult }>(
      LESSON,
      { id: lesson.id },
      author.accessToken,
    );
    expect(
      errorCode(
        await node.gql(
          UPDATE,
          {
            input: {
              id: lesson.id,
              expectedVersion: published.data!.lesson.version,
              title: 'New title',
            },
          },
          lead.accessToken,
        ),
      ),
    ).toBe('LESSON_NOT_EDITABLE');
    expect(errorCode(await step(node, lead, 'retractLesson', lesson.id))).toBe('BAD_USER_INPUT');
    const retracted = await step(node, lead, 'retractLesson', lesson.id, {
      comment: 'Superseded by the thematic review.',
    });
    expect(retracted.data?.retractLesson?.status).toBe('RETRACTED');
    expect(
      errorCode(await step(node, lead, 'retractLesson', lesson.id, { comment: 'again' })),
    ).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('never lets a reviewer approve their own lesson', async () => {
    const both = await createUserAndSignIn(node, lead.accessToken, ['AUTHOR', 'REVIEWER']);
    const lesson = await createLesson(node, both);
    await addAction(node, both, lesson.id);
    await step(node, both, 'submitLesson', lesson.id);
    expect(errorCode(await step(node, both, 'approveLesson', lesson.id))).toBe('SELF_REVIEW');
    expect(
      errorCode(await step(node, both, 'requestLessonChanges', lesson.id, { comment: 'x' })),
    ).toBe('SELF_REVIEW');
  });

  it('shows each role only the lessons it may see', async () => {
    const draft = await createLesson(node, author, {
      template: 'SBAR',
      title: 'A private draft about falls',
    });
    type Listing = { lessons: { edges: { node: { id: string } }[] } };
    const list = (who: SignedIn) =>
      node.gql<Listing>(`{ lessons(first: 100) { edges { node { id } } } }`, {}, who.accessToken);
    const ids = async (who: SignedIn) =>
      (await list(who)).data!.lessons.edges.map((e) => e.node.id);
    expect(await ids(author)).toContain(draft.id);
    expect(await ids(lead)).toContain(draft.id);
    expect(await ids(reviewer)).not.toContain(draft.id);
    expect(await ids(viewer)).not.toContain(draft.id);
    expect(errorCode(await node.gql(LESSON, { id: draft.id }, viewer.accessToken))).toBe(
      'LESSON_NOT_FOUND',
    );
  });

  it('filters lessons and pages through them', async () => {
    type Listing = {
      lessons: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { id: string } }[];
      };
    };
    const mine = await node.gql<Listing>(
      `query($f: LessonFilter) { lessons(filter: $f, first: 100) { totalCount edges { node { id } } } }`,
      { f: { mine: true, template: 'AFTER_ACTION_REVIEW' } },
      author.accessToken,
    );
    expect(mine.data!.lessons.totalCount).toBe(1);
    const severe = await node.gql<Listing>(
      `query($f: LessonFilter) { lessons(filter: $f, first: 100) { totalCount } }`,
      { f: { minimumPhysicalHarm: 'SEVERE' } },
      lead.accessToken,
    );
    expect(severe.data!.lessons.totalCount).toBe(0);
    const moderate = await node.gql<Listing>(
      `query($f: LessonFilter) { lessons(filter: $f, first: 100) { totalCount } }`,
      {
        f: {
          minimumPhysicalHarm: 'MODERATE',
          themes: ['deteriorating_patient'],
          occurredFrom: '2026-09',
          occurredTo: '2026-09',
        },
      },
      lead.accessToken,
    );
    expect(moderate.data!.lessons.totalCount).toBeGreaterThan(2);
    const seen = new Set<string>();
    let after: string | undefined;
    let total = 0;
    for (;;) {
      const page = await node.gql<Listing>(
        `query($after: String) { lessons(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
        { after },
        lead.accessToken,
      );
      total = page.data!.lessons.totalCount;
      for (const edge of page.data!.lessons.edges) seen.add(edge.node.id);
      if (!page.data!.lessons.pageInfo.hasNextPage) break;
      after = page.data!.lessons.pageInfo.endCursor;
    }
    expect(seen.size).toBe(total);
  });

  it('keeps another organisation’s lessons invisible', async () => {
    const lesson = await createLesson(node, author);
    const dataSource = node.app.get(DataSource);
    const [other] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO organisation (ods_code, name, role) VALUES ('ROTH2', 'Other', 'trust') RETURNING id`,
    );
    const outsider = await createUserAndSignIn(node, lead.accessToken, [
      'QUALITY_LEAD',
      'REVIEWER',
    ]);
    await dataSource.query(`UPDATE app_user SET organisation_id = $1 WHERE id = $2`, [
      other!.id,
      outsider.userId,
    ]);
    // Signed in again: a token names the organisation it was issued for.
    const moved = await signIn(node, outsider.email);
    Object.assign(outsider, moved);
    expect(errorCode(await node.gql(LESSON, { id: lesson.id }, outsider.accessToken))).toBe(
      'LESSON_NOT_FOUND',
    );
    expect(
      errorCode(
        await node.gql(
          UPDATE,
          { input: { id: lesson.id, expectedVersion: 1, summary: 'x' } },
          outsider.accessToken,
        ),
      ),
    ).toBe('LESSON_NOT_FOUND');
    expect(errorCode(await step(node, outsider, 'submitLesson', lesson.id))).toBe(
      'LESSON_NOT_FOUND',
    );
  });

  it('writes nothing when a step fails half-way (transactions)', async () => {
    const lesson = await createLesson(node, author);
    const before = await node.app
      .get(DataSource)
      .query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_event WHERE subject_id = $1`, [
        lesson.id,
      ]);
    expect(errorCode(await step(node, author, 'submitLesson', lesson.id))).toBe(
      'LESSON_INCOMPLETE',
    );
    const after = await node.app
      .get(DataSource)
      .query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_event WHERE subject_id = $1`, [
        lesson.id,
      ]);
    expect(after[0]!.n).toBe(before[0]!.n);
    const state = await node.gql<{ lesson: LessonResult }>(
      LESSON,
      { id: lesson.id },
      author.accessToken,
    );
    expect(state.data!.lesson).toMatchObject({ status: 'DRAFT', version: 1 });
  });
});
