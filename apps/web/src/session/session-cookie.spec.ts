import {
  accessClaims,
  cookieNames,
  decodeSession,
  encodeSession,
  needsRefresh,
  safeReturnPath,
} from './session-cookie';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: object) => `${b64({ alg: 'EdDSA' })}.${b64(claims)}.c2lnbmF0dXJl`;

describe('session cookie', () => {
  const tokens = { accessToken: jwt({ exp: 100, sid: 's1' }), refreshToken: 'r'.repeat(43) };

  it('round-trips the two tokens', () => {
    expect(decodeSession(encodeSession(tokens))).toEqual(tokens);
  });

  it.each([undefined, 42, '', 'abc', `${tokens.accessToken}~short`, `x~${tokens.refreshToken}`])(
    'refuses a value that is not a session (%p)',
    (value) => {
      expect(decodeSession(value)).toBeUndefined();
    },
  );

  it('reads exp and sid without verifying', () => {
    expect(accessClaims(tokens.accessToken)).toEqual({ exp: 100, sid: 's1' });
    expect(accessClaims('not.a.jwt')).toBeUndefined();
  });

  it('asks for a refresh shortly before expiry, and for an unreadable token', () => {
    const token = jwt({ exp: 1_000, sid: 's' });
    expect(needsRefresh(token, 980_000)).toBe(false);
    expect(needsRefresh(token, 991_000)).toBe(true);
    expect(needsRefresh('x.y.z', 0)).toBe(true);
  });

  it('uses __Host- names only over https', () => {
    expect(cookieNames(true).session).toBe('__Host-ln-session');
    expect(cookieNames(false).session).toBe('ln-session');
  });
});

describe('safeReturnPath', () => {
  it.each([
    ['/lessons/1', '/lessons/1'],
    ['/?a=b', '/?a=b'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['/x\nSet-Cookie: a', '/'],
    [undefined, '/'],
  ])('%p becomes %p', (given, expected) => {
    expect(safeReturnPath(given)).toBe(expected);
  });
});
