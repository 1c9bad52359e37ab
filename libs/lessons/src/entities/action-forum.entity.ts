import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A forum that tracks actions (PSP, QSSG, Trust forum …), per organisation. */
@Entity({ name: 'action_forum' })
@Index('ux_action_forum_org_name', ['organisationId', 'name'], { unique: true })
export class ActionForumEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_action_forum' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
