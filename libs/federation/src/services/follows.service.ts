import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@lessons-network/audit';
import { CommonErrorCode, CommonException, type RequestContext } from '@lessons-network/common';
import { DataSource, type EntityManager } from 'typeorm';
import { FollowEntity } from '../entities/follow.entity';
import { FederationErrorCode, FederationException } from '../federation.exception';
import { type FilterableLesson, HARM_ORDER, matchesFilter } from '../protocol/filter';
import { FederationRefusal, RefusalReason } from '../protocol/refusal';
import { parseFilterInput } from '../protocol/validate';
import type { Activity, DirectoryMember, FollowFilter } from '../protocol/vocabulary';
import { NetworkService } from './network.service';
import { OutboxService } from './outbox.service';

/**
 * Subscriptions between nodes: following another node with a filter, and deciding on those who
 * follow this one (by a quality lead, or automatically for directory members of chosen roles).
 */
@Injectable()
export class FollowsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly network: NetworkService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Follows a member of the network; an earlier follow of it is replaced (Undo, then Follow). */
  async follow(ctx: RequestContext, odsCode: string, input: unknown): Promise<FollowEntity> {
    // The same schema the receiver checks with: unknown harm levels or codes are refused here.
    let filter: FollowFilter;
    try {
      filter = parseFilterInput(input as Record<string, unknown> | undefined);
    } catch (error) {
      if (!(error instanceof FederationRefusal)) throw error;
      const message = error.message.replace(/^filter: /, '');
      throw new CommonException(
        CommonErrorCode.BadUserInput,
        message.startsWith('minimumHarm')
          ? `minimumHarm must be one of ${HARM_ORDER.join(', ')}`
          : message,
      );
    }
    if (!(await this.network.isMember()))
      throw new FederationException(
        FederationErrorCode.NotAMember,
        'Join the network (and wait for the hub to approve) before following anyone',
      );
    const target = await this.network.memberByOds(odsCode);
    if (!target || target.actor === this.network.urls.actor)
      throw new FederationException(
        FederationErrorCode.MemberNotFound,
        `${odsCode} is not another member of the network`,
      );
    const saved = await this.dataSource.transaction(async (manager) => {
      await this.undoOut(manager, target);
      return this.sendFollow(manager, target, filter, ctx);
    });
    this.outbox.kick();
    return saved;
  }

  /** Sends a Follow to `target` (used by the hub after approving a member, with no filter). */
  async sendFollow(
    manager: EntityManager,
    target: DirectoryMember,
    filter: FollowFilter,
    ctx?: RequestContext,
  ): Promise<FollowEntity> {
    const activity = await this.outbox.enqueue(
      manager,
      { type: 'Follow', object: target.actor, filter },
      [target.inbox],
    );
    await manager.delete(FollowEntity, { direction: 'out', actor: target.actor });
    await manager.insert(FollowEntity, {
      direction: 'out',
      actor: target.actor,
      odsCode: target.odsCode,
      inbox: target.inbox,
      filter,
      status: 'pending',
      followActivityId: activity.id,
    });
    if (ctx)
      await this.audit.record(ctx, manager, {
        action: 'federation.follow',
        subjectType: 'organisation',
        subjectId: ctx.requireActor().organisationId,
        details: { odsCode: target.odsCode, filter },
      });
    return manager.findOneByOrFail(FollowEntity, { followActivityId: activity.id });
  }

  /** Stops following a member (Undo of the Follow). */
  async unfollow(ctx: RequestContext, odsCode: string): Promise<boolean> {
    const done = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOneBy(FollowEntity, { direction: 'out', odsCode });
      if (!row) return false;
      await this.undoOut(manager, { actor: row.actor, inbox: row.inbox });
      await this.audit.record(ctx, manager, {
        action: 'federation.unfollow',
        subjectType: 'organisation',
        subjectId: ctx.requireActor().organisationId,
        details: { odsCode },
      });
      return true;
    });
    this.outbox.kick();
    return done;
  }

  private async undoOut(manager: EntityManager, target: Pick<DirectoryMember, 'actor' | 'inbox'>) {
    const existing = await manager.findOneBy(FollowEntity, {
      direction: 'out',
      actor: target.actor,
    });
    if (!existing) return;
    await this.outbox.enqueue(manager, { type: 'Undo', object: existing.followActivityId }, [
      existing.inbox,
    ]);
    await manager.delete(FollowEntity, { id: existing.id });
  }

  /** A Follow arrived from a member: kept pending, or accepted at once if the rule says so. */
  async receiveFollow(manager: EntityManager, activity: Activity, sender: DirectoryMember) {
    const state = await this.network.state(manager);
    const auto = state.autoApproveRoles.includes(sender.role);
    await manager.delete(FollowEntity, { direction: 'in', actor: sender.actor });
    await manager.insert(FollowEntity, {
      direction: 'in',
      actor: sender.actor,
      odsCode: sender.odsCode,
      inbox: sender.inbox,
      filter: activity.filter ?? {},
      status: auto ? 'accepted' : 'pending',
      followActivityId: activity.id,
      decidedAt: auto ? new Date() : null,
    });
    if (auto)
      await this.outbox.enqueue(manager, { type: 'Accept', object: activity.id }, [sender.inbox]);
  }

  /** A quality lead accepts or rejects a pending follower. */
  async decide(ctx: RequestContext, id: string, accept: boolean): Promise<FollowEntity> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(FollowEntity, {
        where: { id, direction: 'in' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row)
        throw new FederationException(FederationErrorCode.FollowNotFound, 'No such follower');
      if (row.status !== 'pending')
        throw new CommonException(
          CommonErrorCode.BadUserInput,
          `This follow is already ${row.status}`,
        );
      await manager.update(
        FollowEntity,
        { id },
        {
          status: accept ? 'accepted' : 'rejected',
          decidedAt: new Date(),
          decidedBy: ctx.requireActor().userId,
        },
      );
      await this.outbox.enqueue(
        manager,
        { type: accept ? 'Accept' : 'Reject', object: row.followActivityId },
        [row.inbox],
      );
      await this.audit.record(ctx, manager, {
        action: accept ? 'federation.follower_accepted' : 'federation.follower_rejected',
        subjectType: 'organisation',
        subjectId: ctx.requireActor().organisationId,
        details: { odsCode: row.odsCode, filter: row.filter },
      });
      return manager.findOneByOrFail(FollowEntity, { id });
    });
    this.outbox.kick();
    return saved;
  }

  /** Accept or Reject of a Follow this node sent. */
  async receiveDecision(manager: EntityManager, activity: Activity): Promise<void> {
    const row = await manager.findOneBy(FollowEntity, {
      direction: 'out',
      followActivityId: activity.object,
      actor: activity.actor,
    });
    if (!row)
      throw new FederationRefusal(RefusalReason.UNKNOWN_FOLLOW, 'no Follow of ours has this id');
    await manager.update(
      FollowEntity,
      { id: row.id },
      { status: activity.type === 'Accept' ? 'accepted' : 'rejected', decidedAt: new Date() },
    );
  }

  /** Undo of a Follow by the node that sent it. */
  async receiveUndo(manager: EntityManager, activity: Activity): Promise<void> {
    const result = await manager.delete(FollowEntity, {
      direction: 'in',
      followActivityId: activity.object,
      actor: activity.actor,
    });
    if (!result.affected)
      throw new FederationRefusal(RefusalReason.UNKNOWN_FOLLOW, 'no follow from you has this id');
  }

  /** Accepted followers, still members, whose filter matches the lesson. */
  async followersFor(
    manager: EntityManager,
    lesson: FilterableLesson,
    except: readonly string[] = [],
  ): Promise<FollowEntity[]> {
    return (await this.allFollowers(manager, except)).filter((row) =>
      matchesFilter(row.filter, lesson),
    );
  }

  /** Every accepted follower that is still a member (for retractions: whatever its filter). */
  async allFollowers(
    manager: EntityManager,
    except: readonly string[] = [],
  ): Promise<FollowEntity[]> {
    const rows = await manager.find(FollowEntity, {
      where: { direction: 'in', status: 'accepted' },
    });
    const members = new Set(
      (await this.network.members(['approved'], manager)).map((m) => m.actor),
    );
    return rows.filter((row) => members.has(row.actor) && !except.includes(row.actor));
  }

  async list(direction: 'in' | 'out'): Promise<FollowEntity[]> {
    return this.dataSource
      .getRepository(FollowEntity)
      .find({ where: { direction }, order: { createdAt: 'DESC' } });
  }
}
