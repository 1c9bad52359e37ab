import { createHash, randomBytes } from 'node:crypto';

/** A random opaque token (256 bits) and the SHA-256 hex the database keeps of it. */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Normalises an e-mail address for storage and look-up. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
