import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NodeConfig } from '@lessons-network/config';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { signHopToken } from '../protocol/signing';
import { ACTIVITY_CONTENT_TYPE, HOP_HEADER, nodeUrls } from '../protocol/vocabulary';
import { FederationKeysService } from './federation-keys.service';
import { OutboxService } from './outbox.service';

/** How many deliveries one worker claims at a time (sent in parallel). */
const BATCH = 32;
/** A claimed delivery not finished in this time is claimed again (its worker died). */
const LEASE_SECONDS = 60;
const REQUEST_TIMEOUT_MS = 15_000;

/** Backoff before attempt n+1: 2^n seconds with ±25 % jitter, at most an hour. */
export function backoffSeconds(attempts: number, random = Math.random): number {
  const base = Math.min(3600, 2 ** Math.min(attempts, 12));
  return Math.max(1, Math.round(base * (0.75 + random() * 0.5)));
}

/** Whether an answer ends the delivery for good: 2xx/409 delivered; other 4xx but 408/429 failed. */
export function outcome(status: number): 'delivered' | 'failed' | 'retry' {
  if ((status >= 200 && status < 300) || status === 409) return 'delivered';
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return 'failed';
  return 'retry';
}

interface Claimed {
  id: string;
  inbox: string;
  attempts: number;
  body: string;
}

/**
 * Sends queued activities. Several worker processes may share one database: deliveries are claimed
 * with FOR UPDATE SKIP LOCKED and a lease, so none is sent by two workers at once. Each delivery is
 * signed with a fresh hop token and retried on its own.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: NodeConfig,
    private readonly keys: FederationKeysService,
    private readonly outbox: OutboxService,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('federation-delivery');
  }

  onApplicationBootstrap(): void {
    if (!this.config.federationWorker) return;
    this.outbox.onKick(() => this.wake());
    this.timer = setInterval(() => this.wake(), this.config.federationPollMs);
    this.timer.unref();
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs a pass now, or right after the current one. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.logger.error({ err: error }, 'delivery pass failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Sends everything due, batch by batch. Returns when nothing is due. */
  async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const batch = await this.claim();
      if (batch.length === 0) return;
      await Promise.all(batch.map((delivery) => this.send(delivery)));
    }
  }

  private async claim(): Promise<Claimed[]> {
    const rows: unknown = await this.dataSource.query(
      `UPDATE federation_delivery d
          SET locked_until = now() + make_interval(secs => $2), attempts = d.attempts + 1
         FROM federation_outbox o
        WHERE o.id = d.outbox_id
          AND d.id IN (SELECT id FROM federation_delivery
                        WHERE status = 'pending' AND next_attempt_at <= now()
                          AND (locked_until IS NULL OR locked_until < now())
                        ORDER BY next_attempt_at
                        LIMIT $1
                        FOR UPDATE SKIP LOCKED)
        RETURNING d.id, d.inbox, d.attempts, o.body`,
      [BATCH, LEASE_SECONDS],
    );
    return (rows as [Claimed[], number])[0] ?? (rows as Claimed[]);
  }

  private async send(delivery: Claimed): Promise<void> {
    let status = 0;
    let error: string | null = null;
    let retryAfter: number | undefined;
    try {
      const token = await signHopToken({
        sender: nodeUrls(this.config.baseUrl).actor,
        inbox: delivery.inbox,
        body: delivery.body,
        key: await this.keys.signingKey(),
      });
      const response = await fetch(delivery.inbox, {
        method: 'POST',
        headers: { 'content-type': ACTIVITY_CONTENT_TYPE, [HOP_HEADER]: token },
        body: delivery.body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        redirect: 'error',
      });
      status = response.status;
      const header = response.headers.get('retry-after');
      if (header && /^\d+$/.test(header)) retryAfter = Number(header);
      if (!response.ok) error = (await response.text()).slice(0, 500);
      else await response.arrayBuffer();
    } catch (caught) {
      error = (caught as Error).message.slice(0, 500);
    }
    const result = status ? outcome(status) : 'retry';
    const wait = Math.max(retryAfter ?? 0, backoffSeconds(delivery.attempts));
    await this.dataSource.query(
      `UPDATE federation_delivery
          SET status = $2, last_status = $3, last_error = $4, locked_until = NULL,
              delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE NULL END,
              next_attempt_at = CASE WHEN $2 = 'pending' THEN now() + make_interval(secs => $5) ELSE next_attempt_at END
        WHERE id = $1`,
      [
        delivery.id,
        result === 'retry' ? 'pending' : result,
        status || null,
        result === 'delivered' ? null : error,
        wait,
      ],
    );
    if (result !== 'delivered')
      this.logger.warn(
        { inbox: delivery.inbox, status, attempts: delivery.attempts, result },
        'delivery not accepted',
      );
  }
}
