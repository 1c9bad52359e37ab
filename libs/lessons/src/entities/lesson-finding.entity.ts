import {
  Check,
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
 * An identifier the anonymiser found in one free-text field of a lesson, and the reviewer's
 * decision on it. `fieldHash` is the SHA-256 of the field's text when it was scanned: a finding of
 * a field whose text has changed since is stale. Local to this node: never federated.
 */
@Entity({ name: 'lesson_finding' })
@Index('ix_lesson_finding_lesson', ['lessonId', 'field'])
@Check('ck_lesson_finding_status', "status IN ('open', 'accepted', 'dismissed')")
export class LessonFindingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_lesson_finding' })
  id!: string;

  @Column({ name: 'lesson_id', type: 'uuid' })
  lessonId!: string;

  @ManyToOne(() => LessonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'fk_lesson_finding_lesson' })
  lesson?: LessonEntity;

  /** Which field: title, summary, sections.<key>, keyLearningPoints.<n>, specialty, actions.<id>.<field>. */
  @Column({ type: 'text' })
  field!: string;

  @Column({ name: 'field_hash', type: 'text' })
  fieldHash!: string;

  @Column({ name: 'start_offset', type: 'integer' })
  start!: number;

  @Column({ name: 'end_offset', type: 'integer' })
  end!: number;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  rule!: string;

  @Column({ type: 'real' })
  confidence!: number;

  /** open | accepted (redacted in what is shared) | dismissed (a false alarm, with a reason) */
  @Column({ type: 'text', default: 'open' })
  status!: 'open' | 'accepted' | 'dismissed';

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
