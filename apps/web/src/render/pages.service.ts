import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import nunjucks from 'nunjucks';
import { securityHeaders } from '../security/security-headers';
import { WebSession } from '../session/web-session.service';
import { NHSUK_DIST, NHSUK_VERSION, WEB_VIEWS } from './web-paths';

/** What every page's layout shows: the organisation, who is signed in, and a CSRF token. */
export interface Layout {
  readonly organisationName: string;
  readonly me?: { readonly displayName: string };
  /** For every form on the page, including sign-out in the header. */
  readonly csrfToken?: string;
}

/**
 * Renders pages with Nunjucks and NHS.UK frontend's own macros (`nhsuk/components/…/macro.njk`),
 * autoescaped, with the security headers and a per-response CSP nonce. Pages are never cached:
 * they show one person's data.
 */
@Injectable()
export class Pages {
  private readonly env: nunjucks.Environment;
  private readonly headers: ReturnType<typeof securityHeaders>;

  constructor(session: WebSession) {
    this.env = new nunjucks.Environment(new nunjucks.FileSystemLoader([WEB_VIEWS, NHSUK_DIST]), {
      autoescape: true,
      throwOnUndefined: false,
    });
    this.headers = securityHeaders(session.secure);
  }

  render(
    req: Request,
    res: Response,
    view: string,
    layout: Layout,
    context: Record<string, unknown> = {},
    status = 200,
  ): void {
    const cspNonce = randomBytes(16).toString('base64');
    res.locals.cspNonce = cspNonce;
    this.headers(req, res, () => undefined);
    const html = this.env.render(view, {
      ...context,
      layout,
      cspNonce,
      assetPath: '/assets',
      nhsukVersion: NHSUK_VERSION,
    });
    res.status(status).setHeader('cache-control', 'no-store');
    res.type('html').send(html);
  }

  /** Security headers for a response that is not a rendered page (static assets). */
  applyHeaders(req: Request, res: Response): void {
    this.headers(req, res, () => undefined);
  }
}
