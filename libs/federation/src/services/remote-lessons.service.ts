import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  decodeCursor,
  type Page,
  pageSize,
  type RequestContext,
  toPage,
} from '@lessons-network/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RemoteLessonEntity } from '../entities/remote-lesson.entity';
import { FederationErrorCode, FederationException } from '../federation.exception';
import { FederationRefusal, RefusalReason } from '../protocol/refusal';
import { peekSigned } from '../protocol/signing';
import type { Activity, LessonObject, TombstoneObject } from '../protocol/vocabulary';

/** What became of a received lesson or tombstone. */
export type StoreOutcome = 'stored' | 'stale' | 'tombstoned';

export interface RemoteLessonFilter {
  readonly search?: string;
  readonly origin?: string;
  readonly includeRetracted?: boolean;
}

/**
 * Lessons received from other nodes. Only verified payloads are stored; a version not newer than
 * the one held is ignored; a tombstone is final.
 */
@Injectable()
export class RemoteLessonsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records the receipt of `activity` and stores its lesson in one statement (one round trip; no
   * explicit transaction unless `manager` is one): a newer version replaces an older one, a
   * tombstone stays. The only way a received lesson is stored. Throws
   * DUPLICATE_ACTIVITY when the activity was received before.
   */
  async receiveLesson(
    activity: Activity,
    lesson: LessonObject,
    jws: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StoreOutcome> {
    const { kid } = peekSigned(jws);
    const rows: unknown = await manager.query(
      `WITH receipt AS (
         INSERT INTO federation_receipt (activity_id, actor, type) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING activity_id
       ), stored AS (
         INSERT INTO federation_lesson (object_id, origin_actor, origin_ods, origin_name, version,
                                        lesson, jws, kid, via_actor, received_at, updated_at)
         SELECT $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $2, now(), now()
          WHERE EXISTS (SELECT 1 FROM receipt)
         ON CONFLICT (object_id) DO UPDATE
            SET origin_actor = EXCLUDED.origin_actor, origin_ods = EXCLUDED.origin_ods,
                origin_name = EXCLUDED.origin_name, version = EXCLUDED.version,
                lesson = EXCLUDED.lesson, jws = EXCLUDED.jws, kid = EXCLUDED.kid,
                via_actor = EXCLUDED.via_actor, updated_at = now(), search = NULL
          WHERE federation_lesson.deleted_at IS NULL AND federation_lesson.version < EXCLUDED.version
         RETURNING object_id
       )
       SELECT (SELECT count(*) FROM receipt)::int AS receipt, (SELECT count(*) FROM stored)::int AS stored`,
      [
        activity.id,
        activity.actor,
        activity.type,
        lesson.id,
        lesson.attributedTo,
        lesson.origin.odsCode,
        lesson.origin.name,
        lesson.version,
        JSON.stringify(lesson),
        jws,
        kid,
      ],
    );
    const [result] = rows as { receipt: number; stored: number }[];
    if (!result?.receipt)
      throw new FederationRefusal(
        RefusalReason.DUPLICATE_ACTIVITY,
        `activity ${activity.id} was received before`,
      );
    if (result.stored) return 'stored';
    const held = await manager.findOneBy(RemoteLessonEntity, { objectId: lesson.id });
    return held?.deletedAt ? 'tombstoned' : 'stale';
  }

  async tombstone(
    manager: EntityManager,
    tombstone: TombstoneObject,
    origin: { odsCode: string; name: string },
    jws: string,
    via: string,
  ): Promise<StoreOutcome> {
    const { kid } = peekSigned(jws);
    const existing = await manager.findOne(RemoteLessonEntity, {
      where: { objectId: tombstone.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (existing?.deletedAt) return 'stale';
    const now = new Date();
    const values = {
      objectId: tombstone.id,
      originActor: tombstone.attributedTo,
      originOds: origin.odsCode,
      originName: origin.name,
      version: Math.max(tombstone.version, existing?.version ?? 0),
      lesson: null,
      jws,
      kid,
      viaActor: via,
      updatedAt: now,
      deletedAt: now,
    };
    if (existing) await manager.update(RemoteLessonEntity, { objectId: tombstone.id }, values);
    else await manager.insert(RemoteLessonEntity, { ...values, receivedAt: now });
    // Nothing of a retracted lesson stays searchable.
    await manager.query('UPDATE federation_lesson SET search = NULL WHERE object_id = $1', [
      tombstone.id,
    ]);
    return 'tombstoned';
  }

  /** Received lessons, newest first, with full-text search and an origin filter. */
  async list(
    _ctx: RequestContext,
    filter: RemoteLessonFilter,
    first?: number,
    after?: string,
  ): Promise<Page<RemoteLessonEntity>> {
    const size = pageSize(first);
    const qb = this.dataSource
      .getRepository(RemoteLessonEntity)
      .createQueryBuilder('l')
      .orderBy('l.receivedAt', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .limit(size + 1);
    if (!filter.includeRetracted) qb.andWhere('l.deleted_at IS NULL');
    if (filter.origin) qb.andWhere('l.origin_ods = :origin', { origin: filter.origin });
    if (filter.search?.trim())
      qb.andWhere("l.search @@ websearch_to_tsquery('english', :search)", {
        search: filter.search.trim(),
      });
    if (after) {
      const cursor = decodeCursor(after);
      qb.andWhere('(l.received_at, l.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))', {
        at: cursor.at.toISOString(),
        id: cursor.id,
      });
    }
    const rows = await qb.getMany();
    const count = qb.clone().limit(undefined).orderBy();
    return toPage(
      rows,
      size,
      () => count.getCount(),
      (row) => ({ at: row.receivedAt, id: row.id }),
    );
  }

  /** One received lesson by its local id or its origin id (URL). */
  async get(_ctx: RequestContext, id: string): Promise<RemoteLessonEntity> {
    const repository = this.dataSource.getRepository(RemoteLessonEntity);
    const row = /^[0-9a-f-]{36}$/i.test(id)
      ? await repository.findOneBy({ id })
      : await repository.findOneBy({ objectId: id });
    if (!row)
      throw new FederationException(
        FederationErrorCode.RemoteLessonNotFound,
        'No lesson received with this id',
      );
    return row;
  }
}
