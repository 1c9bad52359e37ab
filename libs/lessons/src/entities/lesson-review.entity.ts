import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { LessonEntity } from './lesson.entity';

/** A reviewer's decision on a lesson, with their comments. */
@Entity({ name: 'lesson_review' })
@Index('ix_lesson_review_lesson', ['lessonId', 'createdAt'])
export class LessonReviewEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_lesson_review' })
  id!: string;

  @Column({ name: 'lesson_id', type: 'uuid' })
  lessonId!: string;

  @ManyToOne(() => LessonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'fk_lesson_review_lesson' })
  lesson?: LessonEntity;

  @Column({ name: 'reviewer_id', type: 'uuid' })
  reviewerId!: string;

  /** request_changes | approve */
  @Column({ type: 'text' })
  decision!: string;

  @Column({ type: 'text' })
  comment!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
