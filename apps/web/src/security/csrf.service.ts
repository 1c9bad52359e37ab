import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { doubleCsrf } from 'csrf-csrf';
import type { Request, Response } from 'express';
import { WebSession } from '../session/web-session.service';

/**
 * The HMAC key of CSRF tokens: random per process, so a restart (or another process behind a load
 * balancer) refuses forms rendered before it and the person sends the form again (decision 0009).
 */
const CSRF_SECRET = randomBytes(32).toString('base64');

/** The form field that carries the CSRF token. */
export const CSRF_FIELD = '_csrf';

/**
 * CSRF protection for every POST of the web UI: the signed double-submit pattern of `csrf-csrf`.
 * The token is an HMAC over the node's session id (or, before sign-in, a random pre-session id in
 * its own httpOnly cookie) and a random value; it must be both in the form and in the httpOnly
 * CSRF cookie. SameSite=Lax cookies are a second line.
 */
@Injectable()
export class Csrf {
  private readonly csrf: ReturnType<typeof doubleCsrf>;

  constructor(private readonly session: WebSession) {
    this.csrf = doubleCsrf({
      getSecret: () => CSRF_SECRET,
      getSessionIdentifier: (req) => this.identifier(req),
      cookieName: session.names.csrf,
      cookieOptions: { sameSite: 'lax', secure: session.secure, httpOnly: true, path: '/' },
      // The form body only: never a query string (it would end up in logs and history).
      getCsrfTokenFromRequest: (req) => {
        const value = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
        return typeof value === 'string' ? value : undefined;
      },
    });
  }

  /** A token for the forms of this page; sets the cookies it needs. */
  token(req: Request, res: Response): string {
    const cookies = (req.cookies ?? {}) as Record<string, unknown>;
    if (!this.session.sessionId(req) && typeof cookies[this.session.names.pre] !== 'string') {
      const pre = randomBytes(32).toString('base64url');
      res.cookie(this.session.names.pre, pre, this.session.cookieOptions());
      req.cookies = { ...cookies, [this.session.names.pre]: pre };
    }
    return this.csrf.generateCsrfToken(req as never, res as never);
  }

  /** Whether a POST carries a valid token for this browser. */
  valid(req: Request): boolean {
    return this.csrf.validateRequest(req as never);
  }

  private identifier(req: Request): string {
    const pre = (req.cookies as Record<string, unknown> | undefined)?.[this.session.names.pre];
    // Without either, a random identifier: no token can match it.
    return (
      this.session.sessionId(req) ??
      (typeof pre === 'string' ? `pre:${pre}` : randomBytes(16).toString('hex'))
    );
  }
}
