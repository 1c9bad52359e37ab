import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor } from '@lessons-network/common';
import type { AuthService } from '../services/auth.service';
import { IdentityException } from '../identity.exception';
import { Role } from '../role';
import { Public, Roles, SignedIn } from './access-policy.decorator';
import { AccessGuard } from './access.guard';

class Handlers {
  unmarked(): void {}
  @Public() open(): void {}
  @SignedIn() anyone(): void {}
  @Roles(Role.QUALITY_LEAD) admin(): void {}
}

function contextFor(handler: keyof Handlers, authorization?: string): ExecutionContext {
  const request = { headers: authorization ? { authorization } : {} };
  return {
    getType: () => 'http',
    getHandler: () => Handlers.prototype[handler],
    getClass: () => Handlers,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('AccessGuard', () => {
  const author: Actor = { userId: 'u', organisationId: 'o', roles: [Role.AUTHOR], sessionId: 's' };
  const auth = { authenticate: jest.fn((): Promise<Actor> => Promise.resolve(author)) };
  const guard = new AccessGuard(new Reflector(), auth as unknown as AuthService);

  const codeOf = async (promise: Promise<boolean>) => {
    try {
      await promise;
      return 'ALLOWED';
    } catch (error) {
      return (error as IdentityException).code;
    }
  };

  it('denies a handler that declares no access policy, even to a signed-in user', async () => {
    expect(await codeOf(guard.canActivate(contextFor('unmarked', 'Bearer abc')))).toBe('FORBIDDEN');
  });

  it('lets anyone through a public handler without looking at tokens', async () => {
    auth.authenticate.mockClear();
    expect(await codeOf(guard.canActivate(contextFor('open')))).toBe('ALLOWED');
    expect(auth.authenticate).not.toHaveBeenCalled();
  });

  it('needs a bearer token for signed-in handlers', async () => {
    expect(await codeOf(guard.canActivate(contextFor('anyone')))).toBe('UNAUTHENTICATED');
    expect(await codeOf(guard.canActivate(contextFor('anyone', 'Token abc')))).toBe(
      'TOKEN_INVALID',
    );
    expect(await codeOf(guard.canActivate(contextFor('anyone', 'Bearer abc')))).toBe('ALLOWED');
  });

  it('checks roles', async () => {
    expect(await codeOf(guard.canActivate(contextFor('admin', 'Bearer abc')))).toBe('FORBIDDEN');
    auth.authenticate.mockResolvedValueOnce({ ...author, roles: [Role.QUALITY_LEAD] });
    expect(await codeOf(guard.canActivate(contextFor('admin', 'Bearer abc')))).toBe('ALLOWED');
  });
});
