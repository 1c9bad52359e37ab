import { SetMetadata } from '@nestjs/common';
import type { Role } from '../role';

export const ACCESS_POLICY = 'lessons-network:access-policy';

/** Who may call a resolver or route. Every one must carry exactly one policy: deny by default. */
export type AccessPolicy =
  | { readonly kind: 'public' }
  | { readonly kind: 'signed-in' }
  | { readonly kind: 'roles'; readonly roles: readonly Role[] };

/** Anyone, signed in or not (sign-in itself, health checks). */
export const Public = () => SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy);

/** Any active signed-in user, whatever their roles. */
export const SignedIn = () =>
  SetMetadata(ACCESS_POLICY, { kind: 'signed-in' } satisfies AccessPolicy);

/** A signed-in user holding at least one of these roles. */
export const Roles = (...roles: [Role, ...Role[]]) =>
  SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy);
