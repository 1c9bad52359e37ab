import { createHash, randomUUID } from 'node:crypto';
import {
  base64url,
  type CryptoKey,
  CompactSign,
  compactVerify,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { FederationRefusal, RefusalReason } from './refusal';
import {
  ALGORITHM,
  CLOCK_TOLERANCE_SECONDS,
  HOP_TOKEN_MAX_SECONDS,
  HOP_TOKEN_TYPE,
} from './vocabulary';

/** A key this node signs with. The private half never leaves the key service. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
}

/** base64url (no padding) of the SHA-256 of the exact body bytes. */
export function bodyHash(body: Uint8Array | string): string {
  return createHash('sha256').update(body).digest('base64url');
}

/**
 * Signs an object once, at its origin: a compact JWS whose payload is the UTF-8 bytes of the
 * object's JSON. Relays forward the string unchanged; receivers take content only from it.
 */
export async function signObject(payload: object, key: SigningKey, typ: string): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ })
    .sign(key.privateKey);
}

/** The header and the payload of a signed object, NOT verified: only to find who to verify against. */
export function peekSigned(jws: string): { kid: string; typ: string; payload: unknown } {
  try {
    const header = decodeProtectedHeader(jws);
    const parts = jws.split('.');
    if (parts.length !== 3 || typeof header.kid !== 'string' || typeof header.typ !== 'string')
      throw new Error('not a compact JWS with kid and typ');
    const payload: unknown = JSON.parse(new TextDecoder().decode(base64url.decode(parts[1])));
    return { kid: header.kid, typ: header.typ, payload };
  } catch {
    throw new FederationRefusal(
      RefusalReason.ORIGIN_SIGNATURE_INVALID,
      'signedObject is not a compact JWS with kid and typ and a JSON payload',
    );
  }
}

/** Verifies a signed object with the key of the organisation it claims; returns the verified payload. */
export async function verifySigned(
  jws: string,
  key: CryptoKey | Uint8Array,
  typ: string,
): Promise<unknown> {
  try {
    const { payload, protectedHeader } = await compactVerify(jws, key, {
      algorithms: [ALGORITHM],
    });
    if (protectedHeader.typ !== typ) throw new Error(`typ must be ${typ}`);
    return JSON.parse(new TextDecoder().decode(payload));
  } catch (error) {
    throw new FederationRefusal(
      RefusalReason.ORIGIN_SIGNATURE_INVALID,
      `origin signature does not verify: ${(error as Error).message}`,
    );
  }
}

/** The claims of a hop token. */
export interface HopClaims extends JWTPayload {
  readonly iss: string;
  readonly aud: string;
  readonly htm: 'POST';
  readonly bsh: string;
  readonly iat: number;
  readonly exp: number;
  readonly jti: string;
}

/**
 * A hop token: proof that `sender` sends exactly `body` to exactly `inbox` now. Valid for
 * `lifetimeSeconds` (at most five minutes); its `jti` is never accepted twice.
 */
export async function signHopToken(input: {
  sender: string;
  inbox: string;
  body: Uint8Array | string;
  key: SigningKey;
  lifetimeSeconds?: number;
  now?: number;
  /** A chosen token id (tests); a fresh UUID otherwise. */
  jti?: string;
}): Promise<string> {
  const iat = Math.floor((input.now ?? Date.now()) / 1000);
  const lifetime = Math.min(input.lifetimeSeconds ?? 120, HOP_TOKEN_MAX_SECONDS);
  return new SignJWT({ htm: 'POST', bsh: bodyHash(input.body) })
    .setProtectedHeader({ alg: ALGORITHM, kid: input.key.kid, typ: HOP_TOKEN_TYPE })
    .setIssuer(input.sender)
    .setAudience(input.inbox)
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetime)
    .setJti(input.jti ?? randomUUID())
    .sign(input.key.privateKey);
}

/** Header and claims of a hop token, NOT verified: to find the sender and the key. */
export function peekHopToken(token: string): { kid: string; iss: string } {
  try {
    const header = decodeProtectedHeader(token);
    const parts = token.split('.');
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(parts[1]))) as {
      iss?: unknown;
    };
    if (parts.length !== 3 || typeof header.kid !== 'string' || typeof claims.iss !== 'string')
      throw new Error('no kid or iss');
    return { kid: header.kid, iss: claims.iss };
  } catch {
    throw new FederationRefusal(
      RefusalReason.HOP_TOKEN_MISSING,
      'the ln-hop header does not hold a JWT with kid and iss',
    );
  }
}

/**
 * Verifies a hop token against the sender's key: signature, typ, audience (this inbox), method,
 * body hash, freshness (iat not in the future, exp not past, lifetime at most five minutes).
 */
export async function verifyHopToken(
  token: string,
  key: CryptoKey | Uint8Array,
  expected: { inbox: string; body: Uint8Array | string; now?: number },
): Promise<HopClaims> {
  let claims: HopClaims;
  try {
    const verified = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      typ: HOP_TOKEN_TYPE,
      audience: expected.inbox,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: HOP_TOKEN_MAX_SECONDS + CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['iss', 'aud', 'iat', 'exp', 'jti', 'htm', 'bsh'],
      currentDate: expected.now === undefined ? undefined : new Date(expected.now),
    });
    claims = verified.payload as HopClaims;
  } catch (error) {
    if (
      error instanceof errors.JWTExpired ||
      (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iat')
    )
      throw new FederationRefusal(RefusalReason.HOP_TOKEN_EXPIRED, `hop token: ${error.message}`);
    throw new FederationRefusal(
      RefusalReason.HOP_TOKEN_INVALID,
      `hop token: ${(error as Error).message}`,
    );
  }
  if (claims.htm !== 'POST')
    throw new FederationRefusal(RefusalReason.HOP_TOKEN_INVALID, 'hop token: htm must be POST');
  if (claims.exp - claims.iat > HOP_TOKEN_MAX_SECONDS)
    throw new FederationRefusal(
      RefusalReason.HOP_TOKEN_INVALID,
      `hop token: lifetime over ${HOP_TOKEN_MAX_SECONDS} s`,
    );
  if (claims.bsh !== bodyHash(expected.body))
    throw new FederationRefusal(
      RefusalReason.BODY_HASH_MISMATCH,
      'hop token: the body is not the one it was issued for',
    );
  return claims;
}
