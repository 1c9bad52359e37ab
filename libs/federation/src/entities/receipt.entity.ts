import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * An activity received and acted on, per sender: written with its effect, so a redelivery has
 * none. Ids are the sender's (under its base URL): one sender cannot spend another's.
 */
@Entity({ name: 'federation_receipt' })
export class ReceiptEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_federation_receipt' })
  actor!: string;

  @PrimaryColumn({
    name: 'activity_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_federation_receipt',
  })
  activityId!: string;

  @Column({ type: 'text' })
  type!: string;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}

/** A hop token id, remembered until the token expires so it is never accepted twice. */
@Entity({ name: 'federation_hop_token' })
export class HopTokenEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_federation_hop_token' })
  jti!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
