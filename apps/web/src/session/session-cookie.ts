/**
 * The browser's sign-in session: the node's access and refresh tokens in one httpOnly cookie
 * (SameSite=Lax, Secure and `__Host-` prefixed when the node's BASE_URL is https). Nothing of it is
 * readable by a script in the page. Pure functions, unit-tested beside this file.
 */

/** The tokens a browser session holds. */
export interface SessionTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
}

/** What the web UI reads from an access token without verifying it (the API verifies it). */
export interface AccessClaims {
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
  /** The node's session id: stable across refreshes, so CSRF tokens survive them. */
  readonly sid: string;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const OPAQUE = /^[A-Za-z0-9_-]{16,256}$/;
const SEPARATOR = '~';

/** Cookie names: `__Host-` (Secure, path /, no Domain) when the node is reached over https. */
export function cookieNames(secure: boolean): { session: string; csrf: string; pre: string } {
  const prefix = secure ? '__Host-' : '';
  return { session: `${prefix}ln-session`, csrf: `${prefix}ln-csrf`, pre: `${prefix}ln-pre` };
}

export function encodeSession(tokens: SessionTokens): string {
  return `${tokens.accessToken}${SEPARATOR}${tokens.refreshToken}`;
}

/** The tokens in a session cookie's value, or undefined when it is not one. */
export function decodeSession(value: unknown): SessionTokens | undefined {
  if (typeof value !== 'string' || value.length > 8192) return undefined;
  const [accessToken, refreshToken, ...rest] = value.split(SEPARATOR);
  if (rest.length || !JWT.test(accessToken ?? '') || !OPAQUE.test(refreshToken ?? ''))
    return undefined;
  return { accessToken, refreshToken };
}

/** `exp` and `sid` of an access token, read without verification; undefined if unreadable. */
export function accessClaims(accessToken: string): AccessClaims | undefined {
  const payload = accessToken.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    if (typeof claims.exp !== 'number' || typeof claims.sid !== 'string') return undefined;
    return { exp: claims.exp, sid: claims.sid };
  } catch {
    return undefined;
  }
}

/** Whether the access token should be exchanged before use (expired or about to be). */
export function needsRefresh(accessToken: string, nowMs: number, marginSeconds = 10): boolean {
  const claims = accessClaims(accessToken);
  return !claims || claims.exp - marginSeconds <= nowMs / 1000;
}

/** A path on this node to return to after signing in; anything else becomes `/`. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (/\p{Cc}/u.test(value)) return '/';
  return value;
}
