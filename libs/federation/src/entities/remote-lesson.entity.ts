import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { LessonObject } from '../protocol/vocabulary';

/**
 * A lesson received from another node, stored from its verified payload only, with the origin's
 * JWS kept so it can be relayed and verified again. A retraction leaves a tombstone (`deletedAt`,
 * content cleared) that no late Create or Update brings back.
 */
@Entity({ name: 'federation_lesson' })
@Index('ux_federation_lesson_object', ['objectId'], { unique: true })
@Index('ix_federation_lesson_received', ['receivedAt', 'id'])
@Index('ix_federation_lesson_search', { synchronize: false })
@Index('ix_federation_lesson_unindexed', { synchronize: false })
export class RemoteLessonEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_federation_lesson' })
  id!: string;

  /** The lesson's id at its origin (a URL). */
  @Column({ name: 'object_id', type: 'text' })
  objectId!: string;

  @Column({ name: 'origin_actor', type: 'text' })
  originActor!: string;

  @Column({ name: 'origin_ods', type: 'text' })
  originOds!: string;

  @Column({ name: 'origin_name', type: 'text' })
  originName!: string;

  @Column({ type: 'integer' })
  version!: number;

  /** The verified LessonObject; null once retracted. */
  @Column({ type: 'jsonb', nullable: true })
  lesson!: LessonObject | null;

  @Column({ type: 'text', nullable: true })
  jws!: string | null;

  /** The key that verified the origin signature. */
  @Column({ type: 'text' })
  kid!: string;

  /** The node that delivered it (the origin, or the hub relaying it). */
  @Column({ name: 'via_actor', type: 'text' })
  viaActor!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  /**
   * What this node's anonymiser found in the received text (fields and types, never the text):
   * while set, the lesson is held for a quality lead and shown to nobody else. Null once released.
   */
  @Column({ type: 'jsonb', nullable: true })
  quarantine!: { field: string; type: string }[] | null;

  /** When a quality lead rejected the held version (its content is then cleared). */
  @Column({ name: 'quarantine_rejected_at', type: 'timestamptz', nullable: true })
  quarantineRejectedAt!: Date | null;

  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  search!: string | null;
}

/** What this node has shared of one of its own lessons: the version only ever increases. */
@Entity({ name: 'federation_shared_lesson' })
export class SharedLessonEntity {
  @PrimaryColumn({
    name: 'lesson_id',
    type: 'uuid',
    primaryKeyConstraintName: 'pk_federation_shared_lesson',
  })
  lessonId!: string;

  @Column({ name: 'object_id', type: 'text' })
  objectId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  audience!: 'network' | 'public';

  /** The newest signed object (lesson or tombstone). */
  @Column({ type: 'text' })
  jws!: string;

  @Column({ name: 'shared_at', type: 'timestamptz' })
  sharedAt!: Date;

  @Column({ name: 'retracted_at', type: 'timestamptz', nullable: true })
  retractedAt!: Date | null;
}
