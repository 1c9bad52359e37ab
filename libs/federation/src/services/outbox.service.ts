import { activitySchema, buildWire } from '../protocol/schemas';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NodeConfig } from '@lessons-network/config';
import type { DataSource, EntityManager, EntitySubscriberInterface } from 'typeorm';
import { DeliveryEntity, OutboxActivityEntity } from '../entities/outbox.entity';
import { type Activity, CONTEXT, nodeUrls } from '../protocol/vocabulary';

/** An activity before it has an id and a date. */
export type NewActivity = Omit<Activity, '@context' | 'id' | 'published' | 'actor'>;

/**
 * The transactional outbox: an outgoing activity and one delivery per recipient inbox are written
 * with the same transaction manager as the change that caused them, so either both commit or
 * neither. The delivery worker sends them afterwards.
 */
@Injectable()
export class OutboxService implements EntitySubscriberInterface {
  private readonly listeners: (() => void)[] = [];
  /** Something was queued in a transaction that has not committed yet. */
  private queued = false;

  constructor(
    private readonly config: NodeConfig,
    @InjectDataSource() dataSource: DataSource,
  ) {
    // Told of every commit, so the worker starts the moment queued work becomes visible.
    dataSource.subscribers.push(this);
  }

  afterTransactionCommit(): void {
    if (!this.queued) return;
    this.queued = false;
    this.kick();
  }

  /** Builds the activity (id, actor, date) and queues it for `inboxes` (duplicates and self dropped). */
  async enqueue(
    manager: EntityManager,
    activity: NewActivity,
    inboxes: readonly string[],
  ): Promise<Activity> {
    const urls = nodeUrls(this.config.baseUrl);
    // Built through the schema every receiver checks with: never send what would be refused.
    const full: Activity = buildWire(
      activitySchema,
      {
        '@context': CONTEXT,
        id: urls.activity(randomUUID()),
        actor: urls.actor,
        published: new Date().toISOString(),
        ...activity,
      },
      'activity',
    );
    const targets = [...new Set(inboxes)].filter((inbox) => inbox !== urls.inbox);
    const inserted = await manager.insert(OutboxActivityEntity, {
      activityId: full.id,
      type: full.type,
      objectId: full.object,
      body: JSON.stringify(full),
    });
    const outboxId = (inserted.identifiers[0] as { id: string }).id;
    this.queued = true;
    if (targets.length > 0) {
      const now = new Date();
      await manager.insert(
        DeliveryEntity,
        targets.map((inbox) => ({
          outboxId,
          inbox,
          status: 'pending' as const,
          attempts: 0,
          nextAttemptAt: now,
        })),
      );
    }
    return full;
  }

  /** Tells the worker there may be work now (after the caller's transaction committed). */
  kick(): void {
    for (const listener of this.listeners) listener();
  }

  onKick(listener: () => void): void {
    this.listeners.push(listener);
  }
}
