import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@lessons-network/common';
import { NodeConfig } from '@lessons-network/config';
import { Public, SignedIn } from '../auth/access-policy.decorator';
import { PublicDoor } from '../auth/gql-throttler.guard';
import { Ctx } from '../auth/request-context.decorator';
import {
  AcceptInvitationInput,
  ChangePasswordInput,
  RefreshSessionInput,
  SignInInput,
} from '../dto/auth.input';
import { AuthSession, NodeInfoModel } from '../models/auth-session.model';
import { UserModel } from '../models/user.model';
import { AuthService, type IssuedSession } from '../services/auth.service';
import { UsersService } from '../services/users.service';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly config: NodeConfig,
  ) {}

  @Public()
  @Query(() => NodeInfoModel, { description: 'Public facts about this node. Anyone may ask.' })
  nodeInfo(): NodeInfoModel {
    return Object.assign(new NodeInfoModel(), {
      odsCode: this.config.odsCode,
      organisationName: this.config.organisationName,
      role: this.config.role,
      baseUrl: this.config.baseUrl,
    });
  }

  @SignedIn()
  @Query(() => UserModel, { description: 'The signed-in user. Any signed-in user.' })
  async me(@Ctx() ctx: RequestContext): Promise<UserModel> {
    return UserModel.from(await this.users.me(ctx));
  }

  @PublicDoor()
  @Mutation(() => AuthSession, {
    description: 'Sign in with e-mail and password. Anyone; limited per address and per account.',
  })
  async signIn(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SignInInput,
  ): Promise<AuthSession> {
    return toModel(await this.auth.signIn(ctx, input.email, input.password));
  }

  @PublicDoor()
  @Mutation(() => AuthSession, {
    description:
      'Exchange a refresh token for a new access and refresh token. Anyone holding one; each works once.',
  })
  async refreshSession(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RefreshSessionInput,
  ): Promise<AuthSession> {
    return toModel(await this.auth.refresh(ctx, input.refreshToken));
  }

  @SignedIn()
  @Mutation(() => Boolean, {
    description:
      'End this session (or every session of yours with allSessions). Any signed-in user.',
  })
  async signOut(
    @Ctx() ctx: RequestContext,
    @Args('allSessions', {
      defaultValue: false,
      description: 'End every session of yours, not only this one.',
    })
    allSessions: boolean,
  ): Promise<boolean> {
    await this.auth.signOut(ctx, allSessions);
    return true;
  }

  @PublicDoor()
  @Mutation(() => UserModel, {
    description:
      'Set your password through an invitation link; the account becomes active. Anyone holding a link.',
  })
  async acceptInvitation(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AcceptInvitationInput,
  ): Promise<UserModel> {
    return UserModel.from(await this.auth.acceptInvitation(ctx, input.token, input.password));
  }

  @SignedIn()
  @Mutation(() => Boolean, {
    description: 'Change your own password; your other sessions end. Any signed-in user.',
  })
  async changePassword(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ChangePasswordInput,
  ): Promise<boolean> {
    await this.auth.changePassword(ctx, input.currentPassword, input.newPassword);
    return true;
  }
}

function toModel(session: IssuedSession): AuthSession {
  return Object.assign(new AuthSession(), {
    accessToken: session.accessToken,
    accessTokenExpiresAt: session.accessTokenExpiresAt,
    refreshToken: session.refreshToken,
    refreshTokenExpiresAt: session.refreshTokenExpiresAt,
    user: UserModel.from(session.user),
  });
}
