import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@lessons-network/audit';
import type { Actor, RequestContext } from '@lessons-network/common';
import { NodeConfig } from '@lessons-network/config';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { InvitationEntity } from '../entities/invitation.entity';
import { RefreshTokenEntity, SessionEntity } from '../entities/session.entity';
import { SignInThrottleEntity } from '../entities/sign-in-throttle.entity';
import { UserEntity } from '../entities/user.entity';
import { IdentityErrorCode, IdentityException } from '../identity.exception';
import { UserStatus } from '../role';
import { AccessTokenService } from './access-token.service';
import { PasswordService } from './password.service';
import { hashSecretToken, newSecretToken, normaliseEmail } from './secret-token';

/** Failures allowed before an address is locked; each further failure doubles the lock. */
export const SIGN_IN_FREE_FAILURES = 5;
const LOCK_BASE_SECONDS = 30;
const LOCK_MAX_SECONDS = 15 * 60;

/** What a successful sign-in or refresh returns. */
export interface IssuedSession {
  readonly user: UserEntity;
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: Date;
}

/**
 * Sign-in, sessions and the rotating refresh tokens.
 *
 * OIDC seam: an identity-provider sign-in resolves its ID token to a {@link UserEntity} (by
 * `externalIssuer` + `externalSubject`) and then calls {@link AuthService.startSession}, exactly
 * as password sign-in does; nothing downstream knows how the user proved who they are.
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: NodeConfig,
    private readonly passwords: PasswordService,
    private readonly accessTokens: AccessTokenService,
    private readonly audit: AuditService,
  ) {}

  /** Password sign-in. Wrong address and wrong password give the same error. */
  async signIn(ctx: RequestContext, email: string, password: string): Promise<IssuedSession> {
    const normalised = normaliseEmail(email);
    const emailHash = hashSecretToken(normalised);
    const throttles = this.dataSource.getRepository(SignInThrottleEntity);
    const throttle = await throttles.findOneBy({ emailHash });
    if (throttle?.lockedUntil && throttle.lockedUntil > new Date()) {
      throw tooManyAttempts(throttle.lockedUntil);
    }
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email: normalised });
    const valid = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !valid) {
      await this.recordFailure(emailHash);
      throw new IdentityException(
        IdentityErrorCode.InvalidCredentials,
        'The e-mail address or password is wrong',
      );
    }
    if (user.status === UserStatus.DISABLED) {
      throw new IdentityException(IdentityErrorCode.AccountDisabled, 'This account is disabled');
    }
    if (throttle) await throttles.delete({ emailHash });
    return this.startSession(ctx, user, 'password');
  }

  /** Opens a session for a user who has proved who they are (password now; OIDC later). */
  async startSession(
    ctx: RequestContext,
    user: UserEntity,
    method: 'password' | 'oidc',
  ): Promise<IssuedSession> {
    const refresh = newSecretToken();
    const refreshTokenExpiresAt = this.refreshExpiry();
    const session = await this.dataSource.transaction(async (manager) => {
      const created = await manager.save(
        SessionEntity,
        manager.create(SessionEntity, { userId: user.id }),
      );
      await manager.insert(RefreshTokenEntity, {
        sessionId: created.id,
        tokenHash: refresh.hash,
        expiresAt: refreshTokenExpiresAt,
      });
      await manager.update(UserEntity, { id: user.id }, { lastSignInAt: new Date() });
      const acting = ctx.withActor({
        userId: user.id,
        organisationId: user.organisationId,
        roles: user.roles,
        sessionId: created.id,
      });
      await this.audit.record(acting, manager, {
        action: 'user.signed_in',
        subjectType: 'user',
        subjectId: user.id,
        details: { method },
      });
      return created;
    });
    const access = await this.accessTokens.issue({
      userId: user.id,
      sessionId: session.id,
      organisationId: user.organisationId,
    });
    return {
      user,
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt,
    };
  }

  /**
   * Exchanges a refresh token for a new pair. Each refresh token works once: presenting a used one
   * revokes the whole session (someone else may hold a copy).
   */
  async refresh(ctx: RequestContext, refreshToken: string): Promise<IssuedSession> {
    const tokenHash = hashSecretToken(refreshToken);
    const next = newSecretToken();
    const refreshTokenExpiresAt = this.refreshExpiry();
    const outcome = await this.dataSource.transaction(async (manager): Promise<RefreshOutcome> => {
      const row = await manager.findOneBy(RefreshTokenEntity, { tokenHash });
      if (!row) return { error: IdentityErrorCode.TokenInvalid } as const;
      const session = await manager.findOneByOrFail(SessionEntity, { id: row.sessionId });
      if (session.revokedAt) return { error: IdentityErrorCode.SessionRevoked } as const;
      const claimed = await manager.update(
        RefreshTokenEntity,
        { id: row.id, usedAt: IsNull() },
        { usedAt: new Date() },
      );
      if (claimed.affected !== 1) {
        await this.revokeSessions(ctx, manager, { id: session.id }, 'refresh_token_reused');
        return { error: IdentityErrorCode.RefreshTokenReused } as const;
      }
      if (row.expiresAt <= new Date()) return { error: IdentityErrorCode.TokenExpired } as const;
      const user = await manager.findOneByOrFail(UserEntity, { id: session.userId });
      if (user.status !== UserStatus.ACTIVE)
        return { error: IdentityErrorCode.AccountDisabled } as const;
      await manager.insert(RefreshTokenEntity, {
        sessionId: session.id,
        tokenHash: next.hash,
        expiresAt: refreshTokenExpiresAt,
      });
      return { user, session };
    });
    if (outcome.error) throw refreshError(outcome.error);
    const access = await this.accessTokens.issue({
      userId: outcome.user.id,
      sessionId: outcome.session.id,
      organisationId: outcome.user.organisationId,
    });
    return {
      user: outcome.user,
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: next.token,
      refreshTokenExpiresAt,
    };
  }

  /** Ends the caller's session, or all of their sessions. */
  async signOut(ctx: RequestContext, everywhere: boolean): Promise<number> {
    const actor = ctx.requireActor();
    return this.dataSource.transaction((manager) =>
      this.revokeSessions(
        ctx,
        manager,
        everywhere ? { userId: actor.userId } : { id: actor.sessionId },
        'signed_out',
      ),
    );
  }

  /**
   * Checks an access token and loads the actor: the session must be open and the user active.
   * Roles are read from the database, so a change of roles applies at once.
   */
  async authenticate(token: string): Promise<Actor> {
    const claims = await this.accessTokens.verify(token);
    const row = await this.dataSource
      .createQueryBuilder()
      .select([
        'u.id AS user_id',
        'u.organisation_id AS organisation_id',
        'u.roles AS roles',
        'u.status AS status',
      ])
      .addSelect('s.revoked_at', 'revoked_at')
      .from(UserEntity, 'u')
      .innerJoin(SessionEntity, 's', 's.user_id = u.id')
      .where('u.id = :userId AND s.id = :sessionId', {
        userId: claims.userId,
        sessionId: claims.sessionId,
      })
      .getRawOne<{
        user_id: string;
        organisation_id: string;
        roles: string[];
        status: UserStatus;
        revoked_at: Date | null;
      }>();
    if (!row || row.organisation_id !== claims.organisationId) {
      throw new IdentityException(
        IdentityErrorCode.TokenInvalid,
        'The access token does not match a session',
      );
    }
    if (row.revoked_at)
      throw new IdentityException(
        IdentityErrorCode.SessionRevoked,
        'This session has ended; sign in again',
      );
    if (row.status !== UserStatus.ACTIVE)
      throw new IdentityException(IdentityErrorCode.AccountDisabled, 'This account is disabled');
    return {
      userId: row.user_id,
      organisationId: row.organisation_id,
      roles: row.roles,
      sessionId: claims.sessionId,
    };
  }

  /** Sets a password through an invitation link; activates an invited user. Returns the user. */
  async acceptInvitation(
    ctx: RequestContext,
    token: string,
    password: string,
  ): Promise<UserEntity> {
    const tokenHash = hashSecretToken(token);
    const invitation = await this.dataSource
      .getRepository(InvitationEntity)
      .findOneBy({ tokenHash });
    if (!invitation || invitation.usedAt || invitation.expiresAt <= new Date()) {
      throw new IdentityException(
        IdentityErrorCode.InvitationInvalid,
        'This invitation link is not valid; ask your quality lead for a new one',
      );
    }
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOneByOrFail({ id: invitation.userId });
    if (user.status === UserStatus.DISABLED) {
      throw new IdentityException(IdentityErrorCode.AccountDisabled, 'This account is disabled');
    }
    this.passwords.assertAcceptable(password, user.email);
    const passwordHash = await this.passwords.hash(password);
    return this.dataSource.transaction(async (manager) => {
      const claimed = await manager.update(
        InvitationEntity,
        { id: invitation.id, usedAt: IsNull() },
        { usedAt: new Date() },
      );
      if (claimed.affected !== 1) {
        throw new IdentityException(
          IdentityErrorCode.InvitationInvalid,
          'This invitation link has already been used',
        );
      }
      await manager.update(
        UserEntity,
        { id: user.id },
        { passwordHash, status: UserStatus.ACTIVE },
      );
      await this.revokeSessions(ctx, manager, { userId: user.id }, 'password_changed');
      await this.audit.record(ctx, manager, {
        action: 'user.password_set',
        subjectType: 'user',
        subjectId: user.id,
        details: { via: 'invitation' },
      });
      return manager.findOneByOrFail(UserEntity, { id: user.id });
    });
  }

  /** Changes the caller's own password; other sessions are signed out. */
  async changePassword(
    ctx: RequestContext,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const actor = ctx.requireActor();
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOneByOrFail({ id: actor.userId });
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw new IdentityException(
        IdentityErrorCode.InvalidCredentials,
        'The current password is wrong',
      );
    }
    this.passwords.assertAcceptable(newPassword, user.email);
    const passwordHash = await this.passwords.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { id: user.id }, { passwordHash });
      await manager
        .createQueryBuilder()
        .update(SessionEntity)
        .set({ revokedAt: () => 'now()', revokedReason: 'password_changed' })
        .where('user_id = :userId AND id <> :sid AND revoked_at IS NULL', {
          userId: user.id,
          sid: actor.sessionId,
        })
        .execute();
      await this.audit.record(ctx, manager, {
        action: 'user.password_changed',
        subjectType: 'user',
        subjectId: user.id,
      });
    });
  }

  /** Revokes open sessions matching `where`; returns how many. */
  async revokeSessions(
    ctx: RequestContext,
    manager: EntityManager,
    where: { id: string } | { userId: string },
    reason: string,
  ): Promise<number> {
    const result = await manager.update(
      SessionEntity,
      { ...where, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
    const count = result.affected ?? 0;
    if (count > 0 && reason === 'refresh_token_reused') {
      const session = await manager.findOneByOrFail(SessionEntity, where);
      await this.audit.record(ctx, manager, {
        action: 'session.revoked_on_reuse',
        subjectType: 'user',
        subjectId: session.userId,
        details: { sessionId: session.id },
      });
    }
    return count;
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.config.refreshTokenTtlDays * 86_400_000);
  }

  private async recordFailure(emailHash: string): Promise<void> {
    // One statement, so concurrent failures all count. A failure more than a day after the last
    // one starts the count again.
    const next = `CASE WHEN sign_in_throttle.last_failure_at < now() - interval '1 day' THEN 1
                      ELSE sign_in_throttle.failures + 1 END`;
    await this.dataSource.query(
      `INSERT INTO sign_in_throttle (email_hash, failures, last_failure_at, locked_until)
       VALUES ($1, 1, now(), NULL)
       ON CONFLICT (email_hash) DO UPDATE SET
         failures = ${next},
         last_failure_at = now(),
         locked_until = CASE WHEN ${next} > $2
           THEN now() + make_interval(secs => LEAST($4::float8, $3::float8 * power(2, ${next} - $2 - 1)))
           ELSE NULL END`,
      [emailHash, SIGN_IN_FREE_FAILURES, LOCK_BASE_SECONDS, LOCK_MAX_SECONDS],
    );
  }
}

type RefreshOutcome =
  | { readonly error: IdentityErrorCode }
  | { readonly error?: undefined; readonly user: UserEntity; readonly session: SessionEntity };

function tooManyAttempts(until: Date): IdentityException {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new IdentityException(
    IdentityErrorCode.TooManyAttempts,
    `Too many failed sign-ins for this address; try again in ${retryAfterSeconds} seconds`,
    { retryAfterSeconds },
  );
}

function refreshError(code: IdentityErrorCode): IdentityException {
  const messages: Partial<Record<IdentityErrorCode, string>> = {
    TOKEN_INVALID: 'The refresh token is not valid',
    TOKEN_EXPIRED: 'The refresh token has expired; sign in again',
    SESSION_REVOKED: 'This session has ended; sign in again',
    REFRESH_TOKEN_REUSED:
      'This refresh token was already used, so the session has been ended for safety; sign in again',
    ACCOUNT_DISABLED: 'This account is disabled',
  };
  return new IdentityException(code, messages[code] ?? 'The refresh token is not valid');
}
