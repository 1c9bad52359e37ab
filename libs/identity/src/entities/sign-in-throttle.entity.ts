import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins per e-mail address, whether or not an account has it, so the answer never
 * tells whether a user exists. After repeated failures the address is locked for a growing time.
 */
@Entity({ name: 'sign_in_throttle' })
export class SignInThrottleEntity {
  /** SHA-256 of the normalised e-mail address (the address itself is not kept here). */
  @PrimaryColumn({
    name: 'email_hash',
    type: 'text',
    primaryKeyConstraintName: 'pk_sign_in_throttle',
  })
  emailHash!: string;

  @Column({ type: 'integer', default: 0 })
  failures!: number;

  @Column({ name: 'last_failure_at', type: 'timestamptz' })
  lastFailureAt!: Date;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;
}
