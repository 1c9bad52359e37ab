import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LessonEntity } from './lesson.entity';

/** The text (as a SHA-256) of each shared field of a lesson when it was last scanned for identifiers. */
@Entity({ name: 'lesson_scan' })
export class LessonScanEntity {
  @PrimaryColumn({ name: 'lesson_id', type: 'uuid', primaryKeyConstraintName: 'pk_lesson_scan' })
  lessonId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_lesson_scan' })
  field!: string;

  @ManyToOne(() => LessonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id', foreignKeyConstraintName: 'fk_lesson_scan_lesson' })
  lesson?: LessonEntity;

  @Column({ name: 'field_hash', type: 'text' })
  fieldHash!: string;

  /** SHA-256 of the known identifiers the scan used: adding one makes every field stale. */
  @Column({ name: 'known_hash', type: 'text' })
  knownHash!: string;
}
