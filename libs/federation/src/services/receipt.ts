import { FederationRefusal, RefusalReason } from '../protocol/refusal';

/**
 * The two writes every accepted message makes with its effect, as SQL common table expressions
 * `token` (the hop token id, until it expires) and `receipt` (the sender's activity id, for ever),
 * each inserting nothing if a racing message took it first. `$n` are the parameter positions.
 */
export function recordCtes(p: {
  actor: number;
  id: number;
  type: number;
  jti: number;
  expires: number;
}): string {
  return `token AS (
         INSERT INTO federation_hop_token (jti, expires_at) VALUES ($${p.jti}, $${p.expires})
         ON CONFLICT DO NOTHING RETURNING jti
       ), receipt AS (
         INSERT INTO federation_receipt (actor, activity_id, type) VALUES ($${p.actor}, $${p.id}, $${p.type})
         ON CONFLICT DO NOTHING RETURNING activity_id
       )`;
}

/** Refuses the message whose token or receipt a racing message recorded first. */
export function refuseUnrecorded(
  row: { token?: number; receipt?: number } | undefined,
  activityId: string,
): void {
  if (!row?.token)
    throw new FederationRefusal(RefusalReason.HOP_TOKEN_REPLAYED, 'this hop token was used before');
  if (!row.receipt)
    throw new FederationRefusal(
      RefusalReason.DUPLICATE_ACTIVITY,
      `activity ${activityId} was received before`,
    );
}
