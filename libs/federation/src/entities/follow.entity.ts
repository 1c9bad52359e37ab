import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { FollowFilter } from '../protocol/vocabulary';

export type FollowStatus = 'pending' | 'accepted' | 'rejected';

/**
 * A subscription between two nodes, as each side keeps it. `direction` `in`: another node follows
 * this one (this node delivers to it); `out`: this node follows another.
 */
@Entity({ name: 'federation_follow' })
@Index('ux_federation_follow_activity', ['followActivityId'], { unique: true })
@Index('ux_federation_follow_pair', ['direction', 'actor'], { unique: true })
export class FollowEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_federation_follow' })
  id!: string;

  @Column({ type: 'text' })
  direction!: 'in' | 'out';

  /** The other node's actor: the follower (`in`) or the followed (`out`). */
  @Column({ type: 'text' })
  actor!: string;

  @Column({ name: 'ods_code', type: 'text' })
  odsCode!: string;

  @Column({ type: 'text' })
  inbox!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  filter!: FollowFilter;

  @Column({ type: 'text' })
  status!: FollowStatus;

  @Column({ name: 'follow_activity_id', type: 'text' })
  followActivityId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;
}
