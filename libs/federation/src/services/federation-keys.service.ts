import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NodeConfig } from '@lessons-network/config';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { FederationKeyEntity } from '../entities/federation-key.entity';
import { ALGORITHM, type PublishedKey } from '../protocol/vocabulary';
import type { SigningKey } from '../protocol/signing';

/**
 * The node's federation keys: one active key signs; retired keys stay published so that what
 * they signed still verifies; revoked keys are published as revoked. Kept in the database so
 * that every server and worker process of the node signs with the same key.
 */
@Injectable()
export class FederationKeysService {
  private signing?: { kid: string; key: SigningKey };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: NodeConfig,
  ) {}

  /**
   * The key to sign with now; created on first use. Inside a transaction pass its manager: a
   * second connection taken while the transaction holds one can exhaust the pool under load.
   */
  async signingKey(manager: EntityManager = this.dataSource.manager): Promise<SigningKey> {
    const active = await manager.getRepository(FederationKeyEntity).findOne({
      where: { retiredAt: IsNull(), revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    if (!active) {
      await this.rotate();
      return this.signingKey(manager);
    }
    if (this.signing?.kid !== active.kid) {
      const privateKey = (await importJWK(active.privateJwk as JWK, ALGORITHM)) as CryptoKey;
      this.signing = { kid: active.kid, key: { kid: active.kid, privateKey } };
    }
    return this.signing.key;
  }

  /** Every key ever made, public halves only, with status: the node's JWKS. */
  async published(manager: EntityManager = this.dataSource.manager): Promise<PublishedKey[]> {
    const rows = await manager
      .getRepository(FederationKeyEntity)
      .find({ order: { createdAt: 'ASC' } });
    if (rows.length === 0) {
      await this.signingKey();
      return this.published(manager);
    }
    return rows.map((row) => ({
      kty: 'OKP',
      crv: 'Ed25519',
      x: String(row.publicJwk.x),
      kid: row.kid,
      alg: 'EdDSA',
      use: 'sig',
      status: row.revokedAt ? 'revoked' : row.retiredAt ? 'retired' : 'active',
      ...(row.revokedAt ? { revokedAt: row.revokedAt.toISOString() } : {}),
    }));
  }

  /** A new active key; the previous one is retired (still published, no longer signing). */
  async rotate(): Promise<string> {
    const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, {
      crv: 'Ed25519',
      extractable: true,
    });
    const kid = `${this.config.odsCode.toLowerCase()}-fed-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        FederationKeyEntity,
        { retiredAt: IsNull(), revokedAt: IsNull() },
        { retiredAt: new Date() },
      );
      await manager.insert(FederationKeyEntity, {
        kid,
        publicJwk: { ...(await exportJWK(publicKey)), kid },
        privateJwk: { ...(await exportJWK(privateKey)), kid },
      });
    });
    this.signing = undefined;
    return kid;
  }

  /** Marks a key revoked: it verifies nothing from now on, anywhere that refetches the keys. */
  async revoke(kid: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(FederationKeyEntity)
      .update({ kid, revokedAt: IsNull() }, { revokedAt: new Date(), retiredAt: new Date() });
    this.signing = undefined;
    return (result.affected ?? 0) > 0;
  }
}
