import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditModule } from '@lessons-network/audit';
import { NodeConfig } from '@lessons-network/config';
import { AccessGuard } from './auth/access.guard';
import { GqlThrottlerGuard, PUBLIC_DOOR_THROTTLER } from './auth/gql-throttler.guard';
import { AuthResolver } from './resolvers/auth.resolver';
import { UsersResolver } from './resolvers/users.resolver';
import { AccessTokenService } from './services/access-token.service';
import { AuthService } from './services/auth.service';
import { OrganisationService } from './services/organisation.service';
import { PasswordService } from './services/password.service';
import { UsersService } from './services/users.service';

/**
 * Organisations, users, roles, sign-in and sessions. Installs the global {@link AccessGuard}: every
 * resolver and route of the node must declare who may call it.
 */
@Module({
  imports: [
    AuditModule,
    ThrottlerModule.forRootAsync({
      inject: [NodeConfig],
      useFactory: (config: NodeConfig) => ({
        throttlers: [
          { name: PUBLIC_DOOR_THROTTLER, ttl: 60_000, limit: config.signInRateLimitPerMinute },
        ],
      }),
    }),
  ],
  providers: [
    PasswordService,
    AccessTokenService,
    AuthService,
    OrganisationService,
    UsersService,
    AuthResolver,
    UsersResolver,
    GqlThrottlerGuard,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, UsersService, OrganisationService, AccessTokenService],
})
export class IdentityModule {}
