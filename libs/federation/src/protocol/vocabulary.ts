/**
 * The federation vocabulary: ActivityStreams 2.0 (https://www.w3.org/TR/activitystreams-core/)
 * activities, and a small extension for lessons, tombstones and the network directory. Our own
 * types (decision 0007): activity-kit is unmaintained and `@activity-kit/core` is not published.
 * docs/federation-protocol.md is the normative description; this file mirrors it.
 */

import type { DirectoryObject, LessonObject, TombstoneObject } from './schemas';

export const AS_CONTEXT = 'https://www.w3.org/ns/activitystreams';
/** Our extension's context URL: a name, not fetched by anyone. */
export const LN_CONTEXT = 'https://lessons-network.nhs.uk/ns/v1';
export const CONTEXT = [AS_CONTEXT, LN_CONTEXT] as const;

/** Content type of every activity POSTed to an inbox and of actor documents. */
export const ACTIVITY_CONTENT_TYPE = 'application/activity+json';
/** Also accepted on receipt. */
export const LD_CONTENT_TYPE = 'application/ld+json';

/** JWS `typ` of a signed object (lesson or tombstone): checked on verify. */
export const OBJECT_JWS_TYPE = 'ln-object+jws';
/** JWS `typ` of the signed network directory. */
export const DIRECTORY_JWS_TYPE = 'ln-directory+jws';
/** JWT `typ` of a hop token. */
export const HOP_TOKEN_TYPE = 'ln-hop+jwt';
/** The HTTP header that carries the hop token. */
export const HOP_HEADER = 'ln-hop';
/** The only signature algorithm: Ed25519 (RFC 8037). */
export const ALGORITHM = 'EdDSA';

/** Hop tokens live at most this long; receivers allow this much clock skew. */
export const HOP_TOKEN_MAX_SECONDS = 300;
export const CLOCK_TOLERANCE_SECONDS = 30;
/** Largest body an inbox reads. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type {
  Activity,
  ActivityType,
  DirectoryMember,
  DirectoryObject,
  FollowFilter,
  LessonObject,
  NodeRoleName,
  PublishedKey,
  SharedAction,
  TombstoneObject,
} from './schemas';
export { ACTIVITY_TYPES } from './schemas';

export type SignedPayload = LessonObject | TombstoneObject | DirectoryObject;

/** The URLs of a node, all under its base URL. */
export function nodeUrls(baseUrl: string) {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    base,
    actor: `${base}/federation/actor`,
    inbox: `${base}/federation/inbox`,
    outbox: `${base}/federation/outbox`,
    jwks: `${base}/federation/jwks.json`,
    directory: `${base}/federation/directory`,
    lesson: (id: string) => `${base}/federation/lessons/${id}`,
    activity: (id: string) => `${base}/federation/activities/${id}`,
  };
}
