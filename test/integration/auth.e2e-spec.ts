import { randomUUID } from 'node:crypto';
import { base64url, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { DataSource } from 'typeorm';
import {
  createQualityLead,
  createUserAndSignIn,
  errorCode,
  SIGN_IN,
  signIn,
  startTestNode,
  TEST_PASSWORD,
  type TestNode,
} from '../support/test-node';

const ME = `{ me { id email roles status organisation { odsCode } } }`;
const REFRESH = `mutation($t: String!) { refreshSession(input: { refreshToken: $t }) { accessToken refreshToken } }`;

describe('sign-in, tokens and sessions', () => {
  let node: TestNode;
  let email: string;

  beforeAll(async () => {
    node = await startTestNode({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000' });
    email = await createQualityLead(node);
  });
  afterAll(() => node.close());

  /** The node's current signing key, read from its database (as an attacker with a DB dump could not sign: tests only). */
  async function nodeKey(): Promise<{ kid: string; privateKey: CryptoKey }> {
    const [row] = (await node.app
      .get(DataSource)
      .query(`SELECT kid, private_jwk FROM auth_signing_key WHERE retired_at IS NULL`)) as {
      kid: string;
      private_jwk: JWK;
    }[];
    return { kid: row.kid, privateKey: (await importJWK(row.private_jwk, 'EdDSA')) as CryptoKey };
  }

  function claimsOf(token: string): Record<string, unknown> {
    return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  }

  /** Signs a token with the claims of a real one and the given header, key and times. */
  function craft(
    accessToken: string,
    options: {
      key: CryptoKey | Uint8Array;
      kid: string;
      alg?: string;
      typ?: string;
      aud?: string;
      iat?: number;
      exp?: number | string;
    },
  ): Promise<string> {
    const claims = claimsOf(accessToken);
    return new SignJWT({ sid: claims.sid, org: claims.org })
      .setProtectedHeader({
        alg: options.alg ?? 'EdDSA',
        kid: options.kid,
        typ: options.typ ?? 'at+jwt',
      })
      .setIssuer(node.config.baseUrl)
      .setAudience(options.aud ?? node.config.baseUrl)
      .setSubject(String(claims.sub))
      .setJti(randomUUID())
      .setIssuedAt(options.iat)
      .setExpirationTime(options.exp ?? '10m')
      .sign(options.key);
  }

  it('signs in with the right password, case-insensitive e-mail, and serves `me`', async () => {
    const session = await signIn(node, email.toUpperCase());
    const me = await node.gql<{
      me: { email: string; roles: string[]; organisation: { odsCode: string } };
    }>(ME, {}, session.accessToken);
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toMatchObject({ email, roles: ['QUALITY_LEAD'], status: 'ACTIVE' });
    expect(me.data?.me.organisation.odsCode).toBe('RTEST');
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    const wrong = await node.gql(SIGN_IN, { email, password: 'not the password at all' });
    const unknown = await node.gql(SIGN_IN, {
      email: 'nobody@test.nhs.uk',
      password: 'not the password at all',
    });
    expect(errorCode(wrong)).toBe('INVALID_CREDENTIALS');
    expect(errorCode(unknown)).toBe('INVALID_CREDENTIALS');
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
  });

  it('locks an address after repeated failures, whether or not the account exists', async () => {
    const victim = await createQualityLead(node);
    for (const address of [victim, 'ghost@test.nhs.uk']) {
      for (let i = 0; i < 5; i++) {
        expect(
          errorCode(await node.gql(SIGN_IN, { email: address, password: 'wrong password guess' })),
        ).toBe('INVALID_CREDENTIALS');
      }
      const sixth = await node.gql(SIGN_IN, { email: address, password: 'wrong password guess' });
      expect(errorCode(sixth)).toBe('INVALID_CREDENTIALS');
      const locked = await node.gql(SIGN_IN, { email: address, password: TEST_PASSWORD });
      expect(errorCode(locked)).toBe('TOO_MANY_ATTEMPTS');
      expect(locked.errors?.[0]?.extensions.details?.retryAfterSeconds).toBeGreaterThan(0);
    }
  });

  it('starts counting again when the last failure is more than a day old', async () => {
    const returning = await createQualityLead(node);
    const { createHash } = await import('node:crypto');
    const emailHash = createHash('sha256').update(returning).digest('hex');
    await node.app.get(DataSource).query(
      `INSERT INTO sign_in_throttle (email_hash, failures, last_failure_at, locked_until)
       VALUES ($1, 9, now() - interval '2 days', NULL)`,
      [emailHash],
    );
    const wrong = await node.gql(SIGN_IN, { email: returning, password: 'an old wrong guess' });
    expect(errorCode(wrong)).toBe('INVALID_CREDENTIALS');
    // One fresh failure is not enough to lock the account.
    await signIn(node, returning);
  });

  it('rotates refresh tokens: each works once, and reuse of an old one ends the whole session', async () => {
    const first = await signIn(node, email);
    const second = await node.gql<{
      refreshSession: { accessToken: string; refreshToken: string };
    }>(REFRESH, { t: first.refreshToken });
    expect(second.errors).toBeUndefined();
    const rotated = second.data!.refreshSession;
    expect(rotated.refreshToken).not.toBe(first.refreshToken);
    expect((await node.gql(ME, {}, rotated.accessToken)).errors).toBeUndefined();

    const replay = await node.gql(REFRESH, { t: first.refreshToken });
    expect(errorCode(replay)).toBe('REFRESH_TOKEN_REUSED');
    // The family is revoked: the newest refresh token and the access tokens stop working too.
    expect(errorCode(await node.gql(REFRESH, { t: rotated.refreshToken }))).toBe('SESSION_REVOKED');
    expect(errorCode(await node.gql(ME, {}, rotated.accessToken))).toBe('SESSION_REVOKED');
    const trail = (await node.app
      .get(DataSource)
      .query(
        `SELECT action FROM audit_event WHERE action = 'session.revoked_on_reuse' AND subject_id = $1`,
        [first.userId],
      )) as unknown[];
    expect(trail.length).toBeGreaterThan(0);
  });

  it('refuses an unknown refresh token', async () => {
    expect(errorCode(await node.gql(REFRESH, { t: 'x'.repeat(43) }))).toBe('TOKEN_INVALID');
  });

  it('signs out: the access token and refresh token stop working; other sessions stay', async () => {
    const a = await signIn(node, email);
    const b = await signIn(node, email);
    const out = await node.gql(`mutation { signOut }`, {}, a.accessToken);
    expect(out.data).toEqual({ signOut: true });
    expect(errorCode(await node.gql(ME, {}, a.accessToken))).toBe('SESSION_REVOKED');
    expect(errorCode(await node.gql(REFRESH, { t: a.refreshToken }))).toBe('SESSION_REVOKED');
    expect((await node.gql(ME, {}, b.accessToken)).errors).toBeUndefined();
    await node.gql(`mutation { signOut(allSessions: true) }`, {}, b.accessToken);
    expect(errorCode(await node.gql(ME, {}, b.accessToken))).toBe('SESSION_REVOKED');
  });

  it('refuses a missing, malformed or non-bearer Authorization header', async () => {
    expect(errorCode(await node.gql(ME))).toBe('UNAUTHENTICATED');
    const basic = await node
      .http()
      .post('/graphql')
      .set('authorization', 'Basic dXNlcjpwYXNz')
      .send({ query: ME });
    expect(basic.body.errors[0].extensions.code).toBe('TOKEN_INVALID');
    expect(errorCode(await node.gql(ME, {}, 'not-a-jwt'))).toBe('TOKEN_INVALID');
  });

  it('refuses an expired token', async () => {
    const session = await signIn(node, email);
    const { kid, privateKey } = await nodeKey();
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await craft(session.accessToken, {
      key: privateKey,
      kid,
      iat: past - 900,
      exp: past,
    });
    expect(errorCode(await node.gql(ME, {}, expired))).toBe('TOKEN_EXPIRED');
  });

  it('refuses a token forged with another key under the same kid', async () => {
    const session = await signIn(node, email);
    const { kid } = await nodeKey();
    const { privateKey } = await generateKeyPair('EdDSA');
    const forged = await craft(session.accessToken, { key: privateKey, kid });
    expect(errorCode(await node.gql(ME, {}, forged))).toBe('TOKEN_INVALID');
  });

  it('refuses a tampered token (payload changed, signature kept)', async () => {
    const quality = await signIn(node, email);
    const author = await createUserAndSignIn(node, quality.accessToken, ['AUTHOR']);
    const [header, , signature] = author.accessToken.split('.');
    const claims = claimsOf(author.accessToken);
    const swapped = base64url.encode(JSON.stringify({ ...claims, sub: quality.userId }));
    const tampered = `${header}.${swapped}.${signature}`;
    expect(errorCode(await node.gql(ME, {}, tampered))).toBe('TOKEN_INVALID');
  });

  it('refuses the wrong algorithm: alg "none" and HS256 signed with the public key', async () => {
    const session = await signIn(node, email);
    const { kid } = await nodeKey();
    const noneHeader = base64url.encode(JSON.stringify({ alg: 'none', kid, typ: 'at+jwt' }));
    const body = session.accessToken.split('.')[1];
    expect(errorCode(await node.gql(ME, {}, `${noneHeader}.${body}.`))).toBe('TOKEN_INVALID');

    const [row] = await node.app
      .get(DataSource)
      .query<{ public_jwk: JWK }[]>(`SELECT public_jwk FROM auth_signing_key WHERE kid = $1`, [
        kid,
      ]);
    const secret = new TextEncoder().encode(JSON.stringify(row!.public_jwk));
    const hs = await craft(session.accessToken, { key: secret, kid, alg: 'HS256' });
    expect(errorCode(await node.gql(ME, {}, hs))).toBe('TOKEN_INVALID');
  });

  it('refuses a token of the right key but the wrong type or audience', async () => {
    const session = await signIn(node, email);
    const { kid, privateKey } = await nodeKey();
    const wrongType = await craft(session.accessToken, { key: privateKey, kid, typ: 'JWT' });
    const wrongAudience = await craft(session.accessToken, {
      key: privateKey,
      kid,
      aud: 'https://other.node',
    });
    expect(errorCode(await node.gql(ME, {}, wrongType))).toBe('TOKEN_INVALID');
    expect(errorCode(await node.gql(ME, {}, wrongAudience))).toBe('TOKEN_INVALID');
    // The same crafting with nothing wrong is accepted, so the refusals above are for the reason named.
    expect(
      (await node.gql(ME, {}, await craft(session.accessToken, { key: privateKey, kid }))).errors,
    ).toBeUndefined();
  });

  it('keeps tokens valid across a key rotation and signs new ones with the new key', async () => {
    const before = await signIn(node, email);
    const { AccessTokenService } = await import('@lessons-network/identity');
    const newKid = await node.app.get(AccessTokenService).rotate();
    expect((await node.gql(ME, {}, before.accessToken)).errors).toBeUndefined();
    const after = await signIn(node, email);
    const header = JSON.parse(
      Buffer.from(after.accessToken.split('.')[0], 'base64url').toString(),
    ) as { kid: string };
    expect(header.kid).toBe(newKid);
  });

  it('changes a password: the old one stops working and other sessions end', async () => {
    const owner = await createQualityLead(node);
    const a = await signIn(node, owner);
    const b = await signIn(node, owner);
    const weak = await node.gql(
      `mutation($i: ChangePasswordInput!) { changePassword(input: $i) }`,
      { i: { currentPassword: TEST_PASSWORD, newPassword: 'short' } },
      a.accessToken,
    );
    expect(errorCode(weak)).toBe('WEAK_PASSWORD');
    const wrong = await node.gql(
      `mutation($i: ChangePasswordInput!) { changePassword(input: $i) }`,
      { i: { currentPassword: 'not my password', newPassword: 'another long passphrase 7' } },
      a.accessToken,
    );
    expect(errorCode(wrong)).toBe('INVALID_CREDENTIALS');
    const ok = await node.gql(
      `mutation($i: ChangePasswordInput!) { changePassword(input: $i) }`,
      { i: { currentPassword: TEST_PASSWORD, newPassword: 'another long passphrase 7' } },
      a.accessToken,
    );
    expect(ok.data).toEqual({ changePassword: true });
    expect((await node.gql(ME, {}, a.accessToken)).errors).toBeUndefined();
    expect(errorCode(await node.gql(ME, {}, b.accessToken))).toBe('SESSION_REVOKED');
    expect(errorCode(await node.gql(SIGN_IN, { email: owner, password: TEST_PASSWORD }))).toBe(
      'INVALID_CREDENTIALS',
    );
    await signIn(node, owner, 'another long passphrase 7');
  });
});

describe('rate limit on the public doors', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => node.close());

  it('limits sign-in attempts per client address', async () => {
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push(
        errorCode(
          await node.gql(SIGN_IN, { email: `x${i}@test.nhs.uk`, password: 'whatever it is' }),
        ),
      );
    }
    expect(codes.slice(0, 3)).toEqual([
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
    ]);
    expect(codes[3]).toBe('TOO_MANY_ATTEMPTS');
  });
});
