/**
 * Why an inbox refuses a message: one machine-readable reason per failed check, each with its
 * HTTP status. The answer body is `{"error": "<reason>", "message": "<human text>"}` and nothing
 * is stored.
 */
export enum RefusalReason {
  /** Content-Type is not application/activity+json or application/ld+json. */
  UNSUPPORTED_CONTENT_TYPE = 'UNSUPPORTED_CONTENT_TYPE',
  /** Body over 1 MiB. */
  BODY_TOO_LARGE = 'BODY_TOO_LARGE',
  /** Not JSON, or not an activity of a known shape. */
  MALFORMED = 'MALFORMED',
  /** No hop token, or one that cannot be decoded. */
  HOP_TOKEN_MISSING = 'HOP_TOKEN_MISSING',
  /** The sender (hop token `iss`) is not in the network directory. */
  NOT_A_MEMBER = 'NOT_A_MEMBER',
  /** The key id is not among the sender's keys, even after fetching them again. */
  UNKNOWN_KEY = 'UNKNOWN_KEY',
  /** The key was revoked. */
  KEY_REVOKED = 'KEY_REVOKED',
  /** Bad signature, wrong typ, audience, method or lifetime. */
  HOP_TOKEN_INVALID = 'HOP_TOKEN_INVALID',
  /** Expired, or issued in the future beyond the clock tolerance. */
  HOP_TOKEN_EXPIRED = 'HOP_TOKEN_EXPIRED',
  /** The SHA-256 of the body is not the one the token binds. */
  BODY_HASH_MISMATCH = 'BODY_HASH_MISMATCH',
  /** This hop token (`jti`) was used before. */
  HOP_TOKEN_REPLAYED = 'HOP_TOKEN_REPLAYED',
  /** The activity's actor is not the sender. */
  ACTOR_MISMATCH = 'ACTOR_MISMATCH',
  /** The origin signature of the object does not verify, or its typ is wrong. */
  ORIGIN_SIGNATURE_INVALID = 'ORIGIN_SIGNATURE_INVALID',
  /** The object was signed by an organisation other than the one it is attributed to or sent by. */
  ORIGIN_MISMATCH = 'ORIGIN_MISMATCH',
  /** This activity id was received before. */
  DUPLICATE_ACTIVITY = 'DUPLICATE_ACTIVITY',
  /** The activity is well formed but this node does not take it (e.g. a Join at a Trust). */
  NOT_ACCEPTED_HERE = 'NOT_ACCEPTED_HERE',
  /** Accept/Reject/Undo for a follow this node does not know. */
  UNKNOWN_FOLLOW = 'UNKNOWN_FOLLOW',
  /** A Join whose ODS code another member (at another address) already has. Final. */
  ODS_CODE_IN_USE = 'ODS_CODE_IN_USE',
}

export const REFUSAL_STATUS: Record<RefusalReason, number> = {
  UNSUPPORTED_CONTENT_TYPE: 415,
  BODY_TOO_LARGE: 413,
  MALFORMED: 400,
  HOP_TOKEN_MISSING: 401,
  NOT_A_MEMBER: 403,
  UNKNOWN_KEY: 401,
  KEY_REVOKED: 401,
  HOP_TOKEN_INVALID: 401,
  HOP_TOKEN_EXPIRED: 401,
  BODY_HASH_MISMATCH: 401,
  HOP_TOKEN_REPLAYED: 401,
  ACTOR_MISMATCH: 403,
  ORIGIN_SIGNATURE_INVALID: 403,
  ORIGIN_MISMATCH: 403,
  DUPLICATE_ACTIVITY: 409,
  NOT_ACCEPTED_HERE: 422,
  UNKNOWN_FOLLOW: 422,
  ODS_CODE_IN_USE: 409,
};

/** A refused message: thrown by a verification step, answered by the inbox. */
export class FederationRefusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'FederationRefusal';
  }

  get status(): number {
    return REFUSAL_STATUS[this.reason];
  }
}
