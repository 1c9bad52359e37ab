import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NodeConfig } from '@lessons-network/config';
import {
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
} from 'jose';
import { DataSource, IsNull } from 'typeorm';
import { SigningKeyEntity } from '../entities/signing-key.entity';
import { IdentityErrorCode, IdentityException } from '../identity.exception';

export const ACCESS_TOKEN_TYPE = 'at+jwt';
const ALGORITHM = 'EdDSA';
const CLOCK_TOLERANCE_SECONDS = 5;

/** What an access token says once verified. */
export interface AccessTokenClaims {
  readonly userId: string;
  readonly sessionId: string;
  readonly organisationId: string;
}

interface LoadedKey {
  readonly kid: string;
  readonly publicKey: CryptoKey;
  readonly privateKey: CryptoKey;
  readonly retired: boolean;
}

/**
 * Issues and verifies access tokens: JWTs signed with the node's Ed25519 key (EdDSA), type
 * `at+jwt`, issuer and audience the node's base URL. Keys live in the database and are created on
 * first use; every process of a node shares them.
 */
@Injectable()
export class AccessTokenService {
  private keys = new Map<string, LoadedKey>();
  private current?: LoadedKey;
  private loading?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: NodeConfig,
  ) {}

  async issue(claims: AccessTokenClaims): Promise<{ token: string; expiresAt: Date }> {
    const key = await this.signingKey();
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.config.accessTokenTtlSeconds;
    const token = await new SignJWT({ sid: claims.sessionId, org: claims.organisationId })
      .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: ACCESS_TOKEN_TYPE })
      .setIssuer(this.config.baseUrl)
      .setAudience(this.config.baseUrl)
      .setSubject(claims.userId)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(key.privateKey);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** Verifies a token; throws TOKEN_EXPIRED or TOKEN_INVALID with the reason. */
  async verify(token: string): Promise<AccessTokenClaims> {
    await this.ensureLoaded();
    try {
      const { payload } = await jwtVerify(
        token,
        async (header) => {
          const key = header.kid
            ? (this.keys.get(header.kid) ?? (await this.reloadFor(header.kid)))
            : undefined;
          if (!key)
            throw new IdentityException(
              IdentityErrorCode.TokenInvalid,
              'The token was signed with an unknown key',
            );
          return key.publicKey;
        },
        {
          algorithms: [ALGORITHM],
          typ: ACCESS_TOKEN_TYPE,
          issuer: this.config.baseUrl,
          audience: this.config.baseUrl,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['sub', 'sid', 'org', 'exp', 'iat', 'jti'],
        },
      );
      const { sub, sid, org } = payload;
      if (typeof sub !== 'string' || typeof sid !== 'string' || typeof org !== 'string') {
        throw new IdentityException(
          IdentityErrorCode.TokenInvalid,
          'The token is missing its subject or session',
        );
      }
      return { userId: sub, sessionId: sid, organisationId: org };
    } catch (error) {
      if (error instanceof IdentityException) throw error;
      if (error instanceof errors.JWTExpired) {
        throw new IdentityException(
          IdentityErrorCode.TokenExpired,
          'The access token has expired; refresh the session',
        );
      }
      const reason = error instanceof errors.JOSEError ? error.code : 'ERR_MALFORMED';
      throw new IdentityException(IdentityErrorCode.TokenInvalid, 'The access token is not valid', {
        reason,
      });
    }
  }

  /**
   * Starts signing with a new key; the old one stays for verification until its tokens expire.
   * Returns the new key id.
   */
  async rotate(): Promise<string> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['auth_signing_key']);
      await manager.update(SigningKeyEntity, { retiredAt: IsNull() }, { retiredAt: new Date() });
      await manager.save(manager.create(SigningKeyEntity, await newKeyRow()));
    });
    this.current = undefined;
    this.loading = undefined;
    await this.ensureLoaded();
    return this.current!.kid;
  }

  private async signingKey(): Promise<LoadedKey> {
    await this.ensureLoaded();
    return this.current!;
  }

  private ensureLoaded(): Promise<void> {
    if (this.current) return Promise.resolve();
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  /** Loads every key; creates the first one if there is none (under an advisory lock). */
  private async load(): Promise<void> {
    const rows = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['auth_signing_key']);
      const existing = await manager.find(SigningKeyEntity, { order: { createdAt: 'ASC' } });
      if (existing.some((k) => k.retiredAt === null)) return existing;
      await manager.save(manager.create(SigningKeyEntity, await newKeyRow()));
      return manager.find(SigningKeyEntity, { order: { createdAt: 'ASC' } });
    });
    const keys = new Map<string, LoadedKey>();
    let current: LoadedKey | undefined;
    for (const row of rows) {
      const key: LoadedKey = {
        kid: row.kid,
        publicKey: (await importJWK(row.publicJwk as JWK, ALGORITHM)) as CryptoKey,
        privateKey: (await importJWK(row.privateJwk as JWK, ALGORITHM)) as CryptoKey,
        retired: row.retiredAt !== null,
      };
      keys.set(row.kid, key);
      if (!key.retired) current = key;
    }
    this.keys = keys;
    this.current = current;
  }

  /** Another process may have rotated: reload once when a token names a key we do not know. */
  private async reloadFor(kid: string): Promise<LoadedKey | undefined> {
    const exists = await this.dataSource.getRepository(SigningKeyEntity).exists({ where: { kid } });
    if (!exists) return undefined;
    this.current = undefined;
    this.loading = undefined;
    await this.ensureLoaded();
    return this.keys.get(kid);
  }
}

async function newKeyRow(): Promise<Partial<SigningKeyEntity>> {
  const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const kid = `at-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALGORITHM, use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALGORITHM, use: 'sig' };
  return { kid, publicJwk, privateJwk, retiredAt: null };
}
