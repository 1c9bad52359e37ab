import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@lessons-network/audit';
import {
  decodeCursor,
  isUuid,
  pageSize,
  toPage,
  type Page,
  type RequestContext,
} from '@lessons-network/common';
import { NodeConfig, NodeRole } from '@lessons-network/config';
import { DataSource, type EntityManager } from 'typeorm';
import { InvitationEntity } from '../entities/invitation.entity';
import { UserEntity } from '../entities/user.entity';
import { IdentityErrorCode, IdentityException } from '../identity.exception';
import { Role, ROLES, UserStatus } from '../role';
import { AuthService } from './auth.service';
import { OrganisationService } from './organisation.service';
import { PasswordService } from './password.service';
import { newSecretToken, normaliseEmail } from './secret-token';

export interface NewUser {
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
}

export interface IssuedInvitation {
  readonly user: UserEntity;
  readonly token: string;
  readonly url: string;
  readonly expiresAt: Date;
}

export interface UserFilter {
  readonly role?: Role;
  readonly status?: UserStatus;
  /** Matches e-mail or display name, case-insensitive. */
  readonly search?: string;
}

/**
 * User management for quality leads: everything is scoped to the caller's organisation, and a
 * user of another organisation is reported as not found.
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: NodeConfig,
    private readonly organisations: OrganisationService,
    private readonly passwords: PasswordService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  /** Creates a user who is invited to set their password through a one-time link. */
  async createUser(ctx: RequestContext, input: NewUser): Promise<IssuedInvitation> {
    const actor = ctx.requireActor();
    const roles = this.checkRoles(input.roles);
    return this.dataSource.transaction(async (manager) => {
      const user = await this.insertUser(manager, {
        organisationId: actor.organisationId,
        email: input.email,
        displayName: input.displayName,
        roles,
        status: UserStatus.INVITED,
        passwordHash: null,
      });
      await this.audit.record(ctx, manager, {
        action: 'user.created',
        subjectType: 'user',
        subjectId: user.id,
        details: { roles, via: 'invitation' },
      });
      return this.issueInvitation(ctx, manager, user);
    });
  }

  /**
   * Creates the first quality lead of this node's organisation (CLI `admin:create`). With a
   * password the account is active at once; without one an invitation link is returned.
   */
  async createQualityLead(
    ctx: RequestContext,
    input: { email: string; displayName: string; password?: string },
  ): Promise<{ user: UserEntity; invitation?: IssuedInvitation }> {
    const organisation = await this.organisations.localOrganisation();
    if (input.password !== undefined) this.passwords.assertAcceptable(input.password, input.email);
    const passwordHash =
      input.password !== undefined ? await this.passwords.hash(input.password) : null;
    return this.dataSource.transaction(async (manager) => {
      const user = await this.insertUser(manager, {
        organisationId: organisation.id,
        email: input.email,
        displayName: input.displayName,
        roles: [Role.QUALITY_LEAD],
        status: passwordHash ? UserStatus.ACTIVE : UserStatus.INVITED,
        passwordHash,
      });
      await this.audit.record(ctx, manager, {
        action: 'user.created',
        subjectType: 'user',
        subjectId: user.id,
        details: { roles: user.roles, via: 'cli' },
      });
      if (passwordHash) return { user };
      return { user, invitation: await this.issueInvitation(ctx, manager, user) };
    });
  }

  async getUser(ctx: RequestContext, id: string): Promise<UserEntity> {
    const actor = ctx.requireActor();
    const user = isUuid(id)
      ? await this.dataSource
          .getRepository(UserEntity)
          .findOneBy({ id, organisationId: actor.organisationId })
      : null;
    if (!user)
      throw new IdentityException(
        IdentityErrorCode.UserNotFound,
        'No such user in your organisation',
      );
    return user;
  }

  /** The caller's own record. */
  me(ctx: RequestContext): Promise<UserEntity> {
    return this.dataSource
      .getRepository(UserEntity)
      .findOneByOrFail({ id: ctx.requireActor().userId });
  }

  /** Users of the caller's organisation, newest first, keyset-paginated. */
  async listUsers(
    ctx: RequestContext,
    filter: UserFilter,
    first?: number,
    after?: string,
  ): Promise<Page<UserEntity>> {
    const actor = ctx.requireActor();
    const limit = pageSize(first);
    const query = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.organisation_id = :org', { org: actor.organisationId });
    if (filter.role) query.andWhere(':role = ANY(u.roles)', { role: filter.role });
    if (filter.status) query.andWhere('u.status = :status', { status: filter.status });
    if (filter.search?.trim()) {
      query.andWhere('(u.email ILIKE :search OR u.display_name ILIKE :search)', {
        search: `%${filter.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    const countQuery = query.clone();
    const totalCount = () => countQuery.getCount();
    if (after) {
      const position = decodeCursor(after);
      query.andWhere('(u.created_at, u.id) < (:at, :id)', { at: position.at, id: position.id });
    }
    const rows = await query
      .orderBy('u.created_at', 'DESC')
      .addOrderBy('u.id', 'DESC')
      .take(limit + 1)
      .getMany();
    return toPage(rows, limit, totalCount, (u) => ({ at: u.createdAt, id: u.id }));
  }

  /** Replaces a user's roles. The organisation always keeps at least one active quality lead. */
  async setRoles(ctx: RequestContext, userId: string, roles: readonly Role[]): Promise<UserEntity> {
    const checked = this.checkRoles(roles);
    return this.dataSource.transaction(async (manager) => {
      const user = await this.lockUser(ctx, manager, userId);
      if (user.roles.includes(Role.QUALITY_LEAD) && !checked.includes(Role.QUALITY_LEAD)) {
        await this.assertAnotherQualityLead(manager, user);
      }
      const before = user.roles;
      await manager.update(UserEntity, { id: user.id }, { roles: checked });
      await this.audit.record(ctx, manager, {
        action: 'user.roles_changed',
        subjectType: 'user',
        subjectId: user.id,
        details: { before, after: checked },
      });
      return manager.findOneByOrFail(UserEntity, { id: user.id });
    });
  }

  /** Disables a user and ends every session they have. */
  async disableUser(ctx: RequestContext, userId: string): Promise<UserEntity> {
    const actor = ctx.requireActor();
    if (actor.userId === userId) {
      throw new IdentityException(
        IdentityErrorCode.SelfModification,
        'You cannot disable your own account',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const user = await this.lockUser(ctx, manager, userId);
      if (user.status === UserStatus.DISABLED) return user;
      if (user.roles.includes(Role.QUALITY_LEAD))
        await this.assertAnotherQualityLead(manager, user);
      await manager.update(UserEntity, { id: user.id }, { status: UserStatus.DISABLED });
      const sessions = await this.auth.revokeSessions(
        ctx,
        manager,
        { userId: user.id },
        'user_disabled',
      );
      await this.audit.record(ctx, manager, {
        action: 'user.disabled',
        subjectType: 'user',
        subjectId: user.id,
        details: { sessionsRevoked: sessions },
      });
      return manager.findOneByOrFail(UserEntity, { id: user.id });
    });
  }

  /** Re-enables a disabled user (as active if they had a password, else as invited). */
  async enableUser(ctx: RequestContext, userId: string): Promise<UserEntity> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.lockUser(ctx, manager, userId);
      if (user.status !== UserStatus.DISABLED) return user;
      const status = user.passwordHash ? UserStatus.ACTIVE : UserStatus.INVITED;
      await manager.update(UserEntity, { id: user.id }, { status });
      await this.audit.record(ctx, manager, {
        action: 'user.enabled',
        subjectType: 'user',
        subjectId: user.id,
      });
      return manager.findOneByOrFail(UserEntity, { id: user.id });
    });
  }

  /**
   * A new one-time link for the user to set a password (a lost invitation, or a forgotten
   * password). Earlier links stop working.
   */
  async reissueInvitation(ctx: RequestContext, userId: string): Promise<IssuedInvitation> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.lockUser(ctx, manager, userId);
      if (user.status === UserStatus.DISABLED) {
        throw new IdentityException(
          IdentityErrorCode.AccountDisabled,
          'Enable the account before inviting again',
        );
      }
      return this.issueInvitation(ctx, manager, user);
    });
  }

  private async issueInvitation(
    ctx: RequestContext,
    manager: EntityManager,
    user: UserEntity,
  ): Promise<IssuedInvitation> {
    const { token, hash } = newSecretToken();
    const expiresAt = new Date(Date.now() + this.config.invitationTtlHours * 3_600_000);
    await manager
      .createQueryBuilder()
      .update(InvitationEntity)
      .set({ usedAt: () => 'now()' })
      .where('user_id = :userId AND used_at IS NULL', { userId: user.id })
      .execute();
    await manager.insert(InvitationEntity, {
      userId: user.id,
      tokenHash: hash,
      expiresAt,
      createdBy: ctx.actor?.userId ?? null,
    });
    await this.audit.record(ctx, manager, {
      action: 'user.invitation_issued',
      subjectType: 'user',
      subjectId: user.id,
      details: { expiresAt: expiresAt.toISOString() },
    });
    return { user, token, url: `${this.config.baseUrl}/invitations/${token}`, expiresAt };
  }

  private checkRoles(roles: readonly Role[]): Role[] {
    const unique = [...new Set(roles)];
    if (unique.length === 0) {
      throw new IdentityException(
        IdentityErrorCode.RoleNotAllowed,
        'A user needs at least one role',
      );
    }
    const unknown = unique.filter((r) => !ROLES.includes(r));
    if (unknown.length > 0) {
      throw new IdentityException(
        IdentityErrorCode.RoleNotAllowed,
        `Unknown roles: ${unknown.join(', ')}`,
      );
    }
    if (unique.includes(Role.CITIZEN)) {
      if (this.config.role !== NodeRole.Hub) {
        throw new IdentityException(
          IdentityErrorCode.RoleNotAllowed,
          'Citizens register only at a hub node',
        );
      }
      if (unique.length > 1) {
        throw new IdentityException(
          IdentityErrorCode.RoleNotAllowed,
          'A citizen account cannot also hold staff roles',
        );
      }
    }
    return unique.sort();
  }

  private async insertUser(
    manager: EntityManager,
    values: Omit<
      UserEntity,
      | 'id'
      | 'createdAt'
      | 'updatedAt'
      | 'organisation'
      | 'externalIssuer'
      | 'externalSubject'
      | 'lastSignInAt'
    >,
  ): Promise<UserEntity> {
    const email = normaliseEmail(values.email);
    const taken = await manager.existsBy(UserEntity, { email });
    if (taken)
      throw new IdentityException(
        IdentityErrorCode.EmailTaken,
        'Another user already has this e-mail address',
      );
    const displayName = values.displayName.trim();
    return manager.save(UserEntity, manager.create(UserEntity, { ...values, email, displayName }));
  }

  /** Loads a user of the caller's organisation with a row lock, or USER_NOT_FOUND. */
  private async lockUser(
    ctx: RequestContext,
    manager: EntityManager,
    userId: string,
  ): Promise<UserEntity> {
    const actor = ctx.requireActor();
    const user = isUuid(userId)
      ? await manager.findOne(UserEntity, {
          where: { id: userId, organisationId: actor.organisationId },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!user)
      throw new IdentityException(
        IdentityErrorCode.UserNotFound,
        'No such user in your organisation',
      );
    return user;
  }

  private async assertAnotherQualityLead(manager: EntityManager, user: UserEntity): Promise<void> {
    // Lock the organisation's quality leads so two concurrent demotions cannot both pass.
    const others: unknown[] = await manager.query(
      `SELECT id FROM app_user
        WHERE organisation_id = $1 AND id <> $2 AND status = 'active' AND 'quality_lead' = ANY(roles)
        FOR UPDATE`,
      [user.organisationId, user.id],
    );
    if (others.length === 0) {
      throw new IdentityException(
        IdentityErrorCode.LastQualityLead,
        'This is the last active quality lead of the organisation; appoint another first',
      );
    }
  }
}
