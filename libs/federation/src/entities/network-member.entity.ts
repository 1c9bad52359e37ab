import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PublishedKey } from '../protocol/vocabulary';

export type MemberStatus = 'pending' | 'approved' | 'rejected' | 'removed';

/**
 * A node of the network. On the hub: join requests and their decisions, the source of the
 * directory. On every other node: the members of the newest verified directory (all approved).
 * `fetchedKeys` are keys fetched from the member's own JWKS since (a rotation not yet listed).
 */
@Entity({ name: 'federation_member' })
@Index('ux_federation_member_actor', ['actor'], { unique: true })
@Index('ux_federation_member_ods', ['odsCode'], { unique: true })
export class NetworkMemberEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_federation_member' })
  id!: string;

  @Column({ name: 'ods_code', type: 'text' })
  odsCode!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'text' })
  inbox!: string;

  @Column({ name: 'base_url', type: 'text' })
  baseUrl!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  keys!: PublishedKey[];

  @Column({ name: 'fetched_keys', type: 'jsonb', default: () => "'[]'" })
  fetchedKeys!: PublishedKey[];

  @Column({ type: 'text' })
  status!: MemberStatus;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;
}
