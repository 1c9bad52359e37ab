import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@lessons-network/audit';
import {
  CommonErrorCode,
  CommonException,
  decodeCursor,
  isUuid,
  pageSize,
  toPage,
  type Actor,
  type Page,
  type RequestContext,
} from '@lessons-network/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ACTION_STATUS_CHANGES, ActionStatus, todayIso } from '../domain/actions';
import { canEdit, canRead, LessonStatus } from '../domain/workflow';
import type { AddActionInput, SetActionStatusInput, UpdateActionInput } from '../dto/action.input';
import type { ActionFilter } from '../dto/lessons.args';
import { LessonActionEntity } from '../entities/lesson-action.entity';
import { LessonEntity } from '../entities/lesson.entity';
import { LessonErrorCode, LessonException } from '../lessons.exception';
import { LessonsService } from './lessons.service';
import { ThemesService } from './themes.service';

/** States whose action plans are being carried out, and so appear in the tracker. */
const TRACKED_STATES = [LessonStatus.APPROVED, LessonStatus.PUBLISHED];

/**
 * Action plans: actions are written with the lesson (while it is a draft), then moved on —
 * started, completed with evidence, verified — once the lesson is approved.
 */
@Injectable()
export class ActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lessons: LessonsService,
    private readonly themes: ThemesService,
    private readonly audit: AuditService,
  ) {}

  async add(ctx: RequestContext, input: AddActionInput): Promise<LessonActionEntity> {
    const actor = ctx.requireActor();
    if (input.forumId) await this.themes.assertForum(ctx, input.forumId);
    assertNotPast(input.dueDate);
    return this.dataSource.transaction(async (manager) => {
      const lesson = await this.lessons.lockReadable(manager, actor, input.lessonId);
      assertPlanEditable(lesson, actor);
      const [{ next }] = await manager.query<{ next: number }[]>(
        'SELECT COALESCE(MAX(position), 0) + 1 AS next FROM lesson_action WHERE lesson_id = $1',
        [lesson.id],
      );
      const action = await manager.save(
        manager.create(LessonActionEntity, {
          lessonId: lesson.id,
          organisationId: lesson.organisationId,
          position: next,
          description: input.description.trim(),
          ownerRole: input.ownerRole.trim(),
          ownerName: input.ownerName?.trim() || null,
          dueDate: input.dueDate,
          strength: input.strength,
          forumId: input.forumId ?? null,
          status: ActionStatus.PLANNED,
        }),
      );
      await this.audit.record(ctx, manager, {
        action: 'lesson.action_added',
        subjectType: 'lesson',
        subjectId: lesson.id,
        details: { actionId: action.id, dueDate: action.dueDate, strength: action.strength },
      });
      return action;
    });
  }

  async update(ctx: RequestContext, input: UpdateActionInput): Promise<LessonActionEntity> {
    const actor = ctx.requireActor();
    if (input.forumId) await this.themes.assertForum(ctx, input.forumId);
    return this.dataSource.transaction(async (manager) => {
      const { action, lesson } = await this.lockAction(manager, actor, input.id);
      assertPlanEditable(lesson, actor);
      if (action.version !== input.expectedVersion) {
        throw new CommonException(
          CommonErrorCode.StaleWrite,
          'The action has changed since you loaded it; reload it',
          {
            currentVersion: action.version,
            expectedVersion: input.expectedVersion,
          },
        );
      }
      if (input.dueDate !== undefined && input.dueDate !== action.dueDate)
        assertNotPast(input.dueDate);
      const values: Partial<LessonActionEntity> = {};
      if (input.description !== undefined) values.description = input.description.trim();
      if (input.ownerRole !== undefined) values.ownerRole = input.ownerRole.trim();
      if (input.ownerName !== undefined) values.ownerName = input.ownerName.trim() || null;
      if (input.dueDate !== undefined) values.dueDate = input.dueDate;
      if (input.strength !== undefined) values.strength = input.strength;
      if (input.forumId !== undefined) values.forumId = input.forumId;
      await manager.update(
        LessonActionEntity,
        { id: action.id },
        { ...values, version: action.version + 1 },
      );
      await this.audit.record(ctx, manager, {
        action: 'lesson.action_edited',
        subjectType: 'lesson',
        subjectId: lesson.id,
        details: { actionId: action.id, changed: Object.keys(values) },
      });
      return manager.findOneByOrFail(LessonActionEntity, { id: action.id });
    });
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    const actor = ctx.requireActor();
    await this.dataSource.transaction(async (manager) => {
      const { action, lesson } = await this.lockAction(manager, actor, id);
      assertPlanEditable(lesson, actor);
      await manager.delete(LessonActionEntity, { id: action.id });
      await this.audit.record(ctx, manager, {
        action: 'lesson.action_removed',
        subjectType: 'lesson',
        subjectId: lesson.id,
        details: { actionId: action.id },
      });
    });
  }

  /**
   * Moves an action on. Only for lessons approved or published; completing needs evidence;
   * verifying is for reviewers and quality leads.
   */
  async setStatus(ctx: RequestContext, input: SetActionStatusInput): Promise<LessonActionEntity> {
    const actor = ctx.requireActor();
    return this.dataSource.transaction(async (manager) => {
      const { action, lesson } = await this.lockAction(manager, actor, input.id);
      if (!TRACKED_STATES.includes(lesson.status)) {
        throw new LessonException(
          LessonErrorCode.ActionStatusNotAllowed,
          'Actions are carried out once the lesson is approved',
          { lessonStatus: lesson.status },
        );
      }
      const mayProgress =
        actor.userId === lesson.authorId ||
        actor.roles.includes('reviewer') ||
        actor.roles.includes('quality_lead');
      if (!mayProgress) {
        throw new LessonException(
          LessonErrorCode.NotAllowed,
          "Only the lesson's author, reviewers and quality leads update actions",
        );
      }
      if (!ACTION_STATUS_CHANGES[action.status].includes(input.status)) {
        throw new LessonException(
          LessonErrorCode.ActionStatusNotAllowed,
          `An action cannot go from ${action.status.replace('_', ' ')} to ${input.status.replace('_', ' ')}`,
          { from: action.status, to: input.status },
        );
      }
      const evidence = input.evidence?.trim();
      if (input.status === ActionStatus.COMPLETED && !evidence) {
        throw new LessonException(
          LessonErrorCode.EvidenceRequired,
          'Give evidence that the action is complete',
        );
      }
      if (
        input.status === ActionStatus.VERIFIED &&
        !actor.roles.some((r) => r === 'reviewer' || r === 'quality_lead')
      ) {
        throw new LessonException(
          LessonErrorCode.NotAllowed,
          'Only reviewers and quality leads verify actions',
        );
      }
      const now = new Date();
      await manager.update(
        LessonActionEntity,
        { id: action.id },
        {
          status: input.status,
          version: action.version + 1,
          ...(evidence ? { evidence } : {}),
          ...(input.status === ActionStatus.COMPLETED ? { completedAt: now } : {}),
          ...(input.status === ActionStatus.VERIFIED ? { verifiedAt: now } : {}),
          ...(input.status === ActionStatus.IN_PROGRESS || input.status === ActionStatus.PLANNED
            ? { completedAt: null }
            : {}),
        },
      );
      await this.audit.record(ctx, manager, {
        action: 'lesson.action_status_changed',
        subjectType: 'lesson',
        subjectId: lesson.id,
        details: { actionId: action.id, from: action.status, to: input.status },
      });
      return manager.findOneByOrFail(LessonActionEntity, { id: action.id });
    });
  }

  /** The action tracker: actions of approved and published lessons, soonest due first. */
  async tracker(
    ctx: RequestContext,
    filter: ActionFilter = {},
    first?: number,
    after?: string,
  ): Promise<Page<LessonActionEntity>> {
    const actor = ctx.requireActor();
    const limit = pageSize(first);
    const readable = this.lessons.readableQuery(actor).select('l.id');
    const query = this.dataSource
      .getRepository(LessonActionEntity)
      .createQueryBuilder('a')
      .innerJoin(LessonEntity, 'tl', 'tl.id = a.lesson_id')
      .where('a.organisation_id = :org', { org: actor.organisationId })
      .andWhere('tl.status IN (:...tracked)', { tracked: TRACKED_STATES })
      .andWhere(`a.lesson_id IN (${readable.getQuery()})`)
      .setParameters(readable.getParameters());
    if (filter.statuses?.length)
      query.andWhere('a.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.overdue === true)
      query.andWhere("a.due_date < :today AND a.status IN ('planned', 'in_progress')", {
        today: todayIso(),
      });
    if (filter.overdue === false)
      query.andWhere("NOT (a.due_date < :today AND a.status IN ('planned', 'in_progress'))", {
        today: todayIso(),
      });
    if (filter.owner?.trim()) {
      query.andWhere('(a.owner_role ILIKE :owner OR a.owner_name ILIKE :owner)', {
        owner: `%${filter.owner.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    if (filter.forumId) query.andWhere('a.forum_id = :forum', { forum: filter.forumId });
    if (filter.dueFrom) query.andWhere('a.due_date >= :dueFrom', { dueFrom: filter.dueFrom });
    if (filter.dueTo) query.andWhere('a.due_date <= :dueTo', { dueTo: filter.dueTo });
    const countQuery = query.clone();
    const totalCount = () => countQuery.getCount();
    if (after) {
      const position = decodeCursor(after);
      query.andWhere('(a.due_date, a.id) > (CAST(:at AS date), :id)', {
        at: position.at.toISOString().slice(0, 10),
        id: position.id,
      });
    }
    const rows = await query
      .orderBy('a.dueDate', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toPage(rows, limit, totalCount, (a) => ({
      at: new Date(`${a.dueDate}T00:00:00Z`),
      id: a.id,
    }));
  }

  private async lockAction(
    manager: EntityManager,
    actor: Actor,
    id: string,
  ): Promise<{ action: LessonActionEntity; lesson: LessonEntity }> {
    const action = isUuid(id)
      ? await manager.findOne(LessonActionEntity, {
          where: { id, organisationId: actor.organisationId },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!action) throw actionNotFound();
    const lesson = await manager.findOneByOrFail(LessonEntity, { id: action.lessonId });
    if (!canRead(lesson.status, lesson.authorId, actor)) throw actionNotFound();
    return { action, lesson };
  }
}

function assertPlanEditable(lesson: LessonEntity, actor: Actor): void {
  if (canEdit(lesson.status, lesson.authorId, actor)) return;
  throw new LessonException(
    LessonErrorCode.NotEditable,
    'Actions are written while the lesson is a draft or sent back for changes, by its author or a quality lead',
    { status: lesson.status },
  );
}

function assertNotPast(dueDate: string): void {
  if (dueDate < todayIso()) {
    throw new LessonException(LessonErrorCode.DueDateInPast, 'The due date is in the past', {
      dueDate,
    });
  }
}

function actionNotFound(): LessonException {
  return new LessonException(
    LessonErrorCode.ActionNotFound,
    'No such action on a lesson you can see',
  );
}
