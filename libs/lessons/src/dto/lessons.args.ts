import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsMonth, PageArgs } from '@lessons-network/common';
import { ActionStatus } from '../domain/actions';
import { CareSetting, EventType, LearningSource, PhysicalHarm } from '../domain/taxonomy';
import { LessonTemplate } from '../domain/templates';
import { LessonStatus } from '../domain/workflow';

@InputType({ description: 'Which lessons to list. Every field narrows the list.' })
export class LessonFilter {
  @Field(() => [LessonStatus], { nullable: true, description: 'Only these states.' })
  @IsOptional()
  @IsArray()
  @IsEnum(LessonStatus, { each: true })
  statuses?: LessonStatus[];

  @Field(() => LessonTemplate, { nullable: true, description: 'Only this template.' })
  @IsOptional()
  @IsEnum(LessonTemplate)
  template?: LessonTemplate;

  @Field(() => LearningSource, { nullable: true, description: 'Only this source of learning.' })
  @IsOptional()
  @IsEnum(LearningSource)
  learningSource?: LearningSource;

  @Field(() => EventType, { nullable: true, description: 'Only this event type.' })
  @IsOptional()
  @IsEnum(EventType)
  eventType?: EventType;

  @Field(() => [String], { nullable: true, description: 'Lessons with any of these themes.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  themes?: string[];

  @Field(() => CareSetting, { nullable: true, description: 'Only this care setting.' })
  @IsOptional()
  @IsEnum(CareSetting)
  careSetting?: CareSetting;

  @Field(() => PhysicalHarm, {
    nullable: true,
    description: 'Physical harm at this level or worse.',
  })
  @IsOptional()
  @IsEnum(PhysicalHarm)
  minimumPhysicalHarm?: PhysicalHarm;

  @Field({ nullable: true, description: 'Happened in this month (YYYY-MM) or later.' })
  @IsOptional()
  @IsMonth()
  occurredFrom?: string;

  @Field({ nullable: true, description: 'Happened in this month (YYYY-MM) or earlier.' })
  @IsOptional()
  @IsMonth()
  occurredTo?: string;

  @Field({ nullable: true, description: 'Published on or after this date (YYYY-MM-DD).' })
  @IsOptional()
  @IsCalendarDate()
  publishedFrom?: string;

  @Field({ nullable: true, description: 'Published on or before this date (YYYY-MM-DD).' })
  @IsOptional()
  @IsCalendarDate()
  publishedTo?: string;

  @Field({ nullable: true, description: 'Only lessons you wrote.' })
  @IsOptional()
  @IsBoolean()
  mine?: boolean;
}

@ArgsType()
export class LessonsArgs extends PageArgs {
  @Field(() => LessonFilter, { nullable: true, description: 'Which lessons.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LessonFilter)
  filter?: LessonFilter;
}

@InputType({ description: 'Which actions the tracker shows.' })
export class ActionFilter {
  @Field(() => [ActionStatus], { nullable: true, description: 'Only these statuses.' })
  @IsOptional()
  @IsArray()
  @IsEnum(ActionStatus, { each: true })
  statuses?: ActionStatus[];

  @Field({
    nullable: true,
    description: 'Only overdue actions (true) or only those not overdue (false).',
  })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;

  @Field({ nullable: true, description: 'Owner role or name contains this text.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  owner?: string;

  @Field(() => ID, { nullable: true, description: 'Only actions tracked by this forum.' })
  @IsOptional()
  @IsUUID()
  forumId?: string;

  @Field({ nullable: true, description: 'Due on or after (YYYY-MM-DD).' })
  @IsOptional()
  @IsCalendarDate()
  dueFrom?: string;

  @Field({ nullable: true, description: 'Due on or before (YYYY-MM-DD).' })
  @IsOptional()
  @IsCalendarDate()
  dueTo?: string;
}

@ArgsType()
export class ActionTrackerArgs extends PageArgs {
  @Field(() => ActionFilter, { nullable: true, description: 'Which actions.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ActionFilter)
  filter?: ActionFilter;
}

@ArgsType()
export class SearchLessonsArgs {
  @Field({
    description: 'Words to find; "quoted phrases", -excluded words and OR work as in web search.',
  })
  @IsString()
  @MaxLength(200)
  text!: string;

  @Field(() => LessonFilter, { nullable: true, description: 'Narrow the search.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LessonFilter)
  filter?: LessonFilter;

  @Field(() => Int, { nullable: true, description: 'How many results, 1 to 50 (default 20).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  first?: number;
}

@ArgsType()
export class SimilarLessonsArgs {
  @Field(() => ID, { nullable: true, description: 'A lesson you may see.' })
  @IsOptional()
  @IsUUID()
  lessonId?: string;

  @Field({ nullable: true, description: 'Or text of a lesson not saved yet (title, summary …).' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  text?: string;

  @Field(() => Int, { nullable: true, description: 'How many, 1 to 20 (default 5).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  first?: number;
}
