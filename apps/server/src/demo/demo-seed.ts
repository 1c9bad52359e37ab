import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { type Actor, RequestContext } from '@lessons-network/common';
import { Role, UsersService, type UserEntity } from '@lessons-network/identity';
import {
  ActionsService,
  ActionStatus,
  CARE_SETTINGS,
  type CareSetting,
  LessonsService,
  LessonTemplate,
  LessonTransition,
  TEMPLATES,
} from '@lessons-network/lessons';
import { DataSource } from 'typeorm';
import { SCENARIOS, type Scenario } from './scenarios';

/** The node already has the demo data: seed:demo fills a fresh node only. */
export class DemoAlreadySeeded extends Error {}

export interface DemoSeedResult {
  readonly lessons: number;
  readonly password: string;
  readonly users: ReadonlyArray<{ email: string; roles: string[] }>;
}

const DEMO_USERS = [
  { email: 'demo.lead@example.org', displayName: 'Demo Quality Lead', roles: [Role.QUALITY_LEAD] },
  { email: 'demo.reviewer@example.org', displayName: 'Demo Reviewer', roles: [Role.REVIEWER] },
  { email: 'demo.author@example.org', displayName: 'Demo Author', roles: [Role.AUTHOR] },
  { email: 'demo.viewer@example.org', displayName: 'Demo Viewer', roles: [Role.VIEWER] },
] as const;

const TEMPLATE_ORDER = Object.values(LessonTemplate);
const SETTINGS = Object.keys(CARE_SETTINGS) as CareSetting[];

/** Which state lesson `i` ends in: mostly published, some at every other stage. */
function targetState(
  i: number,
): 'draft' | 'changes_requested' | 'in_review' | 'approved' | 'published' | 'retracted' {
  if (i % 20 === 19) return 'retracted';
  return (
    [
      'published',
      'published',
      'published',
      'published',
      'published',
      'published',
      'approved',
      'in_review',
      'changes_requested',
      'draft',
    ] as const
  )[i % 10];
}

/** The scenario's facts laid out in the sections of a template. */
export function sectionsFor(
  template: LessonTemplate,
  s: Scenario,
): { key: string; text: string }[] {
  const byTemplate: Record<LessonTemplate, Record<string, string>> = {
    lessons_learned_briefing: {
      what_happened: s.happened,
      what_we_found: s.found,
      what_we_are_changing: s.change,
    },
    sbar: {
      situation: s.happened,
      background: s.context,
      assessment: s.found,
      recommendations: s.change,
    },
    after_action_review: {
      expected: s.expected,
      actual: s.happened,
      difference: s.found,
      learned: s.learning,
    },
    expected_practice_review: {
      expected_practice: s.expected,
      actual_practice: s.happened,
      gap: s.found,
      learning: s.learning,
    },
    psii_summary: {
      incident_summary: s.happened,
      investigation_approach:
        'A SEIPS-based review with the staff involved; the family were invited to contribute their questions.',
      findings: `${s.context} ${s.found}`,
      areas_for_improvement: s.change,
    },
    thematic_review_summary: {
      scope: `Events of this kind over twelve months. ${s.context}`,
      method:
        'Each event was reviewed against the same questions and the findings grouped by SEIPS component.',
      themes_identified: s.found,
      recommendations: s.change,
    },
  };
  return TEMPLATES[template].sections.map((section) => ({
    key: section.key,
    text: byTemplate[template][section.key] ?? '',
  }));
}

/**
 * Seeds a node with realistic synthetic lessons across every template, theme and care setting,
 * through the same services the API uses (so every rule and audit entry applies), then spreads
 * them over the past 18 months. Nothing in it is about a real person.
 */
export async function seedDemo(
  app: INestApplicationContext,
  count: number,
  progress: (done: number, total: number) => void = () => undefined,
  password = `demo-${randomBytes(9).toString('base64url')}`,
): Promise<DemoSeedResult> {
  const dataSource = app.get(DataSource);
  const existing = await dataSource.query<{ email: string }[]>(
    `SELECT email FROM app_user WHERE email = ANY($1) ORDER BY email`,
    [DEMO_USERS.map((u) => u.email)],
  );
  if (existing.length > 0)
    throw new DemoAlreadySeeded(
      `This node already has the demo data (${existing.map((u) => u.email).join(', ')}): ` +
        'seed:demo fills a fresh node only. Sign in with the password it printed the first time, ' +
        'or start a fresh node (another DATA_DIR; for npm run network, add -- --fresh).',
    );

  const system = RequestContext.system(`seed-${randomBytes(4).toString('hex')}`);
  const users = app.get(UsersService);
  const created: UserEntity[] = [];
  for (const spec of DEMO_USERS) {
    const { user } = await users.createQualityLead(system, {
      email: spec.email,
      displayName: spec.displayName,
      password,
    });
    await dataSource.query(`UPDATE app_user SET roles = $1 WHERE id = $2`, [
      [...spec.roles],
      user.id,
    ]);
    created.push({ ...user, roles: [...spec.roles] });
  }
  const [lead, reviewer, author] = created.map((u): RequestContext =>
    system.withActor({
      userId: u.id,
      organisationId: u.organisationId,
      roles: u.roles,
      sessionId: 'seed',
    } satisfies Actor),
  ) as [RequestContext, RequestContext, RequestContext];

  const lessons = app.get(LessonsService);
  const actions = app.get(ActionsService);
  const today = new Date();
  for (let i = 0; i < count; i++) {
    const scenario = SCENARIOS[i % SCENARIOS.length];
    const round = Math.floor(i / SCENARIOS.length);
    const template = TEMPLATE_ORDER[(i + round) % TEMPLATE_ORDER.length];
    const setting = round === 0 ? scenario.setting : SETTINGS[i % SETTINGS.length];
    const ageDays = 20 + Math.floor(((count - i) / count) * 520);
    const occurred = new Date(today.getTime() - (ageDays + 30) * 86_400_000);
    const lesson = await lessons.create(author, {
      template,
      title:
        round === 0
          ? scenario.title
          : `${scenario.title} (${CARE_SETTINGS[setting].label.toLowerCase()})`,
      summary: scenario.summary,
      sections: sectionsFor(template, scenario),
      keyLearningPoints: [...scenario.points],
      learningSource: scenario.source,
      eventType: scenario.eventType,
      themes: [scenario.theme, ...scenario.extraThemes],
      careSetting: setting,
      specialty: round === 0 ? scenario.specialty : CARE_SETTINGS[setting].label,
      physicalHarm: scenario.physicalHarm,
      psychologicalHarm: scenario.psychologicalHarm,
      contributoryFactors: [...scenario.factors],
      occurredMonth: occurred.toISOString().slice(0, 7),
    });
    const actionIds: string[] = [];
    for (const action of scenario.actions) {
      const due = new Date(today.getTime() + (30 + ((i * 7) % 150)) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      actionIds.push(
        (await actions.add(author, { lessonId: lesson.id, ...action, dueDate: due })).id,
      );
    }
    const target = targetState(i);
    const steps: Array<[RequestContext, LessonTransition, string?]> = [];
    if (target !== 'draft') steps.push([author, LessonTransition.SUBMIT]);
    if (target === 'changes_requested')
      steps.push([
        reviewer,
        LessonTransition.REQUEST_CHANGES,
        'Please make the actions more specific: who, by when.',
      ]);
    if (['approved', 'published', 'retracted'].includes(target))
      steps.push([reviewer, LessonTransition.APPROVE, 'Clear, specific and free of identifiers.']);
    if (['published', 'retracted'].includes(target)) steps.push([lead, LessonTransition.PUBLISH]);
    if (target === 'retracted')
      steps.push([
        lead,
        LessonTransition.RETRACT,
        'Superseded by a thematic review of the same events.',
      ]);
    for (const [ctx, transition, comment] of steps)
      await lessons.step(ctx, transition, { id: lesson.id, comment });

    if (['approved', 'published'].includes(target)) {
      for (const [j, id] of actionIds.entries()) {
        const goal = [
          ActionStatus.PLANNED,
          ActionStatus.IN_PROGRESS,
          ActionStatus.COMPLETED,
          ActionStatus.VERIFIED,
          ActionStatus.PLANNED,
        ][(i + j) % 5];
        if (goal === ActionStatus.PLANNED) continue;
        await actions.setStatus(author, { id, status: ActionStatus.IN_PROGRESS });
        if (goal === ActionStatus.IN_PROGRESS) continue;
        await actions.setStatus(author, {
          id,
          status: ActionStatus.COMPLETED,
          evidence: 'Change in place; audit of the first month attached to the tracker.',
        });
        if (goal === ActionStatus.VERIFIED)
          await actions.setStatus(reviewer, { id, status: ActionStatus.VERIFIED });
      }
    }
    // Spread the history over the past 18 months; some planned actions fall due in the past (overdue).
    await dataSource.query(
      `UPDATE lesson SET created_at = now() - make_interval(days => $2), updated_at = now() - make_interval(days => $2 - 10),
         published_at = CASE WHEN published_at IS NULL THEN NULL ELSE now() - make_interval(days => $2 - 14) END
       WHERE id = $1`,
      [lesson.id, ageDays],
    );
    if (i % 3 === 0) {
      await dataSource.query(
        `UPDATE lesson_action SET due_date = current_date - ((7 + ($2 % 60))::int) WHERE lesson_id = $1 AND status IN ('planned', 'in_progress')`,
        [lesson.id, i],
      );
    }
    progress(i + 1, count);
  }
  return {
    lessons: count,
    password,
    users: DEMO_USERS.map((u) => ({ email: u.email, roles: [...u.roles] })),
  };
}
