import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
} from 'class-validator';
import { HasText, IsCalendarDate } from '@lessons-network/common';
import { ActionStatus, ActionStrength } from '../domain/actions';

@InputType({ isAbstract: true })
abstract class ActionFieldsInput {
  @Field({ nullable: true, description: 'Who by name, if the owner role is not enough.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ownerName?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The forum that tracks the action (see actionForums).',
  })
  @IsOptional()
  @IsUUID()
  forumId?: string;
}

@InputType({ description: "A new action on a draft lesson's plan." })
export class AddActionInput extends ActionFieldsInput {
  @Field(() => ID, { description: 'The lesson.' })
  @IsUUID()
  lessonId!: string;

  @Field({ description: 'What will be done: specific, not vague. At most 1000 characters.' })
  @IsString()
  @Length(5, 1000)
  @HasText(5)
  description!: string;

  @Field({ description: 'The role that owns it, e.g. "Ward manager".' })
  @IsString()
  @Length(2, 100)
  @HasText(2)
  ownerRole!: string;

  @Field({ description: 'Due date, YYYY-MM-DD; today or later.' })
  @IsCalendarDate()
  dueDate!: string;

  @Field(() => ActionStrength, { description: 'Hierarchy of intervention effectiveness.' })
  @IsEnum(ActionStrength)
  strength!: ActionStrength;
}

@InputType({
  description: 'Changes to an action of a draft lesson. Fields left out stay as they are.',
})
export class UpdateActionInput extends ActionFieldsInput {
  @Field(() => ID, { description: 'The action.' })
  @IsUUID()
  id!: string;

  @Field(() => Int, {
    description: 'The version you edited (STALE_WRITE if it has changed since).',
  })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field({ nullable: true, description: 'What will be done.' })
  @IsOptional()
  @IsString()
  @Length(5, 1000)
  @HasText(5)
  description?: string;

  @Field({ nullable: true, description: 'The role that owns it.' })
  @IsOptional()
  @IsString()
  @Length(2, 100)
  @HasText(2)
  ownerRole?: string;

  @Field({ nullable: true, description: 'Due date, YYYY-MM-DD.' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string;

  @Field(() => ActionStrength, {
    nullable: true,
    description: 'Hierarchy of intervention effectiveness.',
  })
  @IsOptional()
  @IsEnum(ActionStrength)
  strength?: ActionStrength;
}

@InputType({
  description: 'Move an action on: start, complete (with evidence), verify or reopen it.',
})
export class SetActionStatusInput {
  @Field(() => ID, { description: 'The action.' })
  @IsUUID()
  id!: string;

  @Field(() => ActionStatus, { description: 'The new status.' })
  @IsEnum(ActionStatus)
  status!: ActionStatus;

  @Field({ nullable: true, description: 'Evidence of completion: required to complete.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  evidence?: string;
}
