import { NodeRole } from '@lessons-network/config';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** An organisation known to this node: its own (`isLocal`) and, later, federation peers. */
@Entity({ name: 'organisation' })
@Check('ck_organisation_role', "role IN ('trust', 'commissioner', 'regulator', 'hub')")
@Index('ux_organisation_ods_code', ['odsCode'], { unique: true })
@Index('ux_organisation_local', ['isLocal'], { unique: true, where: 'is_local' })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_organisation' })
  id!: string;

  @Column({ name: 'ods_code', type: 'text' })
  odsCode!: string;

  @Column({ type: 'text' })
  name!: string;

  /** trust | commissioner | regulator | hub */
  @Column({ type: 'text' })
  role!: NodeRole;

  /** True for the organisation that runs this node; exactly one row has it. */
  @Column({ name: 'is_local', type: 'boolean', default: false })
  isLocal!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
