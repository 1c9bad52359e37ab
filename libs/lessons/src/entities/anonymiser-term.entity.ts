import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The node's word lists: terms always redacted (local wards, teams, staff) and never flagged. */
@Entity({ name: 'anonymiser_term' })
@Index('ux_anonymiser_term_org_term', ['organisationId', 'term'], { unique: true })
@Check('ck_anonymiser_term_kind', "kind IN ('always', 'never')")
export class AnonymiserTermEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_anonymiser_term' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  /** Stored lower-cased; matched as whole words in any case. */
  @Column({ type: 'text' })
  term!: string;

  @Column({ type: 'text' })
  kind!: 'always' | 'never';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
