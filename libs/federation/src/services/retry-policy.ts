/**
 * How deliveries are retried: one place, as data (docs/federation-protocol.md, section 12).
 */
export const RETRY_POLICY = {
  /** Wait before the second attempt; each later wait is `factor` times longer. */
  firstDelaySeconds: 2,
  factor: 2,
  /** No wait is longer than this. */
  maxDelaySeconds: 3600,
  /** Each wait is moved by up to this fraction either way, so peers are not hit in step. */
  jitter: 0.25,
  /** A delivery still failing this long after it was queued becomes a dead letter. */
  giveUpAfterSeconds: 72 * 3600,
  /**
   * Answers that end a delivery at once: delivered (2xx, or 409 DUPLICATE_ACTIVITY: the receiver
   * has it) or dead (any other 4xx but 408 and 429, e.g. 409 ODS_CODE_IN_USE).
   */
  outcome(status: number, reason?: string): 'delivered' | 'dead' | 'retry' {
    if (status >= 200 && status < 300) return 'delivered';
    if (status === 409 && (reason === undefined || reason === 'DUPLICATE_ACTIVITY'))
      return 'delivered';
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) return 'dead';
    return 'retry';
  },
  /** After this many failures in a row an inbox's circuit opens: nothing is sent to it … */
  circuitFailures: 5,
  /** … for this long, doubling each time it opens again, at most `circuitMaxOpenSeconds`. */
  circuitOpenSeconds: 30,
  circuitMaxOpenSeconds: 3600,
} as const;

/** Seconds to wait before attempt `attempts + 1` (attempts made so far ≥ 1). */
export function backoffSeconds(attempts: number, random = Math.random): number {
  const base = Math.min(
    RETRY_POLICY.maxDelaySeconds,
    RETRY_POLICY.firstDelaySeconds * RETRY_POLICY.factor ** Math.min(Math.max(attempts - 1, 0), 20),
  );
  const jitter = 1 - RETRY_POLICY.jitter + random() * 2 * RETRY_POLICY.jitter;
  return Math.max(1, Math.round(base * jitter));
}

/** How long an inbox's circuit stays open after it has opened `openings` times in a row. */
export function circuitOpenSeconds(openings: number): number {
  return Math.min(
    RETRY_POLICY.circuitMaxOpenSeconds,
    RETRY_POLICY.circuitOpenSeconds * 2 ** Math.min(Math.max(openings - 1, 0), 20),
  );
}
