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
import { backoffSeconds, circuitOpenSeconds, RETRY_POLICY } from './retry-policy';
import { FederationKeysService } from './federation-keys.service';
import { OutboundFetcher, AddressRefused } from './outbound-fetcher';
import { OutboxService } from './outbox.service';

/** How many requests one worker keeps in flight at once. */
const CONCURRENCY = 64;
const REQUEST_TIMEOUT_MS = 15_000;

interface Claimed {
  id: string;
  inbox: string;
  attempts: number;
  body: string;
  /** Seconds since the delivery was queued. */
  age: number;
  /** The inbox's circuit has counted failures (so a success must reset it). */
  failing: boolean;
}

/** A string field of a JSON answer, if it has one. */
function answerField(text: string, field: string): string | undefined {
  try {
    const value = (JSON.parse(text) as Record<string, unknown>)[field];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** What one attempt came to, written in batches. */
interface Outcome {
  id: string;
  status: 'pending' | 'delivered' | 'dead';
  lastStatus: number | null;
  lastError: string | null;
  wait: number;
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
  private results: Outcome[] = [];
  private again = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: NodeConfig,
    private readonly keys: FederationKeysService,
    private readonly outbox: OutboxService,
    private readonly fetcher: OutboundFetcher,
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

  /**
   * Sends everything due, keeping up to {@link CONCURRENCY} requests in flight: a slow peer holds
   * one slot, not the queue. Returns when nothing is due and nothing is in flight.
   */
  async drain(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      await this.flush();
      if (this.stopped) break;
      const room = CONCURRENCY - inFlight.size;
      const batch = room > 0 ? await this.claim(room) : [];
      for (const delivery of batch) {
        const sending: Promise<void> = this.send(delivery)
          .then((result) => void this.results.push(result))
          .catch((error: unknown) => this.logger.error({ err: error }, 'delivery failed'))
          .finally(() => inFlight.delete(sending));
        inFlight.add(sending);
      }
      if (inFlight.size === 0 && this.results.length === 0) return;
      // Wait for a slot, or a moment for new work to become due, whichever comes first.
      if (inFlight.size > 0 && (batch.length === 0 || inFlight.size >= CONCURRENCY)) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          ...inFlight,
          new Promise<void>(
            (resolve) => (timer = setTimeout(resolve, this.config.federationPollMs)),
          ),
        ]);
        clearTimeout(timer);
      }
    }
    await Promise.all(inFlight);
    await this.flush();
  }

  /** Writes the outcomes of finished sends, all in one statement. */
  private async flush(): Promise<void> {
    if (this.results.length === 0) return;
    const results = this.results.splice(0);
    await this.dataSource.query(
      `UPDATE federation_delivery d
          SET status = u.status, last_status = u.last_status, last_error = u.last_error,
              locked_until = NULL,
              delivered_at = CASE WHEN u.status = 'delivered' THEN now() ELSE NULL END,
              next_attempt_at = CASE WHEN u.status = 'pending'
                                     THEN now() + make_interval(secs => u.wait)
                                     ELSE d.next_attempt_at END
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::float8[])
              AS u(id, status, last_status, last_error, wait)
        WHERE d.id = u.id`,
      [
        results.map((r) => r.id),
        results.map((r) => r.status),
        results.map((r) => r.lastStatus),
        results.map((r) => r.lastError),
        results.map((r) => r.wait),
      ],
    );
  }

  /**
   * Claims due deliveries: pending, due, not leased by another worker, their inbox's circuit not
   * open, and no earlier activity about the same object still pending for the same inbox (so a
   * Delete never overtakes its Create).
   */
  private async claim(limit: number): Promise<Claimed[]> {
    const rows: unknown = await this.dataSource.query(
      `UPDATE federation_delivery d
          SET locked_until = now() + make_interval(secs => $2), attempts = d.attempts + 1
         FROM federation_outbox o
        WHERE o.id = d.outbox_id
          AND d.id IN (
            SELECT c.id FROM federation_delivery c
              JOIN federation_outbox co ON co.id = c.outbox_id
             WHERE c.status = 'pending' AND c.next_attempt_at <= now()
               AND (c.locked_until IS NULL OR c.locked_until < now())
               AND NOT EXISTS (SELECT 1 FROM federation_circuit p
                                WHERE p.inbox = c.inbox AND p.open_until > now())
               AND NOT EXISTS (SELECT 1 FROM federation_delivery e
                                 JOIN federation_outbox eo ON eo.id = e.outbox_id
                                WHERE e.inbox = c.inbox AND e.status = 'pending'
                                  AND eo.object_id = co.object_id AND eo.seq < co.seq)
             ORDER BY c.next_attempt_at
             LIMIT $1
             FOR UPDATE OF c SKIP LOCKED)
        RETURNING d.id, d.inbox, d.attempts, o.body,
                  EXTRACT(EPOCH FROM now() - d.created_at)::float8 AS age,
                  EXISTS (SELECT 1 FROM federation_circuit p
                           WHERE p.inbox = d.inbox AND (p.failures > 0 OR p.open_until IS NOT NULL)) AS failing`,
      [limit, this.config.federationLeaseSeconds],
    );
    return (rows as [Claimed[], number])[0] ?? (rows as Claimed[]);
  }

  private async send(delivery: Claimed): Promise<Outcome> {
    let status = 0;
    let error: string | null = null;
    let note: string | null = null;
    let reason: string | undefined;
    let retryAfter: number | undefined;
    try {
      const token = await signHopToken({
        sender: nodeUrls(this.config.baseUrl).actor,
        inbox: delivery.inbox,
        body: delivery.body,
        key: await this.keys.signingKey(),
      });
      const response = await this.fetcher.request(delivery.inbox, {
        method: 'POST',
        headers: { 'content-type': ACTIVITY_CONTENT_TYPE, [HOP_HEADER]: token },
        body: delivery.body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      status = response.status;
      const header = response.headers.get('retry-after');
      if (header && /^\d+$/.test(header)) retryAfter = Number(header);
      const text = (await response.text()).slice(0, 2000);
      if (!response.ok) {
        error = text.slice(0, 500);
        reason = answerField(text, 'error');
      } else if (answerField(text, 'outcome') === 'quarantined') {
        // Taken, but held by the receiver's second look: tell this node's quality lead why.
        note = `held in quarantine by the receiver: ${text.slice(0, 480)}`;
      }
    } catch (caught) {
      error = (caught as Error).message.slice(0, 500);
      // An address this node may not call is a final answer, not a network fault.
      if (caught instanceof AddressRefused) reason = 'ADDRESS_REFUSED';
    }
    let result =
      reason === 'ADDRESS_REFUSED'
        ? 'dead'
        : status
          ? RETRY_POLICY.outcome(status, reason)
          : 'retry';
    const wait = Math.max(retryAfter ?? 0, backoffSeconds(delivery.attempts));
    // Still failing after the retry window: give up (a dead letter a quality lead can retry).
    if (result === 'retry' && delivery.age + wait > RETRY_POLICY.giveUpAfterSeconds)
      result = 'dead';
    // A success only touches the circuit table when the inbox had failures to forget.
    const answered = status > 0 && RETRY_POLICY.outcome(status) !== 'retry';
    if (!answered || delivery.failing) await this.recordCircuit(delivery.inbox, answered);
    if (result !== 'delivered')
      this.logger.warn(
        { inbox: delivery.inbox, status, attempts: delivery.attempts, result },
        'delivery not accepted',
      );
    return {
      id: delivery.id,
      status: result === 'retry' ? 'pending' : result,
      lastStatus: status || null,
      lastError: result === 'delivered' ? note : error,
      wait,
    };
  }

  /**
   * A peer that answers (even with a refusal) is up: its circuit closes. One that fails (no answer,
   * 5xx, 408, 429) counts a failure; after enough in a row its circuit opens for a while.
   */
  private async recordCircuit(inbox: string, answered: boolean): Promise<void> {
    if (answered) {
      await this.dataSource.query(
        `UPDATE federation_circuit SET failures = 0, openings = 0, open_until = NULL, updated_at = now()
          WHERE inbox = $1 AND (failures > 0 OR open_until IS NOT NULL)`,
        [inbox],
      );
      return;
    }
    const rows: unknown = await this.dataSource.query(
      `INSERT INTO federation_circuit (inbox, failures, openings) VALUES ($1, 1, 0)
       ON CONFLICT (inbox) DO UPDATE SET failures = federation_circuit.failures + 1, updated_at = now()
       RETURNING failures, openings`,
      [inbox],
    );
    const [row] = rows as { failures: number; openings: number }[];
    if (row && row.failures >= RETRY_POLICY.circuitFailures) {
      const seconds = circuitOpenSeconds(row.openings + 1);
      await this.dataSource.query(
        `UPDATE federation_circuit
            SET failures = 0, openings = openings + 1, open_until = now() + make_interval(secs => $2)
          WHERE inbox = $1`,
        [inbox, seconds],
      );
      this.logger.warn({ inbox, seconds }, 'circuit opened: not sending to this inbox for a while');
    }
  }
}
