import { OrganisationEntity, UserEntity } from '@lessons-network/identity';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type {
  CareSetting,
  ContributoryFactor,
  EventType,
  LearningSource,
  PhysicalHarm,
  PsychologicalHarm,
} from '../domain/taxonomy';
import type { LessonTemplate } from '../domain/templates';
import type { LessonStatus, Visibility } from '../domain/workflow';

/** A lessons learned briefing of this node's organisation. */
@Entity({ name: 'lesson' })
@Index('ix_lesson_org_created', ['organisationId', 'createdAt', 'id'])
@Index('ix_lesson_org_status', ['organisationId', 'status'])
@Index('ix_lesson_author', ['authorId'])
// GIN index over `search`, created by a migration (TypeORM cannot express GIN): not synchronised.
@Index('ix_lesson_search', { synchronize: false })
@Index('ix_lesson_themes', { synchronize: false })
@Check(
  'ck_lesson_status',
  "status IN ('draft', 'in_review', 'changes_requested', 'approved', 'published', 'retracted')",
)
@Check('ck_lesson_visibility', "visibility IN ('internal', 'network', 'public')")
@Check('ck_lesson_occurred_month', 'occurred_month IS NULL OR extract(day FROM occurred_month) = 1')
export class LessonEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_lesson' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_lesson_organisation' })
  organisation?: OrganisationEntity;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_lesson_author' })
  author?: UserEntity;

  @Column({ type: 'text' })
  template!: LessonTemplate;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  summary!: string;

  /** Template sections by key. */
  @Column({ type: 'jsonb' })
  sections!: Record<string, string>;

  @Column({ name: 'key_learning_points', type: 'text', array: true })
  keyLearningPoints!: string[];

  @Column({ name: 'learning_source', type: 'text', nullable: true })
  learningSource!: LearningSource | null;

  @Column({ name: 'event_type', type: 'text', nullable: true })
  eventType!: EventType | null;

  /** Theme keys (table `theme`). */
  @Column({ type: 'text', array: true })
  themes!: string[];

  @Column({ name: 'care_setting', type: 'text', nullable: true })
  careSetting!: CareSetting | null;

  @Column({ type: 'text', nullable: true })
  specialty!: string | null;

  @Column({ name: 'physical_harm', type: 'text', nullable: true })
  physicalHarm!: PhysicalHarm | null;

  @Column({ name: 'psychological_harm', type: 'text', nullable: true })
  psychologicalHarm!: PsychologicalHarm | null;

  @Column({ name: 'contributory_factors', type: 'text', array: true })
  contributoryFactors!: ContributoryFactor[];

  /** The month it happened (first day of the month); never an exact date. */
  @Column({ name: 'occurred_month', type: 'date', nullable: true })
  occurredMonth!: string | null;

  @Column({ type: 'text' })
  status!: LessonStatus;

  @Column({ type: 'text' })
  visibility!: Visibility;

  /** Incremented on every change; a write naming an older version is refused. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'retracted_at', type: 'timestamptz', nullable: true })
  retractedAt!: Date | null;

  @Column({ name: 'retraction_reason', type: 'text', nullable: true })
  retractionReason!: string | null;

  /**
   * Full-text search vector (English): title (weight A), summary and learning points (B), sections
   * (C). Kept by a trigger, never written by the application, never selected by default.
   */
  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  search?: string | null;
}
