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

/**
 * Something the author knows identifies a person in the lesson (the patient's name, NHS number, a
 * member of staff). Used to scrub every form of it; kept only on this node, never federated, never
 * logged, and deleted when the lesson is published.
 */
@Entity({ name: 'lesson_known_identifier' })
@Index('ix_lesson_known_identifier_lesson', ['lessonId'])
export class LessonKnownIdentifierEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_lesson_known_identifier' })
  id!: string;

  @Column({ name: 'lesson_id', type: 'uuid' })
  lessonId!: string;

  @ManyToOne(() => LessonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'fk_lesson_known_identifier_lesson' })
  lesson?: LessonEntity;

  /** A FindingType: NAME, STAFF_NAME, NHS_NUMBER, HOSPITAL_NUMBER … */
  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  value!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
