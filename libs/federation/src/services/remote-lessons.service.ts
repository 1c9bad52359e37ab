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
import { peekSigned } from '../protocol/signing';
import type { VerifiedMessage } from '../protocol/pipeline';
import type { DirectoryMember, LessonObject, TombstoneObject } from '../protocol/vocabulary';
import { recordCtes, refuseUnrecorded } from './receipt';
import type { ScreenFinding } from './screen';

/** What became of a received lesson or tombstone. */
export type StoreOutcome = 'stored' | 'stale' | 'tombstoned' | 'quarantined';

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
   * Records the hop token id and the receipt of the activity and stores its lesson, in one
   * statement (one round trip; no explicit transaction unless `manager` is one): a newer version
   * replaces an older one, a tombstone stays. The origin's ODS code and name are the directory's
   * (the signer's), not the payload's. A lesson with `findings` is held in quarantine. The only
   * way a received lesson is stored. Throws HOP_TOKEN_REPLAYED or DUPLICATE_ACTIVITY when a
   * message racing this one took the token or the activity first.
   */
  async receiveLesson(
    message: Pick<VerifiedMessage, 'activity' | 'jti' | 'jtiExpiresAt'>,
    lesson: LessonObject,
    origin: DirectoryMember,
    findings: readonly ScreenFinding[],
    jws: string = message.activity.signedObject!,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StoreOutcome> {
    const { activity } = message;
    const { kid } = peekSigned(jws);
    const rows: unknown = await manager.query(
      `WITH ${recordCtes({ actor: 2, id: 1, type: 3, jti: 13, expires: 14 })}, stored AS (
         INSERT INTO federation_lesson (object_id, origin_actor, origin_ods, origin_name, version,
                                        lesson, jws, kid, via_actor, quarantine, received_at, updated_at)
         SELECT $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $2, $12::jsonb, now(), now()
          WHERE EXISTS (SELECT 1 FROM receipt) AND EXISTS (SELECT 1 FROM token)
         ON CONFLICT (object_id) DO UPDATE
            SET origin_actor = EXCLUDED.origin_actor, origin_ods = EXCLUDED.origin_ods,
                origin_name = EXCLUDED.origin_name, version = EXCLUDED.version,
                lesson = EXCLUDED.lesson, jws = EXCLUDED.jws, kid = EXCLUDED.kid,
                via_actor = EXCLUDED.via_actor, quarantine = EXCLUDED.quarantine,
                quarantine_rejected_at = NULL, updated_at = now(), search = NULL
          WHERE federation_lesson.deleted_at IS NULL AND federation_lesson.version < EXCLUDED.version
         RETURNING object_id
       )
       SELECT (SELECT count(*) FROM token)::int AS token, (SELECT count(*) FROM receipt)::int AS receipt,
              (SELECT count(*) FROM stored)::int AS stored`,
      [
        activity.id,
        activity.actor,
        activity.type,
        lesson.id,
        origin.actor,
        origin.odsCode,
        origin.name,
        lesson.version,
        JSON.stringify(lesson),
        jws,
        kid,
        findings.length > 0 ? JSON.stringify(findings) : null,
        message.jti,
        message.jtiExpiresAt,
      ],
    );
    const [result] = rows as { token: number; receipt: number; stored: number }[];
    refuseUnrecorded(result, activity.id);
    if (result.stored) return findings.length > 0 ? 'quarantined' : 'stored';
    const held = await manager.findOneBy(RemoteLessonEntity, { objectId: lesson.id });
    return held?.deletedAt ? 'tombstoned' : 'stale';
  }

  async tombstone(
    manager: EntityManager,
    tombstone: TombstoneObject,
    origin: { actor: string; odsCode: string; name: string },
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
      originActor: origin.actor,
      originOds: origin.odsCode,
      originName: origin.name,
      version: Math.max(tombstone.version, existing?.version ?? 0),
      lesson: null,
      jws,
      kid,
      viaActor: via,
      updatedAt: now,
      deletedAt: now,
      // A retraction ends a quarantine too: nothing of the held text is kept.
      quarantine: null,
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
    // Held lessons are for the quality lead's quarantine list only.
    qb.andWhere('l.quarantine IS NULL');
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
    if (!row || row.quarantine)
      throw new FederationException(
        FederationErrorCode.RemoteLessonNotFound,
        'No lesson received with this id',
      );
    return row;
  }
}
