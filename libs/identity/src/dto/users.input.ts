import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { HasText, PageArgs } from '@lessons-network/common';
import { Role, UserStatus } from '../role';

@InputType({ description: 'A new user of your organisation.' })
export class CreateUserInput {
  @Field({ description: 'E-mail address the user will sign in with.' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email!: string;

  @Field({ description: 'Name shown to colleagues.' })
  @IsString()
  @Length(1, 200)
  @HasText(1)
  displayName!: string;

  @Field(() => [Role], { description: 'Roles to give the user; at least one.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @IsEnum(Role, { each: true })
  roles!: Role[];
}

@InputType({ description: "Replace a user's roles." })
export class SetUserRolesInput {
  @Field(() => ID, { description: 'The user.' })
  @IsUUID()
  userId!: string;

  @Field(() => [Role], { description: 'The complete new set of roles; at least one.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @IsEnum(Role, { each: true })
  roles!: Role[];
}

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => Role, { nullable: true, description: 'Only users holding this role.' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @Field(() => UserStatus, { nullable: true, description: 'Only users with this status.' })
  @IsOptional()
  @IsEnum(UserStatus)
  status?: UserStatus;

  @Field({ nullable: true, description: 'Only users whose e-mail or name contains this text.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
