import { InvitationEntity } from './entities/invitation.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import { RefreshTokenEntity, SessionEntity } from './entities/session.entity';
import { SignInThrottleEntity } from './entities/sign-in-throttle.entity';
import { SigningKeyEntity } from './entities/signing-key.entity';
import { UserEntity } from './entities/user.entity';
import { AuthResolver } from './resolvers/auth.resolver';
import { UsersResolver } from './resolvers/users.resolver';

export { IdentityModule } from './identity.module';
export { Role, ROLES, UserStatus } from './role';
export {
  Public,
  SignedIn,
  Roles,
  ACCESS_POLICY,
  type AccessPolicy,
} from './auth/access-policy.decorator';
export { Ctx } from './auth/request-context.decorator';
export { IdentityException, IdentityErrorCode } from './identity.exception';
export { AuthService, type IssuedSession } from './services/auth.service';
export { UsersService, type IssuedInvitation } from './services/users.service';
export { OrganisationService } from './services/organisation.service';
export { AccessTokenService } from './services/access-token.service';
export { PASSWORD_MIN_LENGTH, passwordProblems } from './services/password.service';
export { UserEntity, OrganisationEntity };

/** The entities this lib adds to the node's schema. */
export const identityEntities = [
  OrganisationEntity,
  UserEntity,
  SessionEntity,
  RefreshTokenEntity,
  InvitationEntity,
  SignInThrottleEntity,
  SigningKeyEntity,
];

/** The GraphQL resolvers this lib contributes, for printing the schema without a database. */
export const identityResolvers = [AuthResolver, UsersResolver];
