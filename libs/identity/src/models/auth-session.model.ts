import { Field, ObjectType } from '@nestjs/graphql';
import { UserModel } from './user.model';

@ObjectType({ description: 'Tokens of a signed-in session.' })
export class AuthSession {
  @Field({ description: 'Short-lived bearer token for the Authorization header (JWT, EdDSA).' })
  accessToken!: string;

  @Field({ description: 'When the access token expires.' })
  accessTokenExpiresAt!: Date;

  @Field({ description: 'One-time token to get a new pair with refreshSession. Keep it secret.' })
  refreshToken!: string;

  @Field({ description: 'When the refresh token expires.' })
  refreshTokenExpiresAt!: Date;

  @Field(() => UserModel, { description: 'The signed-in user.' })
  user!: UserModel;
}

@ObjectType({ description: 'A one-time link for a user to set their password.' })
export class UserInvitation {
  @Field(() => UserModel, { description: 'The invited user.' })
  user!: UserModel;

  @Field({ description: 'The secret token of the link; pass it to acceptInvitation.' })
  token!: string;

  @Field({ description: 'The link to send to the user (by a channel you trust).' })
  url!: string;

  @Field({ description: 'When the link stops working.' })
  expiresAt!: Date;
}

@ObjectType({ description: 'Public facts about this node.' })
export class NodeInfoModel {
  @Field({ description: 'ODS code of the organisation running the node.' })
  odsCode!: string;

  @Field({ description: 'Name of the organisation running the node.' })
  organisationName!: string;

  @Field({ description: 'Kind of node: trust, commissioner, regulator or hub.' })
  role!: string;

  @Field({ description: 'Public base URL of the node.' })
  baseUrl!: string;
}
