import { Controller, Post, Req, Res } from '@nestjs/common';
import { Public } from '@lessons-network/identity';
import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { FederationRefusal, RefusalReason, REFUSAL_STATUS } from '../protocol/refusal';
import {
  ACTIVITY_CONTENT_TYPE,
  HOP_HEADER,
  LD_CONTENT_TYPE,
  MAX_BODY_BYTES,
} from '../protocol/vocabulary';
import { InboxService } from '../services/inbox.service';
import { InboxRateLimiter } from './inbox-rate-limiter';

/** Reads the raw body, stopping as soon as it passes `limit` bytes. */
function readBody(req: Request, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** Reads and drops what is left of a refused body (at most `max` bytes, then the socket goes). */
function discard(req: Request, max: number): Promise<void> {
  return new Promise((resolve) => {
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.destroy();
        resolve();
      }
    });
    req.on('end', () => resolve());
    req.on('close', () => resolve());
    req.on('error', () => resolve());
  });
}

/** How much of a refused, oversized body the inbox reads (and drops) before it hangs up. */
const DRAIN_LIMIT = 32 * MAX_BODY_BYTES;

function refuse(res: Response, reason: RefusalReason, message: string): void {
  res.status(REFUSAL_STATUS[reason]).json({ error: reason, message });
}

/**
 * The node's inbox (also its shared inbox). Public by design: who may post is decided by the
 * verification pipeline, not by a session. Answers 202 with what was done, or a refusal with its
 * reason code; nothing is stored on refusal.
 */
@Controller('federation')
export class InboxController {
  constructor(
    private readonly inbox: InboxService,
    private readonly limiter: InboxRateLimiter,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('federation-inbox');
  }

  @Public()
  @Post('inbox')
  async receive(@Req() req: Request, @Res() res: Response): Promise<void> {
    const retryAfter = this.limiter.take(req.ip ?? 'unknown');
    if (retryAfter > 0) {
      res.setHeader('retry-after', String(retryAfter));
      res
        .status(429)
        .json({ error: 'RATE_LIMITED', message: 'Too many requests from this address' });
      return;
    }
    const contentType = req.headers['content-type'];
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (type !== ACTIVITY_CONTENT_TYPE && type !== LD_CONTENT_TYPE) {
      refuse(
        res,
        RefusalReason.UNSUPPORTED_CONTENT_TYPE,
        `Content-Type must be ${ACTIVITY_CONTENT_TYPE}`,
      );
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const body = declared > MAX_BODY_BYTES ? 'too-large' : await readBody(req, MAX_BODY_BYTES);
    if (body === 'too-large') {
      // Answer first, then read and drop the rest so that the sender, still sending, reads the
      // 413 (closing now would reset its connection); past DRAIN_LIMIT the socket is dropped.
      refuse(res, RefusalReason.BODY_TOO_LARGE, `body over ${MAX_BODY_BYTES} bytes`);
      await discard(req, DRAIN_LIMIT);
      return;
    }
    const hop = req.headers[HOP_HEADER];
    try {
      const result = await this.inbox.receive({
        contentType,
        body,
        hopToken: Array.isArray(hop) ? hop[0] : hop,
      });
      res.status(202).json({ status: 'accepted', ...result });
    } catch (error) {
      if (error instanceof FederationRefusal) {
        this.logger.info({ reason: error.reason, ip: req.ip }, 'activity refused');
        refuse(res, error.reason, error.message);
        return;
      }
      this.logger.error({ err: error }, 'inbox failed');
      res.status(500).json({ error: 'INTERNAL', message: 'The inbox could not take this now' });
    }
  }
}
