import { Field, ID, ObjectType } from '@nestjs/graphql';
import { LessonTemplate } from '../domain/templates';

@ObjectType('TaxonomyValue', {
  description: 'One value of a classification, with its label and national code.',
})
export class TaxonomyValueModel {
  @Field({ description: 'The GraphQL enum value, e.g. MODERATE.' })
  value!: string;

  @Field({ description: 'Label shown to people.' })
  label!: string;

  @Field(() => String, {
    nullable: true,
    description: 'National code (LFPSE), where there is one.',
  })
  code!: string | null;
}

@ObjectType('Taxonomy', {
  description: 'Every classification a lesson uses, for forms and filters.',
})
export class TaxonomyModel {
  @Field(() => [TaxonomyValueModel], { description: 'LFPSE CL001 event types.' })
  eventTypes!: TaxonomyValueModel[];

  @Field(() => [TaxonomyValueModel], { description: 'LFPSE OT001 physical harm.' })
  physicalHarms!: TaxonomyValueModel[];

  @Field(() => [TaxonomyValueModel], { description: 'LFPSE OT002 psychological harm.' })
  psychologicalHarms!: TaxonomyValueModel[];

  @Field(() => [TaxonomyValueModel], { description: 'LFPSE service areas.' })
  careSettings!: TaxonomyValueModel[];

  @Field(() => [TaxonomyValueModel], { description: 'Sources of learning.' })
  learningSources!: TaxonomyValueModel[];

  @Field(() => [TaxonomyValueModel], { description: 'SEIPS contributory factors.' })
  contributoryFactors!: TaxonomyValueModel[];
}

@ObjectType('TemplateSection', { description: 'A named section of a template.' })
export class TemplateSectionModel {
  @Field({ description: 'Key used in inputs.' })
  key!: string;

  @Field({ description: 'Heading.' })
  label!: string;

  @Field({ description: 'Prompt for the writer.' })
  help!: string;

  @Field({ description: 'Needed before submitting.' })
  required!: boolean;
}

@ObjectType('LessonTemplateInfo', { description: 'A template and its sections.' })
export class LessonTemplateModel {
  @Field(() => LessonTemplate, { description: 'The template.' })
  template!: LessonTemplate;

  @Field({ description: 'Name shown to people.' })
  label!: string;

  @Field({ description: 'What it is for.' })
  description!: string;

  @Field(() => [TemplateSectionModel], { description: 'Sections, in order.' })
  sections!: TemplateSectionModel[];
}

@ObjectType('ActionForum', { description: 'A forum that tracks actions.' })
export class ActionForumModel {
  @Field(() => ID, { description: 'Forum id.' })
  id!: string;

  @Field({ description: 'Name.' })
  name!: string;
}
