import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/** Where NHS.UK frontend's stylesheet loads the Frutiger web fonts from (they are not in the package). */
export const NHS_FONT_ORIGIN = 'https://assets.nhs.uk';

type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (err?: unknown) => void,
) => void;

/**
 * Security headers of every web page and asset (helmet): a Content Security Policy that lets
 * scripts and styles come only from this node (plus the one inline script of NHS.UK frontend's page
 * template, by a per-response nonce), no framing, no referrer, no MIME sniffing; HSTS and
 * upgrade-insecure-requests when the node is reached over https.
 */
export function securityHeaders(secure: boolean): Middleware {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': [
          "'self'",
          (_req, res) => `'nonce-${String((res as ServerResponse & WithNonce).locals?.cspNonce)}'`,
        ],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", NHS_FONT_ORIGIN],
        'connect-src': ["'self'"],
        'manifest-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'none'"],
        'object-src': ["'none'"],
        ...(secure ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: secure ? { maxAge: 31_536_000 } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
}

interface WithNonce {
  locals?: { cspNonce?: string };
}
