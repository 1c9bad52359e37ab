import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PinoLogger } from 'nestjs-pino';
import { DataSource, type EntityManager } from 'typeorm';
import { ReceiptEntity } from '../entities/receipt.entity';
import {
  type IncomingMessage,
  type InboxPorts,
  type VerifiedMessage,
  verifyIncoming,
} from '../protocol/pipeline';
import { FederationRefusal, RefusalReason } from '../protocol/refusal';
import { parseDirectory, parseLesson, parseTombstone } from '../protocol/validate';
import type { DirectoryMember, LessonObject } from '../protocol/vocabulary';
import { FollowsService } from './follows.service';
import { NetworkService } from './network.service';
import { OutboxService } from './outbox.service';
import { RemoteLessonsService, type StoreOutcome } from './remote-lessons.service';

/** The activity id of a body, if it has one (read again, and checked, by the pipeline). */
function activityIdOf(body: Buffer): string | undefined {
  try {
    const id = (JSON.parse(body.toString('utf8')) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Expired hop token ids are swept about once per this many tokens received. */
const SWEEP_EVERY = 500;

/**
 * The inbox: runs the verification pipeline, then in one transaction writes the receipt of the
 * activity (so a redelivery has no second effect) and acts on it. A refusal stores nothing.
 */
@Injectable()
export class InboxService {
  private received = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly network: NetworkService,
    private readonly follows: FollowsService,
    private readonly remote: RemoteLessonsService,
    private readonly outbox: OutboxService,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('federation-inbox');
  }

  /** The database behind the pipeline's questions (one set per message). */
  ports(activityId?: string): InboxPorts {
    // The replay check and the receipt lookup share one round trip; the pipeline still asks
    // them at their own steps, in its order.
    let seen: boolean | undefined;
    return {
      inboxUrl: this.network.urls.inbox,
      member: (actor) => this.network.member(actor),
      keyOwner: (kid) => this.network.keyOwner(kid),
      refetchKeys: (member) => this.network.refetchKeys(member),
      actorKeys: (actor) => this.network.actorKeys(actor),
      hubKeys: () => this.network.hubKeys(),
      refetchHubKeys: () => this.network.refetchHubKeys(),
      hubActor: () => this.network.hubActor(),
      rememberJti: async (jti, expiresAt) => {
        const result = await this.rememberJti(jti, expiresAt, activityId);
        seen = result.seen;
        return result.fresh;
      },
      seen: async (id) =>
        id === activityId && seen !== undefined
          ? seen
          : this.dataSource.getRepository(ReceiptEntity).existsBy({ activityId: id }),
    };
  }

  /** Verifies and acts on one message; throws {@link FederationRefusal} when refused. */
  async receive(message: IncomingMessage): Promise<{ outcome: string }> {
    const verified = await verifyIncoming(message, this.ports(activityIdOf(message.body)));
    const lesson = verified.payload?.type === 'Lesson' ? parseLesson(verified.payload) : undefined;
    if (lesson && !this.network.isHub) {
      // The common case, in one statement: receipt and lesson together or not at all.
      const outcome = await this.remote.receiveLesson(verified.activity, lesson, verified.jws!);
      this.logger.debug({ type: verified.activity.type, outcome }, 'activity received');
      return { outcome };
    }
    const outcome = await this.dataSource.transaction(async (manager) => {
      if (lesson) {
        // At the hub the same statement, then the relay, in one transaction.
        const stored = await this.remote.receiveLesson(
          verified.activity,
          lesson,
          verified.jws!,
          manager,
        );
        await this.relay(manager, verified, stored, lesson);
        return stored;
      }
      const rows: unknown = await manager.query(
        `INSERT INTO federation_receipt (activity_id, actor, type) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING activity_id`,
        [verified.activity.id, verified.activity.actor, verified.activity.type],
      );
      if ((rows as unknown[]).length === 0)
        throw new FederationRefusal(
          RefusalReason.DUPLICATE_ACTIVITY,
          `activity ${verified.activity.id} was received before`,
        );
      return this.handle(manager, verified);
    });
    this.outbox.kick();
    this.logger.info(
      { type: verified.activity.type, actor: verified.activity.actor, outcome },
      'activity received',
    );
    return { outcome };
  }

  private async handle(manager: EntityManager, message: VerifiedMessage): Promise<string> {
    const { activity } = message;
    switch (activity.type) {
      case 'Join': {
        if (!this.network.isHub)
          throw new FederationRefusal(RefusalReason.NOT_ACCEPTED_HERE, 'this node is not a hub');
        if (activity.object !== this.network.urls.actor)
          throw new FederationRefusal(RefusalReason.MALFORMED, 'Join must name this hub');
        await this.network.receiveJoin(manager, activity.actor, activity.member!);
        return 'join-pending';
      }
      case 'Follow': {
        if (activity.object !== this.network.urls.actor)
          throw new FederationRefusal(RefusalReason.MALFORMED, 'Follow must name this node');
        await this.follows.receiveFollow(manager, activity, message.sender as DirectoryMember);
        return 'follow-received';
      }
      case 'Accept':
      case 'Reject':
        await this.follows.receiveDecision(manager, activity);
        return activity.type === 'Accept' ? 'follow-accepted' : 'follow-rejected';
      case 'Undo':
        await this.follows.receiveUndo(manager, activity);
        return 'follow-undone';
      case 'Update':
        await this.network.applyDirectory(manager, parseDirectory(message.payload), message.jws!);
        return 'directory-applied';
      // Lessons were taken before; what is left is a tombstone (Delete, or relayed by Announce).
      case 'Create':
      case 'Delete':
      case 'Announce': {
        const outcome = await this.remote.tombstone(
          manager,
          parseTombstone(message.payload),
          message.origin!,
          message.jws!,
          message.activity.actor,
        );
        await this.relay(manager, message, outcome);
        return outcome;
      }
    }
  }

  /**
   * The hub relays, unchanged, what its members send it directly (never what it is relayed): a new
   * lesson version to followers whose filter matches, a retraction to every follower.
   */
  private async relay(
    manager: EntityManager,
    message: VerifiedMessage,
    outcome: StoreOutcome,
    lesson?: LessonObject,
  ): Promise<void> {
    if (!this.network.isHub || message.activity.type === 'Announce') return;
    if (outcome === 'stale' || (lesson && outcome !== 'stored')) return;
    const origin = message.origin!;
    const followers = lesson
      ? await this.follows.followersFor(
          manager,
          {
            themes: lesson.themes,
            careSetting: lesson.careSetting,
            physicalHarm: lesson.physicalHarm,
            learningSource: lesson.learningSource,
            originOdsCode: origin.odsCode,
          },
          [origin.actor],
        )
      : await this.follows.allFollowers(manager, [origin.actor]);
    if (followers.length > 0)
      await this.outbox.enqueue(
        manager,
        { type: 'Announce', object: message.activity.object, signedObject: message.jws! },
        followers.map((f) => f.inbox),
      );
  }

  private async rememberJti(
    jti: string,
    expiresAt: Date,
    activityId?: string,
  ): Promise<{ fresh: boolean; seen: boolean | undefined }> {
    if (++this.received % SWEEP_EVERY === 0)
      await this.dataSource.query('DELETE FROM federation_hop_token WHERE expires_at < now()');
    const rows: unknown = await this.dataSource.query(
      `WITH token AS (
         INSERT INTO federation_hop_token (jti, expires_at) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING jti
       )
       SELECT EXISTS (SELECT 1 FROM token) AS fresh,
              EXISTS (SELECT 1 FROM federation_receipt WHERE activity_id = $3) AS seen`,
      [jti, expiresAt, activityId ?? ''],
    );
    const [row] = rows as { fresh: boolean; seen: boolean }[];
    return { fresh: row?.fresh ?? false, seen: activityId ? row?.seen : undefined };
  }
}
