import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PinoLogger } from 'nestjs-pino';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type IncomingMessage,
  type InboxPorts,
  type VerifiedMessage,
  verifyIncoming,
} from '../protocol/pipeline';
import { FederationRefusal, RefusalReason } from '../protocol/refusal';
import type { DirectoryMember, DirectoryObject, LessonObject } from '../protocol/vocabulary';
import { FollowsService } from './follows.service';
import { NetworkService } from './network.service';
import { OutboxService } from './outbox.service';
import { RemoteLessonsService, type StoreOutcome } from './remote-lessons.service';
import { recordCtes, refuseUnrecorded } from './receipt';
import { screenLesson } from './screen';

/** The activity id and actor of a body, if it has them (read again, and checked, by the pipeline). */
function peekIds(body: Buffer): { id?: string; actor?: string } {
  try {
    const json = JSON.parse(body.toString('utf8')) as { id?: unknown; actor?: unknown };
    return {
      id: typeof json.id === 'string' ? json.id : undefined,
      actor: typeof json.actor === 'string' ? json.actor : undefined,
    };
  } catch {
    return {};
  }
}

/** Expired hop token ids are swept about once per this many tokens received. */
const SWEEP_EVERY = 500;

/** What the inbox answers for a message it took. */
export interface InboxAnswer {
  readonly outcome: string;
  /** For a quarantined lesson: what the second look found, by field and type (never the text). */
  readonly findings?: readonly { readonly field: string; readonly type: string }[];
}

/**
 * The inbox: runs the verification pipeline (which writes nothing), then in one statement or one
 * transaction records the hop token id and the receipt of the activity (so neither a replay nor a
 * redelivery has a second effect) and acts on it. A refusal stores nothing, not even the token id.
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
  ports(body: { id?: string; actor?: string } = {}): InboxPorts {
    // The replay check and the receipt lookup share one round trip; the pipeline still asks
    // them at their own steps, in its order.
    let seen: boolean | undefined;
    return {
      inboxUrl: this.network.urls.inbox,
      selfActor: this.network.urls.actor,
      acceptsJoin: this.network.isHub,
      member: (actor) => this.network.member(actor),
      keyOwner: (kid) => this.network.keyOwner(kid),
      refetchKeys: (member) => this.network.refetchKeys(member),
      joiningActor: (actor) => this.network.joiningActor(actor),
      hubKeys: () => this.network.hubKeys(),
      refetchHubKeys: () => this.network.refetchHubKeys(),
      hubActor: () => this.network.hubActor(),
      jtiUsed: async (jti) => {
        const result = await this.lookUp(jti, body);
        seen = result.seen;
        return result.used;
      },
      seen: async (actor, id) =>
        id === body.id && actor === body.actor && seen !== undefined
          ? seen
          : this.receiptExists(actor, id),
    };
  }

  /** Verifies and acts on one message; throws {@link FederationRefusal} when refused. */
  async receive(message: IncomingMessage): Promise<InboxAnswer> {
    const verified = await verifyIncoming(message, this.ports(peekIds(message.body)));
    const lesson = verified.payload?.type === 'Lesson' ? verified.payload : undefined;
    if (lesson && !this.network.isHub) {
      // The common case, in one statement: token, receipt and lesson together or not at all.
      const findings = screenLesson(lesson);
      const outcome = await this.remote.receiveLesson(verified, lesson, verified.origin!, findings);
      this.logger.debug({ type: verified.activity.type, outcome }, 'activity received');
      return this.answer(outcome, findings);
    }
    const findings = lesson ? screenLesson(lesson) : [];
    const outcome = await this.dataSource.transaction(async (manager) => {
      if (lesson) {
        // At the hub the same statement, then the relay, in one transaction.
        const stored = await this.remote.receiveLesson(
          verified,
          lesson,
          verified.origin!,
          findings,
          verified.jws,
          manager,
        );
        await this.relay(manager, verified, stored, lesson);
        return stored;
      }
      await this.recordReceipt(manager, verified);
      return this.handle(manager, verified);
    });
    this.outbox.kick();
    this.logger.info(
      { type: verified.activity.type, actor: verified.activity.actor, outcome },
      'activity received',
    );
    return this.answer(outcome, findings);
  }

  private answer(
    outcome: string,
    findings: readonly { field: string; type: string }[],
  ): InboxAnswer {
    return outcome === 'quarantined' ? { outcome, findings } : { outcome };
  }

  /** The token id and the receipt, or a refusal if a message racing this one took either. */
  private async recordReceipt(manager: EntityManager, message: VerifiedMessage): Promise<void> {
    const rows: unknown = await manager.query(
      `WITH ${recordCtes({ actor: 1, id: 2, type: 3, jti: 4, expires: 5 })}
       SELECT (SELECT count(*) FROM token)::int AS token, (SELECT count(*) FROM receipt)::int AS receipt`,
      [
        message.activity.actor,
        message.activity.id,
        message.activity.type,
        message.jti,
        message.jtiExpiresAt,
      ],
    );
    const [row] = rows as { token: number; receipt: number }[];
    refuseUnrecorded(row, message.activity.id);
  }

  private async handle(manager: EntityManager, message: VerifiedMessage): Promise<string> {
    const { activity } = message;
    switch (activity.type) {
      case 'Join': {
        // The pipeline took a Join only at a hub, from a non-member, naming this hub.
        if (!('joining' in message.sender))
          throw new FederationRefusal(RefusalReason.NOT_ACCEPTED_HERE, 'a member already');
        await this.network.receiveJoin(manager, message.sender);
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
      case 'Update': {
        const applied = await this.network.applyDirectory(
          manager,
          message.payload as DirectoryObject,
          message.jws!,
        );
        return applied ? 'directory-applied' : 'stale';
      }
      // Lessons were taken before; what is left is a tombstone (Delete, or relayed by Announce).
      case 'Create':
      case 'Delete':
      case 'Announce': {
        if (message.payload?.type !== 'Tombstone')
          throw new FederationRefusal(RefusalReason.MALFORMED, 'expected a signed Tombstone');
        const outcome = await this.remote.tombstone(
          manager,
          message.payload,
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
   * lesson version to followers whose filter matches, a retraction to every follower. A lesson
   * held in quarantine is not relayed (its release relays it).
   */
  private async relay(
    manager: EntityManager,
    message: VerifiedMessage,
    outcome: StoreOutcome,
    lesson?: LessonObject,
  ): Promise<void> {
    if (!this.network.isHub || message.activity.type === 'Announce') return;
    if (outcome === 'stale' || (lesson && outcome !== 'stored')) return;
    await this.relayObject(manager, message.origin!, message.jws!, message.activity.object, lesson);
  }

  /**
   * Announces a signed lesson to the hub's followers whose filter matches, or a signed tombstone
   * (no `lesson`) to all of them.
   */
  async relayObject(
    manager: EntityManager,
    origin: { actor: string; odsCode: string },
    jws: string,
    objectId: string,
    lesson?: LessonObject,
  ): Promise<void> {
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
        { type: 'Announce', object: objectId, signedObject: jws },
        followers.map((f) => f.inbox),
      );
  }

  private async receiptExists(actor: string, activityId: string): Promise<boolean> {
    const rows: unknown = await this.dataSource.query(
      'SELECT 1 FROM federation_receipt WHERE actor = $1 AND activity_id = $2',
      [actor, activityId],
    );
    return (rows as unknown[]).length > 0;
  }

  /** Whether a token id was accepted before, and whether this sender's activity was received. */
  private async lookUp(
    jti: string,
    body: { id?: string; actor?: string },
  ): Promise<{ used: boolean; seen: boolean | undefined }> {
    if (++this.received % SWEEP_EVERY === 0)
      await this.dataSource.query('DELETE FROM federation_hop_token WHERE expires_at < now()');
    const rows: unknown = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM federation_hop_token WHERE jti = $1) AS used,
              EXISTS (SELECT 1 FROM federation_receipt WHERE actor = $2 AND activity_id = $3) AS seen`,
      [jti, body.actor ?? '', body.id ?? ''],
    );
    const [row] = rows as { used: boolean; seen: boolean }[];
    return { used: row?.used ?? false, seen: body.id && body.actor ? row?.seen : undefined };
  }
}
