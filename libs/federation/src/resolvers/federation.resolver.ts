import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CommonErrorCode,
  CommonException,
  type RequestContext,
  toConnection,
} from '@lessons-network/common';
import { NodeConfig } from '@lessons-network/config';
import { AuditService } from '@lessons-network/audit';
import { Ctx, Role, Roles } from '@lessons-network/identity';
import { DataSource } from 'typeorm';
import { DeliveriesArgs } from '../dto/deliveries.args';
import type { FollowEntity } from '../entities/follow.entity';
import type { NetworkMemberEntity } from '../entities/network-member.entity';
import type { RemoteLessonEntity } from '../entities/remote-lesson.entity';
import {
  DeliveryModel,
  FederationStatusModel,
  FollowInput,
  FollowModel,
  JoinNetworkInput,
  NetworkLessonConnection,
  NetworkLessonModel,
  NetworkMemberModel,
  QuarantinedLessonModel,
  SharedLessonStateModel,
} from '../models/federation.model';
import { MEMBER_ROLES } from '../protocol/schemas';
import { type NodeRoleName, nodeUrls } from '../protocol/vocabulary';
import { FollowsService } from '../services/follows.service';
import { OutboxService } from '../services/outbox.service';
import { NetworkService } from '../services/network.service';
import { PublisherService } from '../services/publisher.service';
import { QuarantineService } from '../services/quarantine.service';
import { RemoteLessonsService } from '../services/remote-lessons.service';

const STAFF = [Role.AUTHOR, Role.REVIEWER, Role.QUALITY_LEAD, Role.VIEWER, Role.MODERATOR] as const;

function memberModel(row: NetworkMemberEntity): NetworkMemberModel {
  return {
    odsCode: row.odsCode,
    name: row.name,
    role: row.role,
    actor: row.actor,
    status: row.status,
    requestedAt: row.requestedAt,
  };
}

function followModel(row: FollowEntity): FollowModel {
  return {
    id: row.id,
    direction: row.direction.toUpperCase(),
    odsCode: row.odsCode,
    status: row.status,
    filter: { ...row.filter } as FollowModel['filter'],
    createdAt: row.createdAt,
  };
}

export function networkLessonModel(row: RemoteLessonEntity): NetworkLessonModel {
  const lesson = row.lesson;
  return {
    id: row.id,
    objectId: row.objectId,
    originOdsCode: row.originOds,
    originName: row.originName,
    version: row.version,
    verification: 'VERIFIED',
    verifiedWith: row.kid,
    via: row.viaActor,
    retracted: row.deletedAt !== null,
    title: lesson?.name ?? null,
    summary: lesson?.summary ?? null,
    template: lesson?.template ?? null,
    sections: lesson ? [...lesson.sections] : [],
    keyLearningPoints: lesson ? [...lesson.keyLearningPoints] : [],
    themes: lesson ? [...lesson.themes] : [],
    careSetting: lesson?.careSetting ?? null,
    physicalHarm: lesson?.physicalHarm ?? null,
    learningSource: lesson?.learningSource ?? null,
    occurredMonth: lesson?.occurredMonth ?? null,
    actions: lesson ? [...lesson.actions] : [],
    receivedAt: row.receivedAt,
    updatedAt: row.updatedAt,
  };
}

/** The network through GraphQL: membership, follows, received lessons, what went out. */
@Resolver()
export class FederationResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: NodeConfig,
    private readonly network: NetworkService,
    private readonly follows: FollowsService,
    private readonly publisher: PublisherService,
    private readonly remote: RemoteLessonsService,
    private readonly quarantine: QuarantineService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  @Roles(...STAFF)
  @Query(() => FederationStatusModel, { description: "This node's place in the network. Staff." })
  async federation(): Promise<FederationStatusModel> {
    const state = await this.network.state();
    const urls = nodeUrls(this.config.baseUrl);
    return {
      actor: urls.actor,
      inbox: urls.inbox,
      role: this.config.role,
      hubActor: state.hubActor,
      member: await this.network.isMember(),
      directoryVersion: state.directoryVersion,
      autoApproveRoles: state.autoApproveRoles,
    };
  }

  @Roles(...STAFF)
  @Query(() => [NetworkMemberModel], {
    description:
      'Members of the network. On the hub, quality leads may also list requests (status pending, rejected, removed). Staff.',
  })
  async networkMembers(
    @Ctx() ctx: RequestContext,
    @Args('status', { type: () => String, nullable: true, description: 'Default: approved.' })
    status?: string,
  ): Promise<NetworkMemberModel[]> {
    const wanted = status ?? 'approved';
    const quality = ctx.requireActor().roles.includes(Role.QUALITY_LEAD);
    if (wanted !== 'approved' && !quality) return [];
    return (await this.network.members([wanted])).map(memberModel);
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => FederationStatusModel, {
    description:
      "Ask a hub to let this node join: pins the hub's keys and sends a Join. Quality leads.",
  })
  async joinNetwork(
    @Ctx() ctx: RequestContext,
    @Args('input') input: JoinNetworkInput,
  ): Promise<FederationStatusModel> {
    await this.network.join(ctx, input.hubUrl);
    return this.federation();
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => NetworkMemberModel, {
    description:
      'On the hub: approve or reject a request to join; the new directory goes to every member. The role is the one the node asked for (trust, commissioner or regulator) unless `role` says otherwise; only this hub is a hub. Quality leads.',
  })
  async decideMembership(
    @Ctx() ctx: RequestContext,
    @Args('odsCode') odsCode: string,
    @Args('approve') approve: boolean,
    @Args('role', {
      type: () => String,
      nullable: true,
      description: 'The role the member gets: trust, commissioner or regulator.',
    })
    role?: string,
  ): Promise<NetworkMemberModel> {
    if (role !== undefined && role !== null && !(MEMBER_ROLES as readonly string[]).includes(role))
      throw new CommonException(
        CommonErrorCode.BadUserInput,
        `role must be one of ${MEMBER_ROLES.join(', ')}: only this hub is the hub`,
        { field: 'role' },
      );
    const row = await this.network.decide(
      ctx,
      odsCode,
      approve,
      (manager, member) =>
        // The hub follows every member (no filter) so that it can relay what they publish.
        this.follows.sendFollow(manager, member, {}).then(() => undefined),
      (role ?? undefined) as NodeRoleName | undefined,
    );
    return memberModel(row);
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => NetworkMemberModel, {
    description:
      'On the hub: remove a member; every node learns it from the next directory. Quality leads.',
  })
  async removeMember(
    @Ctx() ctx: RequestContext,
    @Args('odsCode') odsCode: string,
  ): Promise<NetworkMemberModel> {
    return memberModel(await this.network.remove(ctx, odsCode));
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => FollowModel, {
    description:
      'Follow a member with a filter (replaces an earlier follow of it); it answers Accept or Reject. Quality leads.',
  })
  async follow(
    @Ctx() ctx: RequestContext,
    @Args('input') input: FollowInput,
  ): Promise<FollowModel> {
    return followModel(await this.follows.follow(ctx, input.odsCode, input.filter ?? {}));
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => Boolean, { description: 'Stop following a member (Undo). Quality leads.' })
  async unfollow(@Ctx() ctx: RequestContext, @Args('odsCode') odsCode: string): Promise<boolean> {
    return this.follows.unfollow(ctx, odsCode);
  }

  @Roles(...STAFF)
  @Query(() => [FollowModel], { description: 'The members this node follows. Staff.' })
  async following(): Promise<FollowModel[]> {
    return (await this.follows.list('out')).map(followModel);
  }

  @Roles(Role.QUALITY_LEAD)
  @Query(() => [FollowModel], {
    description: 'Who follows this node, and with what filter. Quality leads.',
  })
  async followers(): Promise<FollowModel[]> {
    return (await this.follows.list('in')).map(followModel);
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => FollowModel, {
    description: 'Accept or reject a pending follower. Quality leads.',
  })
  async decideFollower(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('accept') accept: boolean,
  ): Promise<FollowModel> {
    return followModel(await this.follows.decide(ctx, id, accept));
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => FederationStatusModel, {
    description:
      'Roles of members whose follow requests are accepted without a person (e.g. hub, commissioner). Quality leads.',
  })
  async setAutoApproveRoles(
    @Ctx() ctx: RequestContext,
    @Args('roles', { type: () => [String] }) roles: string[],
  ): Promise<FederationStatusModel> {
    const allowed = ['trust', 'commissioner', 'regulator', 'hub'];
    const unknown = roles.filter((r) => !allowed.includes(r));
    if (unknown.length > 0)
      throw new CommonException(
        CommonErrorCode.BadUserInput,
        `Unknown roles: ${unknown.join(', ')}; use ${allowed.join(', ')}`,
        { field: 'roles' },
      );
    await this.network.setAutoApproveRoles(ctx, roles);
    return this.federation();
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => SharedLessonStateModel, {
    description:
      'Send the current state of a published, shared lesson to its followers as an Update (after its new text passed the gate). Quality leads.',
  })
  async shareLessonUpdate(
    @Ctx() ctx: RequestContext,
    @Args('lessonId', { type: () => ID }) lessonId: string,
  ): Promise<SharedLessonStateModel> {
    const row = await this.publisher.shareUpdate(ctx, lessonId);
    return {
      lessonId: row.lessonId,
      objectId: row.objectId,
      version: row.version,
      sharedAt: row.sharedAt,
    };
  }

  @Roles(...STAFF)
  @Query(() => NetworkLessonConnection, {
    description:
      'Lessons received from other nodes, newest first; search and filter by origin. Staff.',
  })
  async networkLessons(
    @Ctx() ctx: RequestContext,
    @Args('search', { type: () => String, nullable: true, description: 'Words to search for.' })
    search?: string,
    @Args('origin', { type: () => String, nullable: true, description: 'ODS code of the origin.' })
    origin?: string,
    @Args('includeRetracted', {
      type: () => Boolean,
      nullable: true,
      description: 'Tombstones too.',
    })
    includeRetracted?: boolean,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size (default 20).' })
    first?: number,
    @Args('after', { type: () => String, nullable: true, description: 'Cursor to continue from.' })
    after?: string,
  ): Promise<NetworkLessonConnection> {
    const page = await this.remote.list(ctx, { search, origin, includeRetracted }, first, after);
    return toConnection(page, networkLessonModel);
  }

  @Roles(...STAFF)
  @Query(() => NetworkLessonModel, {
    description: 'One received lesson, by local id or origin URL. Staff.',
  })
  async networkLesson(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<NetworkLessonModel> {
    return networkLessonModel(await this.remote.get(ctx, id));
  }

  @Roles(Role.QUALITY_LEAD)
  @Query(() => [QuarantinedLessonModel], {
    description:
      "Received lessons held back because this node's anonymiser found identifiers in them, oldest first. Quality leads.",
  })
  async quarantinedLessons(@Ctx() ctx: RequestContext): Promise<QuarantinedLessonModel[]> {
    return (await this.quarantine.held(ctx)).map((row) => ({
      lesson: networkLessonModel(row),
      findings: row.quarantine ?? [],
    }));
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => NetworkLessonModel, {
    description:
      'Release a held lesson: it is shown and searchable (and relayed, on a hub). Quality leads.',
  })
  async releaseQuarantinedLesson(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<NetworkLessonModel> {
    return networkLessonModel(await this.quarantine.release(ctx, id));
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => Boolean, {
    description:
      'Reject a held lesson: its text is deleted here (a newer version from its origin is screened again). Quality leads.',
  })
  async rejectQuarantinedLesson(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { description: 'Why (kept in the audit trail).' }) reason: string,
  ): Promise<boolean> {
    if (reason.trim().length < 3 || reason.length > 500)
      throw new CommonException(
        CommonErrorCode.BadUserInput,
        'Give a reason (3 to 500 characters)',
        {
          field: 'reason',
        },
      );
    await this.quarantine.reject(ctx, id, reason.trim());
    return true;
  }

  @Roles(Role.QUALITY_LEAD)
  @Query(() => [DeliveryModel], {
    description:
      'Outgoing deliveries, newest first: pending, delivered, or dead (dead letters: given up after a final answer or the retry window). Quality leads.',
  })
  async deliveries(@Args() { status, first }: DeliveriesArgs): Promise<DeliveryModel[]> {
    const rows: unknown = await this.dataSource.query(
      `SELECT d.id, d.inbox, o.type, d.status, d.attempts, d.last_status AS "lastStatus", d.last_error AS "lastError"
         FROM federation_delivery d JOIN federation_outbox o ON o.id = d.outbox_id
        WHERE ($1::text IS NULL OR d.status = $1)
        ORDER BY d.created_at DESC LIMIT $2`,
      [status ?? null, first ?? 50],
    );
    return rows as DeliveryModel[];
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => Int, {
    description:
      'Send dead letters again: one (by id) or all of them to one inbox, or all. Returns how many were queued. Quality leads.',
  })
  async retryDeadLetters(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, nullable: true }) id?: string,
    @Args('inbox', { type: () => String, nullable: true }) inbox?: string,
  ): Promise<number> {
    const count = await this.dataSource.transaction(async (manager) => {
      const rows: unknown = await manager.query(
        `UPDATE federation_delivery
            SET status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL,
                created_at = now(), last_error = NULL
          WHERE status = 'dead' AND ($1::uuid IS NULL OR id = $1) AND ($2::text IS NULL OR inbox = $2)
          RETURNING id`,
        [id ?? null, inbox ?? null],
      );
      const retried = (rows as [unknown[], number])[0] ?? rows;
      await manager.query(`DELETE FROM federation_circuit WHERE $1::text IS NULL OR inbox = $1`, [
        inbox ?? null,
      ]);
      await this.audit.record(ctx, manager, {
        action: 'federation.dead_letters_retried',
        subjectType: 'organisation',
        subjectId: ctx.requireActor().organisationId,
        details: { id: id ?? null, inbox: inbox ?? null, count: retried.length },
      });
      return retried.length;
    });
    this.outbox.kick();
    return count;
  }
}
