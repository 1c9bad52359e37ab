import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { NodeConfig } from '@lessons-network/config';
import type { CookieOptions, Request, Response } from 'express';
import { type ApiResult, WebApi } from '../graphql/web-api.service';
import { WebProblem } from '../pages/web-problem';
import { type Operation, REFRESH_SESSION, SIGN_OUT, type TokenPair } from '../graphql/operations';
import {
  accessClaims,
  cookieNames,
  decodeSession,
  encodeSession,
  needsRefresh,
  type SessionTokens,
} from './session-cookie';

/**
 * How long the result of exchanging a refresh token is kept for other requests that present the
 * same (now used) refresh token: a second tab or a reload racing the first exchange gets the new
 * pair instead of tripping the node's reuse detection, which would end the whole session.
 */
export const REFRESH_GRACE_MS = 60_000;

/** Codes after which the browser's session cannot be used again: the person signs in anew. */
const SESSION_OVER = new Set([
  'UNAUTHENTICATED',
  'TOKEN_INVALID',
  'SESSION_REVOKED',
  'REFRESH_TOKEN_REUSED',
  'ACCOUNT_DISABLED',
]);

/** Failures of a refresh after which the session may still work: the person is not signed out. */
const TRANSIENT = new Set(['TOO_MANY_ATTEMPTS', 'INTERNAL_SERVER_ERROR']);

/** The result of a signed-in call: signed out (no usable session), or the API's result. */
export type SessionCall<T> =
  { readonly signedIn: false } | { readonly signedIn: true; readonly result: ApiResult<T> };

interface PendingRefresh {
  readonly result: Promise<ApiResult<{ refreshSession: TokenPair }>>;
  until: number;
}

/**
 * The browser's sign-in session: keeps the node's tokens in an httpOnly cookie, exchanges the
 * refresh token when the access token has (nearly) expired, and runs signed-in operations with the
 * access token. Exchanges of one refresh token are shared within this process (see
 * {@link REFRESH_GRACE_MS}); behind a load balancer, keep a browser on one process (decision 0009).
 */
@Injectable()
export class WebSession {
  readonly secure: boolean;
  readonly names: ReturnType<typeof cookieNames>;
  private readonly refreshes = new Map<string, PendingRefresh>();

  constructor(
    private readonly api: WebApi,
    config: NodeConfig,
  ) {
    this.secure = config.baseUrl.startsWith('https://');
    this.names = cookieNames(this.secure);
  }

  /** The tokens in the request's cookie (possibly expired), or undefined. */
  tokens(req: Request): SessionTokens | undefined {
    return decodeSession(
      (req.cookies as Record<string, unknown> | undefined)?.[this.names.session],
    );
  }

  /** The node's session id of the signed-in browser (for CSRF tokens), or undefined. */
  sessionId(req: Request): string | undefined {
    const tokens = this.tokens(req);
    return tokens ? accessClaims(tokens.accessToken)?.sid : undefined;
  }

  /** Stores a new token pair in the browser. */
  establish(res: Response, pair: TokenPair): void {
    const maxAge = Math.max(0, new Date(pair.refreshTokenExpiresAt).getTime() - Date.now());
    res.cookie(this.names.session, encodeSession(pair), { ...this.cookieOptions(), maxAge });
  }

  /** Forgets the browser's session (the cookie only: see {@link signOut}). */
  clear(res: Response): void {
    res.clearCookie(this.names.session, this.cookieOptions());
  }

  cookieOptions(): CookieOptions {
    return { httpOnly: true, secure: this.secure, sameSite: 'lax', path: '/' };
  }

  /**
   * Runs an operation as the signed-in person: refreshes first when the access token has expired,
   * and once more if the node says it expired meanwhile. A session the node no longer accepts is
   * cleared from the browser and reported as signed out.
   */
  async call<TData, TVariables extends Record<string, unknown>>(
    req: Request,
    res: Response,
    op: Operation<TData, TVariables>,
    variables: TVariables,
  ): Promise<SessionCall<TData>> {
    let tokens = this.tokens(req);
    if (!tokens) return { signedIn: false };
    if (needsRefresh(tokens.accessToken, Date.now())) {
      tokens = await this.refresh(req, res, tokens);
      if (!tokens) return { signedIn: false };
    }
    let result = await this.api.execute(req, res, op, variables, tokens.accessToken);
    if (!result.ok && result.errors.some((e) => e.code === 'TOKEN_EXPIRED')) {
      tokens = await this.refresh(req, res, tokens);
      if (!tokens) return { signedIn: false };
      result = await this.api.execute(req, res, op, variables, tokens.accessToken);
    }
    if (!result.ok && result.errors.some((e) => SESSION_OVER.has(e.code))) {
      this.clear(res);
      return { signedIn: false };
    }
    return { signedIn: true, result };
  }

  /** Ends the browser's session at the node (when it still has one) and clears the cookie. */
  async signOut(req: Request, res: Response): Promise<void> {
    if (this.tokens(req)) await this.call(req, res, SIGN_OUT, {});
    this.clear(res);
  }

  private async refresh(
    req: Request,
    res: Response,
    tokens: SessionTokens,
  ): Promise<SessionTokens | undefined> {
    const key = createHash('sha256').update(tokens.refreshToken).digest('hex');
    const now = Date.now();
    for (const [k, pending] of this.refreshes) if (pending.until < now) this.refreshes.delete(k);
    let pending = this.refreshes.get(key);
    if (!pending) {
      const started: PendingRefresh = {
        until: Number.POSITIVE_INFINITY,
        result: this.api.execute(req, res, REFRESH_SESSION, { refreshToken: tokens.refreshToken }),
      };
      pending = started;
      this.refreshes.set(key, started);
      void started.result.then(
        (result) => {
          if (result.ok) started.until = Date.now() + REFRESH_GRACE_MS;
          else this.refreshes.delete(key);
        },
        () => this.refreshes.delete(key),
      );
    }
    const result = await pending.result;
    if (result.ok) {
      const pair = result.data.refreshSession;
      this.establish(res, pair);
      // Later calls of the same request use the new pair rather than exchange the old one again.
      req.cookies = { ...(req.cookies as object), [this.names.session]: encodeSession(pair) };
      return pair;
    }
    // Too many attempts or a fault: the session may still be good, so keep it and say so.
    const passing = result.errors.find((e) => TRANSIENT.has(e.code));
    if (passing) throw new WebProblem(passing);
    this.clear(res);
    return undefined;
  }
}
