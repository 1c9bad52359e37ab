import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An Ed25519 key the node signs access tokens with. Keys are in the database so that several
 * server processes share them. Retired keys still verify tokens issued before retirement.
 */
@Entity({ name: 'auth_signing_key' })
@Index('ux_auth_signing_key_kid', ['kid'], { unique: true })
export class SigningKeyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_auth_signing_key' })
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
}
