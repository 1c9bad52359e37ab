import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@lessons-network/audit';
import {
  isUuid,
  CommonErrorCode,
  CommonException,
  decodeCursor,
  pageSize,
  toPage,
  type Actor,
  type Page,
  type RequestContext,
} from '@lessons-network/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { PHYSICAL_HARM_SEVERITY, PhysicalHarm } from '../domain/taxonomy';
import { missingSections, unknownSections, type LessonTemplate } from '../domain/templates';
import {
  canEdit,
  canRead,
  checkTransition,
  EDITABLE_STATES,
  LessonStatus,
  LessonTransition,
  Visibility,
} from '../domain/workflow';
import type {
  CreateLessonInput,
  LessonSectionInput,
  LessonStepInput,
  UpdateLessonInput,
} from '../dto/lesson.input';
import type { LessonFilter } from '../dto/lessons.args';
import { LessonActionEntity } from '../entities/lesson-action.entity';
import { LessonReviewEntity } from '../entities/lesson-review.entity';
import { LessonEntity } from '../entities/lesson.entity';
import { LessonKnownIdentifierEntity } from '../entities/lesson-known-identifier.entity';
import { assertShareable, project } from './lesson-gate';
import { LessonShareHooks, type SharedLesson } from './lesson-share-hooks';
import { LessonErrorCode, LessonException } from '../lessons.exception';
import { ThemesService } from './themes.service';

/** Fields whose values are classification (safe to keep in the audit trail); free text is named only. */
const CLASSIFICATION_FIELDS = [
  'template',
  'learningSource',
  'eventType',
  'themes',
  'careSetting',
  'physicalHarm',
  'psychologicalHarm',
  'contributoryFactors',
  'occurredMonth',
  'visibility',
] as const;
/** Free-text fields: the audit trail names them when they change but never copies their text. */
type TextField = 'title' | 'summary' | 'sections' | 'keyLearningPoints' | 'specialty';

type EditableField = (typeof CLASSIFICATION_FIELDS)[number] | TextField;

/**
 * Lessons of this node's organisation: drafting, editing with optimistic concurrency, the review
 * workflow, and reading with the rules of who may see what. Every change is audited in the same
 * transaction.
 */
@Injectable()
export class LessonsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly themes: ThemesService,
    private readonly audit: AuditService,
    private readonly shareHooks: LessonShareHooks,
  ) {}

  async create(ctx: RequestContext, input: CreateLessonInput): Promise<LessonEntity> {
    const actor = ctx.requireActor();
    const values = await this.validatedValues(input.template, input);
    return this.dataSource.transaction(async (manager) => {
      const lesson = await manager.save(
        manager.create(LessonEntity, {
          organisationId: actor.organisationId,
          authorId: actor.userId,
          template: input.template,
          title: input.title.trim(),
          summary: '',
          sections: {},
          keyLearningPoints: [],
          themes: [],
          contributoryFactors: [],
          status: LessonStatus.DRAFT,
          visibility: Visibility.INTERNAL,
          ...values,
        }),
      );
      // The people and places involved, named up front: the scan finds every form of them.
      const known = (input.knownIdentifiers ?? []).map((k) => ({
        lessonId: lesson.id,
        type: k.type,
        value: k.value.trim(),
      }));
      if (known.length > 0) await manager.insert(LessonKnownIdentifierEntity, known);
      await this.audit.record(ctx, manager, {
        action: 'lesson.created',
        subjectType: 'lesson',
        subjectId: lesson.id,
        // Their kinds only: the values never go into the audit trail.
        details: {
          template: lesson.template,
          ...auditValues(values),
          ...(known.length > 0 ? { knownIdentifiers: known.map((k) => k.type) } : {}),
        },
      });
      return lesson;
    });
  }

  /** Edits a draft (or a lesson sent back for changes). A stale `expectedVersion` is refused. */
  async update(ctx: RequestContext, input: UpdateLessonInput): Promise<LessonEntity> {
    const actor = ctx.requireActor();
    return this.dataSource.transaction(async (manager) => {
      const lesson = await this.lockReadable(manager, actor, input.id);
      assertEditable(lesson, actor);
      if (lesson.version !== input.expectedVersion)
        throw staleWrite(lesson.version, input.expectedVersion);
      const values = await this.validatedValues(lesson.template, input);
      if (input.title !== undefined) values.title = input.title.trim();
      const changed = (Object.keys(values) as EditableField[]).filter(
        (field) => JSON.stringify(values[field]) !== JSON.stringify(lesson[field]),
      );
      if (changed.length === 0) return lesson;
      await manager.update(
        LessonEntity,
        { id: lesson.id },
        { ...values, version: lesson.version + 1 },
      );
      await this.audit.record(ctx, manager, {
        action: 'lesson.edited',
        subjectType: 'lesson',
        subjectId: lesson.id,
        details: {
          version: lesson.version + 1,
          changed,
          ...auditValues(pick(values, changed)),
        },
      });
      return manager.findOneByOrFail(LessonEntity, { id: lesson.id });
    });
  }

  /** Takes one step of the review workflow. */
  async step(
    ctx: RequestContext,
    transition: LessonTransition,
    input: LessonStepInput,
  ): Promise<LessonEntity> {
    const actor = ctx.requireActor();
    return this.dataSource.transaction(async (manager) => {
      const lesson = await this.lockReadable(manager, actor, input.id);
      if (input.expectedVersion !== undefined && lesson.version !== input.expectedVersion) {
        throw staleWrite(lesson.version, input.expectedVersion);
      }
      const check = checkTransition(transition, lesson.status, lesson.authorId, actor);
      if (!check.ok) throw transitionRefused(transition, lesson.status, check.reason);
      const comment = input.comment?.trim() ?? '';
      if (
        (transition === LessonTransition.REQUEST_CHANGES ||
          transition === LessonTransition.RETRACT) &&
        !comment
      ) {
        throw new CommonException(
          CommonErrorCode.BadUserInput,
          transition === LessonTransition.RETRACT
            ? 'Say why the lesson is retracted'
            : 'Say what needs to change',
          { field: 'comment' },
        );
      }
      if (transition === LessonTransition.SUBMIT) await this.assertComplete(manager, lesson);
      let checked: Awaited<ReturnType<typeof assertShareable>> | undefined;
      if (transition === LessonTransition.PUBLISH && lesson.visibility !== Visibility.INTERNAL) {
        // The sharing gate: nothing leaves the node until every finding is decided on current text.
        checked = await assertShareable(manager, lesson);
      }
      if (transition === LessonTransition.PUBLISH) {
        // Known identifiers were only for scrubbing the draft: they go once it is published.
        await manager.delete(LessonKnownIdentifierEntity, { lessonId: lesson.id });
      }
      const now = new Date();
      await manager.update(
        LessonEntity,
        { id: lesson.id },
        {
          status: check.to,
          version: lesson.version + 1,
          ...(transition === LessonTransition.PUBLISH ? { publishedAt: now } : {}),
          ...(transition === LessonTransition.RETRACT
            ? { retractedAt: now, retractionReason: comment }
            : {}),
        },
      );
      if (
        transition === LessonTransition.REQUEST_CHANGES ||
        transition === LessonTransition.APPROVE
      ) {
        await manager.insert(LessonReviewEntity, {
          lessonId: lesson.id,
          reviewerId: actor.userId,
          decision: transition,
          comment,
        });
      }
      await this.audit.record(ctx, manager, {
        action: `lesson.${transition}`,
        subjectType: 'lesson',
        subjectId: lesson.id,
        details: {
          from: lesson.status,
          to: check.to,
          version: lesson.version + 1,
          ...(comment ? { comment } : {}),
        },
      });
      const saved = await manager.findOneByOrFail(LessonEntity, { id: lesson.id });
      if (checked) {
        const actions = await manager.find(LessonActionEntity, { where: { lessonId: lesson.id } });
        await this.shareHooks.published(manager, {
          lesson: saved,
          fields: project(checked.fields, checked.findings),
          actions,
        });
      }
      if (transition === LessonTransition.RETRACT && lesson.visibility !== Visibility.INTERNAL)
        await this.shareHooks.retracted(manager, saved);
      return saved;
    });
  }

  /**
   * A published, shared lesson as it may leave the node now (for an update after publication):
   * the row locked, the gate checked on the current text, the projection built. Refused with
   * FINDINGS_STALE or FINDINGS_UNRESOLVED until new text (action evidence) has been reviewed.
   */
  async sharedLesson(manager: EntityManager, lessonId: string): Promise<SharedLesson> {
    const lesson = await manager.findOne(LessonEntity, {
      where: { id: lessonId },
      lock: { mode: 'pessimistic_write' },
    });
    if (
      !lesson ||
      lesson.status !== LessonStatus.PUBLISHED ||
      lesson.visibility === Visibility.INTERNAL
    )
      throw new LessonException(
        LessonErrorCode.LessonNotFound,
        'No published lesson shared beyond this node has this id',
      );
    const checked = await assertShareable(manager, lesson);
    const actions = await manager.find(LessonActionEntity, { where: { lessonId } });
    return { lesson, fields: project(checked.fields, checked.findings), actions };
  }

  /** One lesson the caller may see, with its author. */
  async get(ctx: RequestContext, id: string): Promise<LessonEntity> {
    const actor = ctx.requireActor();
    const lesson = isUuid(id)
      ? await this.dataSource.getRepository(LessonEntity).findOne({
          where: { id, organisationId: actor.organisationId },
          relations: { author: true },
        })
      : null;
    if (!lesson || !canRead(lesson.status, lesson.authorId, actor)) throw lessonNotFound();
    return lesson;
  }

  /** Lessons the caller may see, newest first, keyset-paginated. */
  async list(
    ctx: RequestContext,
    filter: LessonFilter = {},
    first?: number,
    after?: string,
  ): Promise<Page<LessonEntity>> {
    const actor = ctx.requireActor();
    const limit = pageSize(first);
    const query = this.readableQuery(actor);
    applyLessonFilter(query, filter, actor);
    const countQuery = query.clone();
    const totalCount = () => countQuery.getCount();
    if (after) {
      const position = decodeCursor(after);
      query.andWhere('(l.created_at, l.id) < (:at, :id)', { at: position.at, id: position.id });
    }
    const rows = await query
      .leftJoinAndSelect('l.author', 'author')
      .orderBy('l.createdAt', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    return toPage(rows, limit, totalCount, (l) => ({ at: l.createdAt, id: l.id }));
  }

  /** The audit trail of a lesson the caller may see, oldest first. */
  async auditTrail(ctx: RequestContext, id: string) {
    const lesson = await this.get(ctx, id);
    return this.audit.trail(this.dataSource.manager, 'lesson', lesson.id);
  }

  /** Lessons the actor may read, as a query (mirrors `canRead`). */
  readableQuery(actor: Actor): SelectQueryBuilder<LessonEntity> {
    const roles = new Set(actor.roles);
    const query = this.dataSource
      .getRepository(LessonEntity)
      .createQueryBuilder('l')
      .where('l.organisation_id = :org', { org: actor.organisationId });
    if (roles.has('quality_lead')) return query;
    const readsPublished = ['author', 'reviewer', 'viewer', 'moderator'].some((r) => roles.has(r));
    const conditions = ['l.author_id = :me'];
    if (readsPublished) conditions.push("l.status IN ('published', 'retracted')");
    if (roles.has('reviewer'))
      conditions.push("l.status IN ('in_review', 'changes_requested', 'approved')");
    return query.andWhere(`(${conditions.join(' OR ')})`, { me: actor.userId });
  }

  /** Locks a lesson of the actor's organisation that they may see; LESSON_NOT_FOUND otherwise. */
  async lockReadable(manager: EntityManager, actor: Actor, id: string): Promise<LessonEntity> {
    const lesson = isUuid(id)
      ? await manager.findOne(LessonEntity, {
          where: { id, organisationId: actor.organisationId },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!lesson || !canRead(lesson.status, lesson.authorId, actor)) throw lessonNotFound();
    return lesson;
  }

  /** Checks what an edit or a new draft says, and turns it into column values. */
  private async validatedValues(
    template: LessonTemplate,
    input: Omit<Partial<CreateLessonInput>, 'template' | 'title'>,
  ): Promise<Partial<Pick<LessonEntity, EditableField>>> {
    const values: Partial<Pick<LessonEntity, EditableField>> = {};
    if (input.sections !== undefined) values.sections = sectionsOf(template, input.sections);
    if (input.themes !== undefined) {
      const themes = [...new Set(input.themes)];
      await this.themes.assertThemes(themes);
      values.themes = themes;
    }
    if (input.occurredMonth !== undefined) {
      const month = `${input.occurredMonth}-01`;
      if (month > new Date().toISOString().slice(0, 10)) {
        throw new LessonException(
          LessonErrorCode.MonthInFuture,
          'The month it happened cannot be in the future',
        );
      }
      values.occurredMonth = month;
    }
    if (input.summary !== undefined) values.summary = input.summary.trim();
    if (input.keyLearningPoints !== undefined) {
      values.keyLearningPoints = input.keyLearningPoints.map((p) => p.trim()).filter(Boolean);
    }
    if (input.specialty !== undefined) values.specialty = input.specialty.trim() || null;
    if (input.contributoryFactors !== undefined)
      values.contributoryFactors = [...new Set(input.contributoryFactors)];
    for (const field of [
      'learningSource',
      'eventType',
      'careSetting',
      'physicalHarm',
      'psychologicalHarm',
      'visibility',
    ] as const) {
      if (input[field] !== undefined) (values as Record<string, unknown>)[field] = input[field];
    }
    return values;
  }

  /** Everything a reviewer needs must be there before submitting; LESSON_INCOMPLETE lists what is not. */
  private async assertComplete(manager: EntityManager, lesson: LessonEntity): Promise<void> {
    const missing: string[] = [];
    if (!lesson.summary.trim()) missing.push('summary');
    if (lesson.keyLearningPoints.length === 0) missing.push('keyLearningPoints');
    for (const field of [
      'learningSource',
      'eventType',
      'careSetting',
      'physicalHarm',
      'psychologicalHarm',
      'occurredMonth',
    ] as const) {
      if (lesson[field] === null) missing.push(field);
    }
    if (lesson.themes.length === 0) missing.push('themes');
    missing.push(
      ...missingSections(lesson.template, lesson.sections).map((key) => `sections.${key}`),
    );
    const actions = await manager.countBy(LessonActionEntity, { lessonId: lesson.id });
    if (actions === 0) missing.push('actions');
    if (missing.length > 0) {
      throw new LessonException(
        LessonErrorCode.Incomplete,
        `Before submitting, add: ${missing.join(', ')}`,
        { missing },
      );
    }
  }
}

function sectionsOf(
  template: LessonTemplate,
  sections: readonly LessonSectionInput[],
): Record<string, string> {
  const keys = sections.map((s) => s.key);
  const unknown = unknownSections(template, keys);
  if (unknown.length > 0) {
    throw new LessonException(
      LessonErrorCode.UnknownSection,
      `The template has no sections ${unknown.join(', ')}`,
      {
        unknown,
        template,
      },
    );
  }
  const result: Record<string, string> = {};
  for (const section of sections) {
    const text = section.text.trim();
    if (text) result[section.key] = text;
  }
  return result;
}

/** Narrows a lesson query by a filter (also used by search). */
export function applyLessonFilter(
  query: SelectQueryBuilder<LessonEntity>,
  filter: LessonFilter,
  actor: Actor,
): void {
  if (filter.statuses?.length)
    query.andWhere('l.status IN (:...statuses)', { statuses: filter.statuses });
  if (filter.template) query.andWhere('l.template = :template', { template: filter.template });
  if (filter.learningSource)
    query.andWhere('l.learning_source = :source', { source: filter.learningSource });
  if (filter.eventType)
    query.andWhere('l.event_type = :eventType', { eventType: filter.eventType });
  if (filter.themes?.length)
    query.andWhere('l.themes && CAST(:themes AS text[])', { themes: filter.themes });
  if (filter.careSetting)
    query.andWhere('l.care_setting = :setting', { setting: filter.careSetting });
  if (filter.minimumPhysicalHarm) {
    const min = PHYSICAL_HARM_SEVERITY[filter.minimumPhysicalHarm];
    const levels = (Object.keys(PHYSICAL_HARM_SEVERITY) as PhysicalHarm[]).filter(
      (h) => PHYSICAL_HARM_SEVERITY[h] >= min,
    );
    query.andWhere('l.physical_harm IN (:...levels)', { levels });
  }
  if (filter.occurredFrom)
    query.andWhere('l.occurred_month >= :from', { from: `${filter.occurredFrom}-01` });
  if (filter.occurredTo)
    query.andWhere('l.occurred_month <= :to', { to: `${filter.occurredTo}-01` });
  if (filter.publishedFrom)
    query.andWhere('l.published_at >= :pFrom', { pFrom: filter.publishedFrom });
  if (filter.publishedTo) {
    query.andWhere("l.published_at < (CAST(:pTo AS date) + interval '1 day')", {
      pTo: filter.publishedTo,
    });
  }
  if (filter.mine) query.andWhere('l.author_id = :mine', { mine: actor.userId });
}

function assertEditable(lesson: LessonEntity, actor: Actor): void {
  if (canEdit(lesson.status, lesson.authorId, actor)) return;
  if (!EDITABLE_STATES.includes(lesson.status)) {
    throw new LessonException(
      LessonErrorCode.NotEditable,
      `A lesson that is ${lesson.status.replace('_', ' ')} cannot be changed`,
      { status: lesson.status },
    );
  }
  throw new LessonException(
    LessonErrorCode.NotAllowed,
    'Only the author or a quality lead can change this lesson',
  );
}

function transitionRefused(
  transition: LessonTransition,
  status: LessonStatus,
  reason: 'wrong_state' | 'wrong_role' | 'self_approval',
): LessonException {
  switch (reason) {
    case 'wrong_state':
      return new LessonException(
        LessonErrorCode.TransitionNotAllowed,
        `Cannot ${transition.replace('_', ' ')} a lesson that is ${status.replace('_', ' ')}`,
        { transition, status },
      );
    case 'self_approval':
      return new LessonException(LessonErrorCode.SelfReview, 'You cannot review your own lesson', {
        transition,
      });
    case 'wrong_role':
      return new LessonException(
        LessonErrorCode.NotAllowed,
        `Your roles do not allow you to ${transition.replace('_', ' ')} this lesson`,
        {
          transition,
        },
      );
  }
}

function staleWrite(current: number, expected: number): CommonException {
  return new CommonException(
    CommonErrorCode.StaleWrite,
    `The lesson has changed since you loaded it (version ${current}, you had ${expected}); reload and apply your change again`,
    { currentVersion: current, expectedVersion: expected },
  );
}

function lessonNotFound(): LessonException {
  return new LessonException(LessonErrorCode.LessonNotFound, 'No such lesson in your organisation');
}

/** Classification values go into the audit trail; free text fields only by name. */
function auditValues(values: Partial<Record<EditableField, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of CLASSIFICATION_FIELDS) if (field in values) out[field] = values[field];
  return out;
}

function pick<T extends object, K extends keyof T>(values: T, keys: K[]): Partial<T> {
  const out: Partial<T> = {};
  for (const key of keys) out[key] = values[key];
  return out;
}
