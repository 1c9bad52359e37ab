import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService } from '../services/auth.service';
import { IdentityErrorCode, IdentityException } from '../identity.exception';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy.decorator';
import { requestOf } from './request-of';

/**
 * The global guard. A handler without an access policy is refused (deny by default); otherwise the
 * bearer token is verified, the actor attached to the request, and the roles checked.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) {
      throw new IdentityException(
        IdentityErrorCode.Forbidden,
        'This operation has no access policy, so nobody may call it',
      );
    }
    if (policy.kind === 'public') return true;
    const request = requestOf(context);
    const header = request.headers.authorization;
    if (!header) {
      throw new IdentityException(
        IdentityErrorCode.Unauthenticated,
        'Sign in first: send Authorization: Bearer <access token>',
      );
    }
    const match = /^Bearer ([A-Za-z0-9_.-]{1,4096})$/.exec(header);
    if (!match) {
      throw new IdentityException(
        IdentityErrorCode.TokenInvalid,
        'The Authorization header must be "Bearer <access token>"',
      );
    }
    const actor = await this.auth.authenticate(match[1]);
    request.actor = actor;
    if (policy.kind === 'roles' && !policy.roles.some((role) => actor.roles.includes(role))) {
      throw new IdentityException(
        IdentityErrorCode.Forbidden,
        `This needs one of the roles: ${policy.roles.join(', ')}`,
        {
          requiredRoles: policy.roles,
        },
      );
    }
    return true;
  }
}
