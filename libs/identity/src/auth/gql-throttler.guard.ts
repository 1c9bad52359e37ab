import { applyDecorators, type ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerLimitDetail } from '@nestjs/throttler';
import { IdentityErrorCode, IdentityException } from '../identity.exception';
import { Public } from './access-policy.decorator';

/** Per-client-address rate limit for the public doors of GraphQL (sign-in, refresh, invitations). */
@Injectable()
export class GqlThrottlerGuard extends ThrottlerGuard {
  protected override getRequestResponse(context: ExecutionContext) {
    const gql = GqlExecutionContext.create(context).getContext<{
      req: Record<string, unknown>;
      res: Record<string, unknown>;
    }>();
    return { req: gql.req, res: gql.res };
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new IdentityException(
      IdentityErrorCode.TooManyAttempts,
      'Too many requests from this address; slow down',
      {
        retryAfterSeconds: Math.max(1, Math.ceil(detail.timeToBlockExpire || detail.timeToExpire)),
      },
    );
  }
}

/** The throttler that limits the public doors per client address (limit from configuration). */
export const PUBLIC_DOOR_THROTTLER = 'public-door';

/** A public operation limited per client address: sign-in, refresh, invitations. */
export const PublicDoor = () =>
  applyDecorators(
    Public(),
    UseGuards(GqlThrottlerGuard),
    Throttle({ [PUBLIC_DOOR_THROTTLER]: {} }),
  );
