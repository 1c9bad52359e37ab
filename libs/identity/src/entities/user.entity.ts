import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Role, UserStatus } from '../role';
import { OrganisationEntity } from './organisation.entity';

/** A person who signs in to this node. */
@Entity({ name: 'app_user' })
@Check('ck_app_user_status', "status IN ('invited', 'active', 'disabled')")
@Check(
  'ck_app_user_roles',
  "cardinality(roles) > 0 AND roles <@ ARRAY['author', 'reviewer', 'quality_lead', 'viewer', 'moderator', 'citizen']::text[]",
)
@Index('ux_app_user_email', ['email'], { unique: true })
@Index('ix_app_user_organisation_created', ['organisationId', 'createdAt', 'id'])
@Index('ux_app_user_external', ['externalIssuer', 'externalSubject'], {
  unique: true,
  where: 'external_subject IS NOT NULL',
})
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_app_user' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_app_user_organisation' })
  organisation?: OrganisationEntity;

  /** Stored lower-cased and trimmed; unique. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  /** invited | active | disabled */
  @Column({ type: 'text' })
  status!: UserStatus;

  /** argon2id hash; null until the invitation is accepted, or for identity-provider-only users. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  /** OIDC seam: the identity provider (issuer URL) and subject a user may sign in with. */
  @Column({ name: 'external_issuer', type: 'text', nullable: true })
  externalIssuer!: string | null;

  @Column({ name: 'external_subject', type: 'text', nullable: true })
  externalSubject!: string | null;

  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true })
  lastSignInAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
