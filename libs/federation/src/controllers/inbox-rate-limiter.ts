import { Injectable } from '@nestjs/common';
import { NodeConfig } from '@lessons-network/config';

/** Buckets untouched this long are forgotten (they would be full again anyway). */
const IDLE_MS = 120_000;

/**
 * A token bucket per client address for the federation doors (inbox, discovery, feeds): up to the
 * configured number of requests a minute, refilled continuously, so bursts up to the limit pass
 * and a steady stream above it is refused. The throttler that guards sign-in works per GraphQL
 * operation and is far stricter; peers send thousands of messages a minute, so these doors have
 * their own limit.
 */
@Injectable()
export class InboxRateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  private swept = 0;

  constructor(private readonly config: NodeConfig) {}

  /** Takes one token; returns 0 if allowed, else the seconds until one is available. */
  take(address: string, now = Date.now()): number {
    const capacity = this.config.federationInboxRateLimitPerMinute;
    const perMs = capacity / 60_000;
    if (now - this.swept > IDLE_MS) {
      for (const [key, bucket] of this.buckets)
        if (now - bucket.at > IDLE_MS) this.buckets.delete(key);
      this.swept = now;
    }
    const bucket = this.buckets.get(address) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(address, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }
}
