import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NodeConfig } from '@lessons-network/config';
import type { Params } from 'nestjs-pino';
import type { LoggerOptions } from 'pino';

const CORRELATION_HEADER = 'x-request-id';
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Paths never written to a log line: credentials, cookies, tokens. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.databaseUrl',
];

/**
 * A request URL as it may be logged: the one-time token of an invitation or password-reset link
 * (`/invitations/<token>`, the web UI's page) is a credential until used, so it is masked.
 */
export function loggableUrl(url: string): string {
  return url.replace(/^\/invitations\/[^/?#]+/, '/invitations/[redacted]');
}

/** pino options shared by the HTTP logger and the boot logger. */
export function baseLoggerOptions(config: NodeConfig): LoggerOptions {
  return {
    level: config.logLevel,
    base: { node: config.odsCode },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  };
}

/**
 * nestjs-pino settings: JSON logs, one correlation id per request (the caller's `X-Request-Id` when
 * it is sane, else a new UUID), echoed in the response header. Request bodies are never logged.
 */
export function httpLoggerParams(config: NodeConfig): Params {
  return {
    pinoHttp: {
      ...baseLoggerOptions(config),
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers[CORRELATION_HEADER];
        const id = typeof given === 'string' && ACCEPTABLE_ID.test(given) ? given : randomUUID();
        res.setHeader(CORRELATION_HEADER, id);
        return id;
      },
      customProps: () => ({}),
      autoLogging: {
        ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/ready',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: loggableUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
