import { type CanActivate, type ExecutionContext, HttpException, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { InboxRateLimiter } from './inbox-rate-limiter';

/**
 * The per-address limit of the federation doors, for routes that answer with a plain JSON body
 * (discovery, feeds): over the limit, 429 with Retry-After.
 */
@Injectable()
export class FederationRateGuard implements CanActivate {
  constructor(private readonly limiter: InboxRateLimiter) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const retryAfter = this.limiter.take(req.ip ?? 'unknown');
    if (retryAfter === 0) return true;
    http.getResponse<Response>().setHeader('retry-after', String(retryAfter));
    throw new HttpException(
      { error: 'RATE_LIMITED', message: 'Too many requests from this address' },
      429,
    );
  }
}
