/**
 * The federation vocabulary: ActivityStreams 2.0 (https://www.w3.org/TR/activitystreams-core/)
 * activities, and a small extension for lessons, tombstones and the network directory. Our own
 * types (decision 0007): activity-kit is unmaintained and `@activity-kit/core` is not published.
 * docs/federation-protocol.md is the normative description; this file mirrors it.
 */

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

export type NodeRoleName = 'trust' | 'commissioner' | 'regulator' | 'hub';

/** What a follower wants: every criterion given must match; within one, any value matches. */
export interface FollowFilter {
  readonly themes?: readonly string[];
  readonly careSettings?: readonly string[];
  /** Lessons with physical harm at this level or worse. */
  readonly minimumHarm?: string;
  /** ODS codes of origin organisations (for a follower of the hub). */
  readonly organisations?: readonly string[];
  readonly learningSources?: readonly string[];
}

/** One action of a shared lesson: anonymised text only, no owner names, no dates beyond a month. */
export interface SharedAction {
  readonly description: string;
  readonly ownerRole: string;
  readonly strength: string;
  readonly status: string;
  readonly dueMonth: string | null;
  readonly evidence: string | null;
}

/** A lesson as it travels: built only from the anonymised projection and coded fields. */
export interface LessonObject {
  readonly '@context': readonly string[];
  readonly id: string;
  readonly type: 'Lesson';
  /** The origin organisation's actor. The signing key must belong to it. */
  readonly attributedTo: string;
  readonly origin: { readonly odsCode: string; readonly name: string };
  /** Increases with every shared revision; receivers ignore anything not newer than they hold. */
  readonly version: number;
  readonly published: string;
  readonly updated: string;
  readonly audience: 'network' | 'public';
  readonly name: string;
  readonly summary: string;
  readonly template: string;
  readonly sections: readonly { readonly key: string; readonly text: string }[];
  readonly keyLearningPoints: readonly string[];
  readonly learningSource: string | null;
  readonly eventType: string | null;
  readonly themes: readonly string[];
  readonly careSetting: string | null;
  readonly specialty: string | null;
  readonly physicalHarm: string | null;
  readonly psychologicalHarm: string | null;
  readonly contributoryFactors: readonly string[];
  /** YYYY-MM: never an exact date. */
  readonly occurredMonth: string | null;
  readonly actions: readonly SharedAction[];
}

/** What is left of a retracted lesson everywhere it went. */
export interface TombstoneObject {
  readonly '@context': readonly string[];
  readonly id: string;
  readonly type: 'Tombstone';
  readonly formerType: 'Lesson';
  readonly attributedTo: string;
  readonly version: number;
  readonly deleted: string;
}

/** One member of the network as the hub lists it. */
export interface DirectoryMember {
  readonly odsCode: string;
  readonly name: string;
  readonly role: NodeRoleName;
  readonly actor: string;
  readonly inbox: string;
  readonly baseUrl: string;
  readonly keys: readonly PublishedKey[];
}

/** The hub's list of members, signed by the hub; a higher version replaces a lower one. */
export interface DirectoryObject {
  readonly '@context': readonly string[];
  readonly id: string;
  readonly type: 'Directory';
  readonly attributedTo: string;
  readonly version: number;
  readonly issued: string;
  readonly members: readonly DirectoryMember[];
}

export type SignedPayload = LessonObject | TombstoneObject | DirectoryObject;

/** A public Ed25519 key as published (a JWK with our status fields). */
export interface PublishedKey {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly kid: string;
  readonly alg: 'EdDSA';
  readonly use: 'sig';
  /** `revoked` keys verify nothing; `retired` keys no longer sign but still verify. */
  readonly status: 'active' | 'retired' | 'revoked';
  readonly revokedAt?: string;
}

export type ActivityType =
  'Create' | 'Update' | 'Delete' | 'Announce' | 'Follow' | 'Accept' | 'Reject' | 'Undo' | 'Join';

export const ACTIVITY_TYPES: readonly ActivityType[] = [
  'Create',
  'Update',
  'Delete',
  'Announce',
  'Follow',
  'Accept',
  'Reject',
  'Undo',
  'Join',
];

/** Every activity POSTed between nodes. */
export interface Activity {
  readonly '@context': readonly string[];
  readonly id: string;
  readonly type: ActivityType;
  readonly actor: string;
  readonly published: string;
  /** A URL (lesson, actor, directory) or, for Accept/Reject/Undo, the id of the Follow. */
  readonly object: string;
  /** Create, Update, Delete, Announce: the origin's compact JWS of the object, never re-signed. */
  readonly signedObject?: string;
  /** Follow only. */
  readonly filter?: FollowFilter;
  /** Join only: who is asking. */
  readonly member?: {
    readonly odsCode: string;
    readonly name: string;
    readonly role: NodeRoleName;
  };
}

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
