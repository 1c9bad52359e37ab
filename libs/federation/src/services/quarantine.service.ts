import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@lessons-network/audit';
import { CommonErrorCode, CommonException, type RequestContext } from '@lessons-network/common';
import { DataSource, IsNull, Not } from 'typeorm';
import { RemoteLessonEntity } from '../entities/remote-lesson.entity';
import { FederationErrorCode, FederationException } from '../federation.exception';
import { InboxService } from './inbox.service';
import { NetworkService } from './network.service';
import { OutboxService } from './outbox.service';

/**
 * Received lessons held back by the second look (`screen.ts`): a quality lead reads each one and
 * releases it (it is then shown, searchable, and relayed by a hub) or rejects it (its text is
 * deleted; a newer version from the origin is screened again).
 */
@Injectable()
export class QuarantineService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly network: NetworkService,
    private readonly inbox: InboxService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Lessons held now, oldest first. */
  async held(_ctx: RequestContext): Promise<RemoteLessonEntity[]> {
    return this.dataSource.getRepository(RemoteLessonEntity).find({
      where: { quarantine: Not(IsNull()), quarantineRejectedAt: IsNull(), deletedAt: IsNull() },
      order: { receivedAt: 'ASC' },
      take: 200,
    });
  }

  async release(ctx: RequestContext, id: string): Promise<RemoteLessonEntity> {
    const row = await this.dataSource.transaction(async (manager) => {
      const held = await this.lockHeld(manager, id);
      await manager.update(RemoteLessonEntity, { id }, { quarantine: null, search: null });
      await this.audit.record(ctx, manager, {
        action: 'federation.quarantine_released',
        subjectType: 'network_lesson',
        subjectId: id,
        details: { objectId: held.objectId, version: held.version, origin: held.originOds },
      });
      // A hub relays what it releases, as it would have relayed it on arrival.
      if (this.network.isHub && held.lesson && held.jws)
        await this.inbox.relayObject(
          manager,
          { actor: held.originActor, odsCode: held.originOds },
          held.jws,
          held.objectId,
          held.lesson,
        );
      return manager.findOneByOrFail(RemoteLessonEntity, { id });
    });
    this.outbox.kick();
    return row;
  }

  async reject(ctx: RequestContext, id: string, reason: string): Promise<RemoteLessonEntity> {
    return this.dataSource.transaction(async (manager) => {
      const held = await this.lockHeld(manager, id);
      await manager.update(
        RemoteLessonEntity,
        { id },
        { lesson: null, jws: null, quarantineRejectedAt: new Date() },
      );
      await this.audit.record(ctx, manager, {
        action: 'federation.quarantine_rejected',
        subjectType: 'network_lesson',
        subjectId: id,
        details: { objectId: held.objectId, version: held.version, origin: held.originOds, reason },
      });
      return manager.findOneByOrFail(RemoteLessonEntity, { id });
    });
  }

  private async lockHeld(manager: DataSource['manager'], id: string): Promise<RemoteLessonEntity> {
    const row = await manager.findOne(RemoteLessonEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row)
      throw new FederationException(
        FederationErrorCode.RemoteLessonNotFound,
        'No lesson received with this id',
      );
    if (!row.quarantine || row.quarantineRejectedAt || row.deletedAt)
      throw new CommonException(CommonErrorCode.BadUserInput, 'This lesson is not held');
    return row;
  }
}
