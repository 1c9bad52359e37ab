import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PublishedKey } from '../protocol/vocabulary';

/**
 * This node's place in the network (one row): the hub it joined and the keys pinned then, the
 * newest verified directory, and its rule for approving followers.
 */
@Entity({ name: 'federation_network' })
export class NetworkStateEntity {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_federation_network' })
  id!: number;

  @Column({ name: 'hub_actor', type: 'text', nullable: true })
  hubActor!: string | null;

  @Column({ name: 'hub_inbox', type: 'text', nullable: true })
  hubInbox!: string | null;

  /** The hub's ODS code and name, from its actor document when this node joined. */
  @Column({ name: 'hub_ods_code', type: 'text', nullable: true })
  hubOdsCode!: string | null;

  @Column({ name: 'hub_name', type: 'text', nullable: true })
  hubName!: string | null;

  /** The hub's public keys, pinned when this node joined; replaced only by a verified directory. */
  @Column({ name: 'hub_keys', type: 'jsonb', default: () => "'[]'" })
  hubKeys!: PublishedKey[];

  @Column({ name: 'join_requested_at', type: 'timestamptz', nullable: true })
  joinRequestedAt!: Date | null;

  /** The newest directory, as the hub signed it (compact JWS), and its version. */
  @Column({ name: 'directory_jws', type: 'text', nullable: true })
  directoryJws!: string | null;

  @Column({ name: 'directory_version', type: 'integer', default: 0 })
  directoryVersion!: number;

  /** Follow requests from directory members of these roles are accepted without a person. */
  @Column({ name: 'auto_approve_roles', type: 'text', array: true, default: () => "'{hub}'" })
  autoApproveRoles!: string[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
