import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { FindingType } from '@lessons-network/anonymiser';
import { HasText, IsMonth } from '@lessons-network/common';
import {
  CareSetting,
  ContributoryFactor,
  EventType,
  LearningSource,
  PhysicalHarm,
  PsychologicalHarm,
} from '../domain/taxonomy';
import { LessonTemplate, SECTION_MAX_LENGTH } from '../domain/templates';
import { Visibility } from '../domain/workflow';

export const LIMITS = {
  title: 200,
  summary: 2000,
  learningPoint: 500,
  learningPoints: 20,
  themes: 10,
  specialty: 100,
  comment: 5000,
} as const;

@InputType({ description: 'The text of one template section.' })
export class LessonSectionInput {
  @Field({ description: 'Section key, as listed by the template.' })
  @IsString()
  @Length(1, 64)
  key!: string;

  @Field({ description: `Section text, at most ${SECTION_MAX_LENGTH} characters.` })
  @IsString()
  @MaxLength(SECTION_MAX_LENGTH)
  text!: string;
}

/** Fields shared by creating and editing a lesson. */
@InputType({ isAbstract: true })
abstract class LessonFieldsInput {
  @Field({ nullable: true, description: `Summary, at most ${LIMITS.summary} characters.` })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.summary)
  summary?: string;

  @Field(() => [LessonSectionInput], {
    nullable: true,
    description: "The template's sections (all of them replace the old).",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => LessonSectionInput)
  sections?: LessonSectionInput[];

  @Field(() => [String], {
    nullable: true,
    description: `Key learning points, at most ${LIMITS.learningPoints}.`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.learningPoints)
  @IsString({ each: true })
  @MaxLength(LIMITS.learningPoint, { each: true })
  keyLearningPoints?: string[];

  @Field(() => LearningSource, { nullable: true, description: 'Where the learning came from.' })
  @IsOptional()
  @IsEnum(LearningSource)
  learningSource?: LearningSource;

  @Field(() => EventType, { nullable: true, description: 'LFPSE event type.' })
  @IsOptional()
  @IsEnum(EventType)
  eventType?: EventType;

  @Field(() => [String], { nullable: true, description: 'Theme keys (see the themes query).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.themes)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  themes?: string[];

  @Field(() => CareSetting, { nullable: true, description: 'LFPSE service area.' })
  @IsOptional()
  @IsEnum(CareSetting)
  careSetting?: CareSetting;

  @Field({
    nullable: true,
    description: `Specialty, e.g. "Emergency medicine"; at most ${LIMITS.specialty} characters.`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.specialty)
  specialty?: string;

  @Field(() => PhysicalHarm, { nullable: true, description: 'LFPSE OT001 physical harm.' })
  @IsOptional()
  @IsEnum(PhysicalHarm)
  physicalHarm?: PhysicalHarm;

  @Field(() => PsychologicalHarm, {
    nullable: true,
    description: 'LFPSE OT002 psychological harm.',
  })
  @IsOptional()
  @IsEnum(PsychologicalHarm)
  psychologicalHarm?: PsychologicalHarm;

  @Field(() => [ContributoryFactor], { nullable: true, description: 'SEIPS contributory factors.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @IsEnum(ContributoryFactor, { each: true })
  contributoryFactors?: ContributoryFactor[];

  @Field({
    nullable: true,
    description: 'The month it happened, as YYYY-MM (never an exact date).',
  })
  @IsOptional()
  @IsMonth()
  occurredMonth?: string;

  @Field(() => Visibility, {
    nullable: true,
    description: 'Who may see it once published. Only INTERNAL for now.',
  })
  @IsOptional()
  @IsEnum(Visibility)
  visibility?: Visibility;
}

@InputType({ description: 'A new draft lesson. Only the template and title are needed to start.' })
export class CreateLessonInput extends LessonFieldsInput {
  @Field(() => LessonTemplate, { description: 'The template to write with.' })
  @IsEnum(LessonTemplate)
  template!: LessonTemplate;

  @Field({ description: `Title, at most ${LIMITS.title} characters.` })
  @IsString()
  @Length(3, LIMITS.title)
  @HasText(3)
  title!: string;

  @Field(() => [KnownIdentifierInput], {
    nullable: true,
    description:
      'The people and places involved (patient, relatives, staff, places), named at the start: every form of them in any field is found by the anonymiser, and they are erased when the lesson is published. At most 50.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => KnownIdentifierInput)
  knownIdentifiers?: KnownIdentifierInput[];
}

@InputType({
  description:
    'Someone or something the lesson is about, named up front so that every form of it is found and redacted (the patient, relatives, staff, places).',
})
export class KnownIdentifierInput {
  @Field(() => FindingType, {
    description: 'What kind: NAME (patient, relative), STAFF_NAME, PLACE, NHS_NUMBER …',
  })
  @IsEnum(FindingType)
  type!: FindingType;

  @Field({ description: 'The value, e.g. the patient’s full name.' })
  @IsString()
  @Length(2, 200)
  @HasText(2)
  value!: string;
}

@InputType({ description: 'Changes to a draft lesson. Fields left out stay as they are.' })
export class UpdateLessonInput extends LessonFieldsInput {
  @Field(() => ID, { description: 'The lesson.' })
  @IsUUID()
  id!: string;

  @Field(() => Int, {
    description:
      'The version you edited; a newer one on the server refuses the change (STALE_WRITE).',
  })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field({ nullable: true, description: `Title, at most ${LIMITS.title} characters.` })
  @IsOptional()
  @IsString()
  @Length(3, LIMITS.title)
  @HasText(3)
  title?: string;
}

@InputType({ description: 'A workflow step on a lesson, with a comment where the step needs one.' })
export class LessonStepInput {
  @Field(() => ID, { description: 'The lesson.' })
  @IsUUID()
  id!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'If given, the step is refused when the lesson has changed since.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @Field({
    nullable: true,
    description: `Comment: needed to request changes and to retract; at most ${LIMITS.comment} characters.`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.comment)
  comment?: string;
}
