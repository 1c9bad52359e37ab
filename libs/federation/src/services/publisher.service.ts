import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@lessons-network/audit';
import type { RequestContext } from '@lessons-network/common';
import { NodeConfig } from '@lessons-network/config';
import {
  type LessonEntity,
  type LessonShareHook,
  LessonShareHooks,
  LessonsService,
  type SharedLesson,
} from '@lessons-network/lessons';
import { DataSource, type EntityManager } from 'typeorm';
import { SharedLessonEntity } from '../entities/remote-lesson.entity';
import { buildWire, lessonObjectSchema, tombstoneObjectSchema } from '../protocol/schemas';
import { signObject } from '../protocol/signing';
import {
  CONTEXT,
  type LessonObject,
  nodeUrls,
  OBJECT_JWS_TYPE,
  type TombstoneObject,
} from '../protocol/vocabulary';
import { FederationKeysService } from './federation-keys.service';
import { FollowsService } from './follows.service';
import { OutboxService } from './outbox.service';

/**
 * Builds the travelling form of a lesson from its anonymised projection and coded fields only.
 * Owner names and exact dates never travel: a due date becomes its month.
 */
export function lessonObject(
  shared: SharedLesson,
  origin: { actor: string; baseUrl: string; odsCode: string; name: string },
  version: number,
): LessonObject {
  // Built through the schema receivers check with: a node never signs what others would refuse.
  return buildWire(lessonObjectSchema, lessonFields(shared, origin, version), 'lesson');
}

function lessonFields(
  shared: SharedLesson,
  origin: { actor: string; baseUrl: string; odsCode: string; name: string },
  version: number,
) {
  const text = new Map(shared.fields.map((f) => [f.field, f.text]));
  const { lesson } = shared;
  const sectionKeys = [...text.keys()]
    .filter((k) => k.startsWith('sections.'))
    .map((k) => k.slice('sections.'.length));
  const learningPoints = lesson.keyLearningPoints
    .map((_, i) => text.get(`keyLearningPoints.${i}`))
    .filter((t): t is string => t !== undefined);
  return {
    '@context': CONTEXT,
    id: nodeUrls(origin.baseUrl).lesson(lesson.id),
    type: 'Lesson',
    attributedTo: origin.actor,
    origin: { odsCode: origin.odsCode, name: origin.name },
    version,
    published: (lesson.publishedAt ?? new Date()).toISOString(),
    updated: new Date().toISOString(),
    audience: String(lesson.visibility) === 'public' ? 'public' : 'network',
    name: text.get('title') ?? '',
    summary: text.get('summary') ?? '',
    template: lesson.template,
    sections: sectionKeys.map((key) => ({ key, text: text.get(`sections.${key}`)! })),
    keyLearningPoints: learningPoints,
    learningSource: lesson.learningSource,
    eventType: lesson.eventType,
    themes: [...lesson.themes],
    careSetting: lesson.careSetting,
    specialty: text.get('specialty') ?? null,
    physicalHarm: lesson.physicalHarm,
    psychologicalHarm: lesson.psychologicalHarm,
    contributoryFactors: [...lesson.contributoryFactors],
    occurredMonth: lesson.occurredMonth ? lesson.occurredMonth.slice(0, 7) : null,
    actions: [...shared.actions]
      .sort((a, b) => a.position - b.position)
      .map((a) => ({
        description: text.get(`actions.${a.id}.description`) ?? '',
        ownerRole: text.get(`actions.${a.id}.ownerRole`) ?? '',
        strength: a.strength,
        status: a.status,
        dueMonth: a.dueDate ? a.dueDate.slice(0, 7) : null,
        evidence: text.get(`actions.${a.id}.evidence`) ?? null,
      })),
  };
}

/**
 * Sends this node's shared lessons: Create when a network or public lesson is published, Update
 * when a quality lead shares a revision, Delete (with a tombstone) on retraction. Each goes, in the
 * same transaction as the change, to the followers whose filter it matches.
 */
@Injectable()
export class PublisherService implements LessonShareHook, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: NodeConfig,
    private readonly hooks: LessonShareHooks,
    private readonly lessons: LessonsService,
    private readonly keys: FederationKeysService,
    private readonly follows: FollowsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  private get origin() {
    const urls = nodeUrls(this.config.baseUrl);
    return {
      actor: urls.actor,
      baseUrl: urls.base,
      odsCode: this.config.odsCode,
      name: this.config.organisationName,
    };
  }

  async published(manager: EntityManager, shared: SharedLesson): Promise<void> {
    await this.send(manager, shared);
    // The worker is woken by its poll; the caller's transaction has not committed yet.
  }

  /** A quality lead shares the current state of a published lesson again (Update). */
  async shareUpdate(ctx: RequestContext, lessonId: string): Promise<SharedLessonEntity> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const shared = await this.lessons.sharedLesson(manager, lessonId);
      const row = await this.send(manager, shared);
      await this.audit.record(ctx, manager, {
        action: 'lesson.share_update',
        subjectType: 'lesson',
        subjectId: lessonId,
        details: { version: row.version },
      });
      return row;
    });
    this.outbox.kick();
    return saved;
  }

  private async send(manager: EntityManager, shared: SharedLesson): Promise<SharedLessonEntity> {
    const previous = await manager.findOne(SharedLessonEntity, {
      where: { lessonId: shared.lesson.id },
      lock: { mode: 'pessimistic_write' },
    });
    const version = (previous?.version ?? 0) + 1;
    const object = lessonObject(shared, this.origin, version);
    const jws = await signObject(object, await this.keys.signingKey(manager), OBJECT_JWS_TYPE);
    const values = {
      lessonId: shared.lesson.id,
      objectId: object.id,
      version,
      audience: object.audience,
      jws,
      sharedAt: new Date(),
      retractedAt: null,
    };
    if (previous) await manager.update(SharedLessonEntity, { lessonId: shared.lesson.id }, values);
    else await manager.insert(SharedLessonEntity, values);
    const followers = await this.follows.followersFor(manager, {
      themes: object.themes,
      careSetting: object.careSetting,
      physicalHarm: object.physicalHarm,
      learningSource: object.learningSource,
      originOdsCode: this.config.odsCode,
    });
    await this.outbox.enqueue(
      manager,
      { type: previous ? 'Update' : 'Create', object: object.id, signedObject: jws },
      followers.map((f) => f.inbox),
    );
    return manager.findOneByOrFail(SharedLessonEntity, { lessonId: shared.lesson.id });
  }

  async retracted(manager: EntityManager, lesson: LessonEntity): Promise<void> {
    const previous = await manager.findOne(SharedLessonEntity, {
      where: { lessonId: lesson.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!previous) return;
    const tombstone: TombstoneObject = buildWire(
      tombstoneObjectSchema,
      {
        '@context': CONTEXT,
        id: previous.objectId,
        type: 'Tombstone',
        formerType: 'Lesson',
        attributedTo: this.origin.actor,
        version: previous.version + 1,
        deleted: new Date().toISOString(),
      },
      'tombstone',
    );
    const jws = await signObject(tombstone, await this.keys.signingKey(manager), OBJECT_JWS_TYPE);
    await manager.update(
      SharedLessonEntity,
      { lessonId: lesson.id },
      { version: tombstone.version, jws, retractedAt: new Date() },
    );
    // Every follower: one whose filter has changed since may still hold the lesson.
    const followers = await this.follows.allFollowers(manager);
    await this.outbox.enqueue(
      manager,
      { type: 'Delete', object: tombstone.id, signedObject: jws },
      followers.map((f) => f.inbox),
    );
  }
}
