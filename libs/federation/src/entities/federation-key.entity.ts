import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An Ed25519 key this node signs federation messages with. `kid`s are never reused; retired keys
 * are still published (lessons already signed keep verifying); revoked keys are published as
 * revoked and verify nothing.
 */
@Entity({ name: 'federation_key' })
@Index('ux_federation_key_kid', ['kid'], { unique: true })
export class FederationKeyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_federation_key' })
  id!: string;

  @Column({ type: 'text' })
  kid!: string;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk!: Record<string, unknown>;

  /** Secret: never logged, never returned by any API. */
  @Column({ name: 'private_jwk', type: 'jsonb' })
  privateJwk!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
