import { Injectable } from '@nestjs/common';
import { NodeConfig } from '@lessons-network/config';

/**
 * A fixed-window counter per client address for the federation doors (inbox, discovery). The
 * throttler that guards sign-in is per GraphQL operation and far stricter; peers send thousands
 * of messages a minute, so these doors have their own, configurable limit.
 */
@Injectable()
export class InboxRateLimiter {
  private window = 0;
  private counts = new Map<string, number>();

  constructor(private readonly config: NodeConfig) {}

  /** Counts one request; returns 0 if allowed, else the seconds until the window resets. */
  take(address: string, now = Date.now()): number {
    const window = Math.floor(now / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    const count = (this.counts.get(address) ?? 0) + 1;
    this.counts.set(address, count);
    if (count <= this.config.federationInboxRateLimitPerMinute) return 0;
    return Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000));
  }
}
