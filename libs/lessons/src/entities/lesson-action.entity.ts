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
import type { ActionStatus, ActionStrength } from '../domain/actions';
import { ActionForumEntity } from './action-forum.entity';
import { LessonEntity } from './lesson.entity';

/** One action of a lesson's action plan. */
@Entity({ name: 'lesson_action' })
@Index('ix_lesson_action_lesson', ['lessonId', 'position'])
@Index('ix_lesson_action_tracker', ['organisationId', 'status', 'dueDate'])
@Check('ck_lesson_action_status', "status IN ('planned', 'in_progress', 'completed', 'verified')")
@Check('ck_lesson_action_strength', "strength IN ('strong', 'intermediate', 'weak')")
export class LessonActionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_lesson_action' })
  id!: string;

  @Column({ name: 'lesson_id', type: 'uuid' })
  lessonId!: string;

  @ManyToOne(() => LessonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'fk_lesson_action_lesson' })
  lesson?: LessonEntity;

  /** Copied from the lesson, so the tracker filters without a join. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  /** Order within the lesson's plan. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  description!: string;

  /** The role that owns it, e.g. "Ward manager, Ward 7" or "Head of Nursing". */
  @Column({ name: 'owner_role', type: 'text' })
  ownerRole!: string;

  @Column({ name: 'owner_name', type: 'text', nullable: true })
  ownerName!: string | null;

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ type: 'text' })
  status!: ActionStatus;

  @Column({ type: 'text', nullable: true })
  evidence!: string | null;

  @Column({ type: 'text' })
  strength!: ActionStrength;

  @Column({ name: 'forum_id', type: 'uuid', nullable: true })
  forumId!: string | null;

  @ManyToOne(() => ActionForumEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'forum_id', foreignKeyConstraintName: 'fk_lesson_action_forum' })
  forum?: ActionForumEntity;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;
}
