import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength, MinLength } from 'class-validator';

@InputType({ description: 'E-mail address and password.' })
export class SignInInput {
  @Field({ description: 'E-mail address of the account.' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email!: string;

  @Field({ description: 'Password.' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

@InputType({ description: 'A refresh token to exchange for a new pair.' })
export class RefreshSessionInput {
  @Field({ description: 'The refresh token from signIn or the last refreshSession.' })
  @IsString()
  @Length(16, 256)
  refreshToken!: string;
}

@InputType({ description: 'Set a password through an invitation link.' })
export class AcceptInvitationInput {
  @Field({ description: 'The token from the invitation link.' })
  @IsString()
  @Length(16, 256)
  token!: string;

  @Field({ description: 'The new password: at least 12 characters.' })
  @IsString()
  @MaxLength(256)
  password!: string;
}

@InputType({ description: 'Change your own password.' })
export class ChangePasswordInput {
  @Field({ description: 'Your current password.' })
  @IsString()
  @MaxLength(256)
  currentPassword!: string;

  @Field({ description: 'The new password: at least 12 characters.' })
  @IsString()
  @MaxLength(256)
  newPassword!: string;
}
