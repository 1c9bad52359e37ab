import { Injectable, type OnModuleInit } from '@nestjs/common';
import * as argon2 from 'argon2';
import { IdentityErrorCode, IdentityException } from '../identity.exception';

/** OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane. */
const HASH_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * What a password lacks under the policy ([] when it is acceptable). Pure, so a terminal prompt can
 * check a password before asking for it a second time.
 */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH)
    problems.push(`at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH)
    problems.push(`at most ${PASSWORD_MAX_LENGTH} characters`);
  if (new Set(password).size < 5) problems.push('at least 5 different characters');
  if (email && password.toLowerCase().includes(email.split('@')[0].toLowerCase())) {
    problems.push('no part of your e-mail address');
  }
  return problems;
}

/** Hashes and checks passwords with argon2id; applies the password policy. */
@Injectable()
export class PasswordService implements OnModuleInit {
  private dummyHash = '';

  async onModuleInit(): Promise<void> {
    // Verified against when the user does not exist, so both paths take the same time.
    this.dummyHash = await argon2.hash('not-a-password-of-anyone', HASH_OPTIONS);
  }

  /** Throws WEAK_PASSWORD when the password breaks the policy. */
  assertAcceptable(password: string, email?: string): void {
    const problems = passwordProblems(password, email);
    if (problems.length > 0) {
      throw new IdentityException(
        IdentityErrorCode.WeakPassword,
        `The password needs ${problems.join(', ')}`,
        {
          rules: problems,
        },
      );
    }
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, HASH_OPTIONS);
  }

  /** Checks a password; with no hash it checks a dummy so timing does not reveal the account. */
  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) {
      await argon2.verify(this.dummyHash, password).catch(() => false);
      return false;
    }
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }
}
