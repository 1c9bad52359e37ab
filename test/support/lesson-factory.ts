import type { GqlClient, SignedIn } from './test-node';

/** Fields of a complete SBAR lesson, ready to submit once it has an action. */
export const COMPLETE_SBAR = {
  template: 'SBAR',
  title: 'Delayed escalation of a rising NEWS2 score on an acute medical ward',
  summary: 'A patient with a rising NEWS2 score was not escalated for four hours overnight.',
  sections: [
    { key: 'situation', text: 'NEWS2 rose from 3 to 7 over the night shift without escalation.' },
    {
      key: 'background',
      text: 'The ward was one registered nurse short; observations were recorded on paper.',
    },
    {
      key: 'assessment',
      text: 'The escalation policy relied on the nurse in charge noticing the trend.',
    },
    {
      key: 'recommendations',
      text: 'Electronic observations with automatic alerts to the outreach team.',
    },
  ],
  keyLearningPoints: [
    'Trends matter more than single scores',
    'Escalation must not depend on one person noticing',
  ],
  learningSource: 'PSII',
  eventType: 'INCIDENT',
  themes: ['deteriorating_patient', 'communication'],
  careSetting: 'ACUTE',
  specialty: 'Acute medicine',
  physicalHarm: 'MODERATE',
  psychologicalHarm: 'LOW',
  contributoryFactors: ['TASKS', 'ORGANISATION'],
  occurredMonth: '2026-09',
};

export const LESSON_FIELDS = `id version status title summary template visibility occurredMonth
  sections { key label required text } keyLearningPoints themes { key label }
  learningSource eventType careSetting physicalHarm psychologicalHarm contributoryFactors
  author { id displayName } publishedAt retractedAt retractionReason
  actions { id description status overdue dueDate evidence strength version }
  reviews { decision comment reviewerId }`;

export interface LessonResult {
  id: string;
  version: number;
  status: string;
  [key: string]: unknown;
}

/** ISO date `days` from today (UTC). */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Creates a lesson through GraphQL; fails the test on error. */
export async function createLesson(
  node: GqlClient,
  who: SignedIn,
  input: Record<string, unknown> = COMPLETE_SBAR,
): Promise<LessonResult> {
  const result = await node.gql<{ createLesson: LessonResult }>(
    `mutation($input: CreateLessonInput!) { createLesson(input: $input) { ${LESSON_FIELDS} } }`,
    { input },
    who.accessToken,
  );
  if (!result.data?.createLesson)
    throw new Error(`createLesson failed: ${JSON.stringify(result.errors)}`);
  return result.data.createLesson;
}

/** Adds an action through GraphQL; fails the test on error. */
export async function addAction(
  node: GqlClient,
  who: SignedIn,
  lessonId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const result = await node.gql<{ addLessonAction: { id: string; version: number } }>(
    `mutation($input: AddActionInput!) { addLessonAction(input: $input) { id version } }`,
    {
      input: {
        lessonId,
        description: 'Introduce electronic observations with automatic escalation alerts',
        ownerRole: 'Deputy Director of Nursing',
        dueDate: daysFromToday(30),
        strength: 'STRONG',
        ...overrides,
      },
    },
    who.accessToken,
  );
  if (!result.data?.addLessonAction)
    throw new Error(`addLessonAction failed: ${JSON.stringify(result.errors)}`);
  return result.data.addLessonAction;
}

/** Runs one workflow mutation (submitLesson, approveLesson …) and returns the result. */
export function step(
  node: GqlClient,
  who: SignedIn,
  mutation: string,
  id: string,
  extra: Record<string, unknown> = {},
) {
  return node.gql<Record<string, LessonResult>>(
    `mutation($input: LessonStepInput!) { ${mutation}(input: $input) { id status version } }`,
    { input: { id, ...extra } },
    who.accessToken,
  );
}

/** Takes a lesson from nothing to published: create, one action, submit, approve, publish. */
export async function publishedLesson(
  node: GqlClient,
  people: { author: SignedIn; reviewer: SignedIn; lead: SignedIn },
  overrides: Record<string, unknown> = {},
): Promise<LessonResult> {
  const lesson = await createLesson(node, people.author, { ...COMPLETE_SBAR, ...overrides });
  await addAction(node, people.author, lesson.id);
  for (const [who, mutation] of [
    [people.author, 'submitLesson'],
    [people.reviewer, 'approveLesson'],
    [people.lead, 'publishLesson'],
  ] as const) {
    const result = await step(node, who, mutation, lesson.id);
    if (result.errors) throw new Error(`${mutation} failed: ${JSON.stringify(result.errors)}`);
  }
  return lesson;
}
