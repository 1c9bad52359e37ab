import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '@lessons-network/common';
import type { UserEntity } from '../entities/user.entity';
import { Role, UserStatus } from '../role';

@ObjectType('User', { description: 'A person who signs in to this node.' })
export class UserModel {
  @Field(() => ID, { description: 'Identifier of the user.' })
  id!: string;

  @Field({ description: 'E-mail address, lower case; used to sign in.' })
  email!: string;

  @Field({ description: 'Name shown to colleagues.' })
  displayName!: string;

  @Field(() => [Role], { description: 'What the user may do.' })
  roles!: Role[];

  @Field(() => UserStatus, { description: 'Whether the user can sign in.' })
  status!: UserStatus;

  /** Resolved by a field resolver; not a column copy. */
  organisationId!: string;

  @Field({ description: 'When the account was created.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the user last signed in, if ever.' })
  lastSignInAt!: Date | null;

  /** The fields a client may see; the password hash and identity-provider subject never leave. */
  static from(entity: UserEntity): UserModel {
    return Object.assign(new UserModel(), {
      id: entity.id,
      email: entity.email,
      displayName: entity.displayName,
      roles: entity.roles,
      status: entity.status,
      organisationId: entity.organisationId,
      createdAt: entity.createdAt,
      lastSignInAt: entity.lastSignInAt,
    });
  }
}

@ObjectType({ description: 'One user in a page of users.' })
export class UserEdge {
  @Field({ description: 'Cursor of this user in the list.' })
  cursor!: string;

  @Field(() => UserModel, { description: 'The user.' })
  node!: UserModel;
}

@ObjectType({ description: 'A page of users.' })
export class UserConnection {
  @Field(() => [UserEdge], { description: 'The users on this page.' })
  edges!: UserEdge[];

  @Field(() => PageInfo, { description: 'Where this page ends.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many users match the filter in all.' })
  totalCount!: number | Promise<number>;
}
