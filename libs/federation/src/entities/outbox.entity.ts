import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An activity this node sent, written in the same transaction as the change that caused it. */
@Entity({ name: 'federation_outbox' })
@Index('ux_federation_outbox_activity', ['activityId'], { unique: true })
export class OutboxActivityEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_federation_outbox' })
  id!: string;

  @Column({ name: 'activity_id', type: 'text' })
  activityId!: string;

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

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One activity to one inbox, retried on its own. */
@Entity({ name: 'federation_delivery' })
@Index('ix_federation_delivery_due', ['status', 'nextAttemptAt'])
@Index('ux_federation_delivery_target', ['outboxId', 'inbox'], { unique: true })
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
