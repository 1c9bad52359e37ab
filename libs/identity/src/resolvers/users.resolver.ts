import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { listCost, toConnection, type RequestContext } from '@lessons-network/common';
import { Roles } from '../auth/access-policy.decorator';
import { Ctx } from '../auth/request-context.decorator';
import { CreateUserInput, SetUserRolesInput, UsersArgs } from '../dto/users.input';
import { UserInvitation } from '../models/auth-session.model';
import { OrganisationModel } from '../models/organisation.model';
import { UserConnection, UserModel } from '../models/user.model';
import { Role } from '../role';
import type { IssuedInvitation } from '../services/users.service';
import { OrganisationService } from '../services/organisation.service';
import { UsersService } from '../services/users.service';

@Resolver(() => UserModel)
export class UsersResolver {
  constructor(
    private readonly usersService: UsersService,
    private readonly organisations: OrganisationService,
  ) {}

  @Roles(Role.QUALITY_LEAD)
  @Query(() => UserConnection, {
    description: 'Users of your organisation, newest first. Quality leads.',
    complexity: listCost,
  })
  async users(@Ctx() ctx: RequestContext, @Args() args: UsersArgs): Promise<UserConnection> {
    const page = await this.usersService.listUsers(ctx, args, args.first, args.after);
    return toConnection(page, (u) => UserModel.from(u));
  }

  @Roles(Role.QUALITY_LEAD)
  @Query(() => UserModel, { description: 'One user of your organisation. Quality leads.' })
  async user(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<UserModel> {
    return UserModel.from(await this.usersService.getUser(ctx, id));
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => UserInvitation, {
    description:
      'Create a user of your organisation and get their one-time link to set a password. Quality leads.',
  })
  async createUser(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateUserInput,
  ): Promise<UserInvitation> {
    return invitationModel(await this.usersService.createUser(ctx, input));
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => UserModel, { description: "Replace a user's roles. Quality leads." })
  async setUserRoles(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SetUserRolesInput,
  ): Promise<UserModel> {
    return UserModel.from(await this.usersService.setRoles(ctx, input.userId, input.roles));
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => UserModel, {
    description: 'Disable a user and end all their sessions. Quality leads.',
  })
  async disableUser(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<UserModel> {
    return UserModel.from(await this.usersService.disableUser(ctx, id));
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => UserModel, { description: 'Re-enable a disabled user. Quality leads.' })
  async enableUser(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<UserModel> {
    return UserModel.from(await this.usersService.enableUser(ctx, id));
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => UserInvitation, {
    description:
      'A new one-time link for a user to set a password (lost invitation or forgotten password). Quality leads.',
  })
  async reissueInvitation(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<UserInvitation> {
    return invitationModel(await this.usersService.reissueInvitation(ctx, id));
  }

  @ResolveField('organisation', () => OrganisationModel, {
    description: 'The organisation the user belongs to.',
  })
  async organisation(@Parent() user: UserModel): Promise<OrganisationModel> {
    const organisation = await this.organisations.findById(user.organisationId);
    return OrganisationModel.from(organisation!);
  }
}

function invitationModel(invitation: IssuedInvitation): UserInvitation {
  return Object.assign(new UserInvitation(), {
    user: UserModel.from(invitation.user),
    token: invitation.token,
    url: invitation.url,
    expiresAt: invitation.expiresAt,
  });
}
