import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@lessons-network/common';
import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditRecord {
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly details?: Record<string, unknown>;
}

/**
 * Writes audit events. It takes the caller's `EntityManager` so the event commits or rolls back
 * with the change it describes.
 */
@Injectable()
export class AuditService {
  async record(ctx: RequestContext, manager: EntityManager, record: AuditRecord): Promise<void> {
    await manager.save(
      manager.create(AuditEventEntity, {
        actorUserId: ctx.actor?.userId ?? null,
        action: record.action,
        subjectType: record.subjectType,
        subjectId: record.subjectId,
        details: record.details ?? {},
        correlationId: ctx.correlationId,
      }),
    );
  }

  /** The trail of one record, oldest first. */
  async trail(
    manager: EntityManager,
    subjectType: string,
    subjectId: string,
  ): Promise<AuditEventEntity[]> {
    return manager.find(AuditEventEntity, {
      where: { subjectType, subjectId },
      order: { occurredAt: 'ASC', id: 'ASC' },
    });
  }
}
