import {
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** An activity this node sent, written in the same transaction as the change that caused it. */
@Entity({ name: 'federation_outbox' })
@Index('ux_federation_outbox_activity', ['activityId'], { unique: true })
export class OutboxActivityEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_federation_outbox' })
  id!: string;

  @Column({ name: 'activity_id', type: 'text' })
  activityId!: string;

  /** Strict order of writing (timestamps tie within a transaction): per-object ordering uses it. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq!: string;

  @Column({ type: 'text' })
  type!: string;

  /** The object the activity is about (lesson id, actor, directory): for per-object ordering. */
  @Column({ name: 'object_id', type: 'text' })
  objectId!: string;

  /** The exact JSON sent (the body every delivery POSTs). */
  @Column({ type: 'text' })
  body!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** `dead`: given up (a final answer, or still failing after the retry window): a dead letter. */
export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

/** One activity to one inbox, retried on its own. */
@Entity({ name: 'federation_delivery' })
@Index('ix_federation_delivery_due', ['status', 'nextAttemptAt'])
@Index('ux_federation_delivery_target', ['outboxId', 'inbox'], { unique: true })
@Index('ix_federation_delivery_inbox', ['inbox', 'status'])
export class DeliveryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_federation_delivery' })
  id!: string;

  @Column({ name: 'outbox_id', type: 'uuid' })
  outboxId!: string;

  @Column({ type: 'text' })
  inbox!: string;

  @Column({ type: 'text' })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'last_status', type: 'integer', nullable: true })
  lastStatus!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The circuit breaker of one inbox: after repeated failures nothing is sent to it for a while. */
@Entity({ name: 'federation_circuit' })
export class CircuitEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_federation_circuit' })
  inbox!: string;

  /** Failures in a row since the last success. */
  @Column({ type: 'integer', default: 0 })
  failures!: number;

  /** Times the circuit opened in a row (each time for longer). */
  @Column({ type: 'integer', default: 0 })
  openings!: number;

  @Column({ name: 'open_until', type: 'timestamptz', nullable: true })
  openUntil!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
