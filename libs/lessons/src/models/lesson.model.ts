import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '@lessons-network/common';
import { ActionStatus, ActionStrength, isOverdue, todayIso } from '../domain/actions';
import {
  CareSetting,
  ContributoryFactor,
  EventType,
  LearningSource,
  PhysicalHarm,
  PsychologicalHarm,
} from '../domain/taxonomy';
import { LessonTemplate, TEMPLATES } from '../domain/templates';
import { LessonStatus, Visibility } from '../domain/workflow';
import type { LessonActionEntity } from '../entities/lesson-action.entity';
import type { LessonReviewEntity } from '../entities/lesson-review.entity';
import type { LessonEntity } from '../entities/lesson.entity';

@ObjectType('LessonSection', { description: 'One section of the template, with its text.' })
export class LessonSectionModel {
  @Field({ description: 'Section key.' })
  key!: string;

  @Field({ description: 'Section heading.' })
  label!: string;

  @Field({ description: 'Whether the section is needed before submitting.' })
  required!: boolean;

  @Field({ description: 'The text; empty if not written yet.' })
  text!: string;
}

@ObjectType('Theme', { description: 'A theme lessons are tagged with.' })
export class ThemeModel {
  @Field({ description: 'Stable key, used in inputs and filters.' })
  key!: string;

  @Field({ description: 'Label shown to people.' })
  label!: string;
}

@ObjectType('PersonSummary', { description: 'A colleague, as shown beside their work.' })
export class PersonSummaryModel {
  @Field(() => ID, { description: 'User id.' })
  id!: string;

  @Field({ description: 'Name shown to colleagues.' })
  displayName!: string;
}

@ObjectType('LessonAction', { description: 'One action of a lesson’s action plan.' })
export class LessonActionModel {
  @Field(() => ID, { description: 'Action id.' })
  id!: string;

  @Field(() => ID, { description: 'The lesson it belongs to.' })
  lessonId!: string;

  @Field(() => Int, { description: 'Order within the plan.' })
  position!: number;

  @Field({ description: 'What will be done.' })
  description!: string;

  @Field({ description: 'The role that owns it.' })
  ownerRole!: string;

  @Field(() => String, { nullable: true, description: 'Named owner, if any.' })
  ownerName!: string | null;

  @Field({ description: 'Due date, YYYY-MM-DD.' })
  dueDate!: string;

  @Field(() => ActionStatus, { description: 'Progress.' })
  status!: ActionStatus;

  @Field({ description: 'Due date passed and not completed (derived, never stored).' })
  overdue!: boolean;

  @Field(() => String, { nullable: true, description: 'Evidence of completion.' })
  evidence!: string | null;

  @Field(() => ActionStrength, { description: 'Hierarchy of intervention effectiveness.' })
  strength!: ActionStrength;

  @Field(() => ID, { nullable: true, description: 'Forum that tracks it.' })
  forumId!: string | null;

  @Field(() => Int, { description: 'Version, for optimistic concurrency.' })
  version!: number;

  @Field(() => Date, { nullable: true, description: 'When it was completed.' })
  completedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was verified.' })
  verifiedAt!: Date | null;

  static from(entity: LessonActionEntity, today = todayIso()): LessonActionModel {
    return Object.assign(new LessonActionModel(), {
      id: entity.id,
      lessonId: entity.lessonId,
      position: entity.position,
      description: entity.description,
      ownerRole: entity.ownerRole,
      ownerName: entity.ownerName,
      dueDate: entity.dueDate,
      status: entity.status,
      overdue: isOverdue(entity.status, entity.dueDate, today),
      evidence: entity.evidence,
      strength: entity.strength,
      forumId: entity.forumId,
      version: entity.version,
      completedAt: entity.completedAt,
      verifiedAt: entity.verifiedAt,
    });
  }
}

@ObjectType('LessonReview', { description: 'A reviewer’s decision, with comments.' })
export class LessonReviewModel {
  @Field(() => ID, { description: 'Review id.' })
  id!: string;

  @Field(() => ID, { description: 'The reviewer.' })
  reviewerId!: string;

  @Field({ description: 'request_changes or approve.' })
  decision!: string;

  @Field({ description: 'The reviewer’s comments.' })
  comment!: string;

  @Field({ description: 'When.' })
  createdAt!: Date;

  static from(entity: LessonReviewEntity): LessonReviewModel {
    return Object.assign(new LessonReviewModel(), {
      id: entity.id,
      reviewerId: entity.reviewerId,
      decision: entity.decision,
      comment: entity.comment,
      createdAt: entity.createdAt,
    });
  }
}

@ObjectType('Lesson', { description: 'A lessons learned briefing.' })
export class LessonModel {
  @Field(() => ID, { description: 'Lesson id.' })
  id!: string;

  @Field(() => LessonTemplate, { description: 'The template it is written with.' })
  template!: LessonTemplate;

  @Field({ description: 'Title.' })
  title!: string;

  @Field({ description: 'Summary.' })
  summary!: string;

  @Field(() => [LessonSectionModel], {
    description: 'Every section of the template, in order, with its text.',
  })
  sections!: LessonSectionModel[];

  @Field(() => [String], { description: 'Key learning points.' })
  keyLearningPoints!: string[];

  @Field(() => LearningSource, { nullable: true, description: 'Where the learning came from.' })
  learningSource!: LearningSource | null;

  @Field(() => EventType, { nullable: true, description: 'LFPSE event type.' })
  eventType!: EventType | null;

  /** Theme keys; resolved to themes by a field resolver. */
  themeKeys!: string[];

  @Field(() => CareSetting, { nullable: true, description: 'LFPSE service area.' })
  careSetting!: CareSetting | null;

  @Field(() => String, { nullable: true, description: 'Specialty.' })
  specialty!: string | null;

  @Field(() => PhysicalHarm, { nullable: true, description: 'LFPSE OT001 physical harm.' })
  physicalHarm!: PhysicalHarm | null;

  @Field(() => PsychologicalHarm, {
    nullable: true,
    description: 'LFPSE OT002 psychological harm.',
  })
  psychologicalHarm!: PsychologicalHarm | null;

  @Field(() => [ContributoryFactor], { description: 'SEIPS contributory factors.' })
  contributoryFactors!: ContributoryFactor[];

  @Field(() => String, { nullable: true, description: 'Month it happened, YYYY-MM.' })
  occurredMonth!: string | null;

  @Field(() => LessonStatus, { description: 'Where it is in its review.' })
  status!: LessonStatus;

  @Field(() => Visibility, { description: 'Who may see it once published.' })
  visibility!: Visibility;

  @Field(() => Int, {
    description: 'Version, for optimistic concurrency: pass it back when editing.',
  })
  version!: number;

  @Field(() => PersonSummaryModel, { description: 'Who wrote it.' })
  author!: PersonSummaryModel;

  @Field({ description: 'When it was started.' })
  createdAt!: Date;

  @Field({ description: 'When it last changed.' })
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was published.' })
  publishedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was retracted.' })
  retractedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was retracted.' })
  retractionReason!: string | null;

  /** The fields a client may see, section labels from the template. `author` must be loaded. */
  static from(entity: LessonEntity): LessonModel {
    return Object.assign(new LessonModel(), {
      id: entity.id,
      template: entity.template,
      title: entity.title,
      summary: entity.summary,
      sections: TEMPLATES[entity.template].sections.map((section) => ({
        key: section.key,
        label: section.label,
        required: section.required,
        text: entity.sections[section.key] ?? '',
      })),
      keyLearningPoints: entity.keyLearningPoints,
      learningSource: entity.learningSource,
      eventType: entity.eventType,
      themeKeys: entity.themes,
      careSetting: entity.careSetting,
      specialty: entity.specialty,
      physicalHarm: entity.physicalHarm,
      psychologicalHarm: entity.psychologicalHarm,
      contributoryFactors: entity.contributoryFactors,
      occurredMonth: entity.occurredMonth ? entity.occurredMonth.slice(0, 7) : null,
      status: entity.status,
      visibility: entity.visibility,
      version: entity.version,
      author: { id: entity.authorId, displayName: entity.author?.displayName ?? '' },
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
      publishedAt: entity.publishedAt,
      retractedAt: entity.retractedAt,
      retractionReason: entity.retractionReason,
    });
  }
}

@ObjectType({ description: 'One lesson in a page of lessons.' })
export class LessonEdge {
  @Field({ description: 'Cursor of this lesson in the list.' })
  cursor!: string;

  @Field(() => LessonModel, { description: 'The lesson.' })
  node!: LessonModel;
}

@ObjectType({ description: 'A page of lessons.' })
export class LessonConnection {
  @Field(() => [LessonEdge], { description: 'The lessons on this page.' })
  edges!: LessonEdge[];

  @Field(() => PageInfo, { description: 'Where this page ends.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many lessons match in all.' })
  totalCount!: number | Promise<number>;
}

@ObjectType({ description: 'One action in a page of the tracker.' })
export class ActionEdge {
  @Field({ description: 'Cursor of this action in the list.' })
  cursor!: string;

  @Field(() => LessonActionModel, { description: 'The action.' })
  node!: LessonActionModel;
}

@ObjectType({ description: 'A page of the action tracker.' })
export class ActionConnection {
  @Field(() => [ActionEdge], { description: 'The actions on this page.' })
  edges!: ActionEdge[];

  @Field(() => PageInfo, { description: 'Where this page ends.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many actions match in all.' })
  totalCount!: number | Promise<number>;
}

@ObjectType('AuditEvent', { description: 'One step in the audit trail of a record.' })
export class AuditEventModel {
  @Field(() => ID, { description: 'Event id.' })
  id!: string;

  @Field({ description: 'What happened, e.g. lesson.submit.' })
  action!: string;

  @Field(() => ID, { nullable: true, description: 'Who did it (null: the node itself).' })
  actorUserId!: string | null;

  @Field({ description: 'When.' })
  occurredAt!: Date;

  @Field({ description: 'What changed, as JSON (free text fields are named, not copied).' })
  details!: string;
}

@ObjectType({ description: 'A lesson found by search, with the matching words marked.' })
export class LessonSearchHit {
  @Field(() => LessonModel, { description: 'The lesson.' })
  lesson!: LessonModel;

  @Field(() => Float, { description: 'Relevance: higher is better.' })
  rank!: number;

  @Field({ description: 'The title, HTML-escaped, matched words in <mark>.' })
  titleHighlight!: string;

  @Field({ description: 'The best fragments of the text, HTML-escaped, matched words in <mark>.' })
  snippet!: string;
}

@ObjectType({ description: 'Search results, best first.' })
export class LessonSearchResult {
  @Field(() => [LessonSearchHit], { description: 'The best matches.' })
  hits!: LessonSearchHit[];

  @Field({ description: 'How many of the newest matches were ranked.' })
  candidates!: number;

  @Field({
    description:
      'More lessons matched than were ranked: narrow the words or the filter to see older ones.',
  })
  truncated!: boolean;
}
