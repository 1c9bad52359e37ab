import { type CryptoKey, importJWK } from 'jose';
import { FederationRefusal, RefusalReason } from './refusal';
import { peekHopToken, peekSigned, verifyHopToken, verifySigned } from './signing';
import { parseActivity, parseDirectory, parseLesson, parseTombstone } from './validate';
import {
  ACTIVITY_CONTENT_TYPE,
  type Activity,
  ALGORITHM,
  DIRECTORY_JWS_TYPE,
  type DirectoryMember,
  LD_CONTENT_TYPE,
  MAX_BODY_BYTES,
  OBJECT_JWS_TYPE,
  type PublishedKey,
  type SignedPayload,
} from './vocabulary';

/** What a node asking to join says of itself in its actor document (fetched once). */
export interface JoiningActor {
  readonly actor: string;
  readonly odsCode: string;
  readonly name: string;
  /** The role its actor document claims; the hub's quality lead decides the role it gets. */
  readonly role: string;
  readonly keys: readonly PublishedKey[];
}

/** What the pipeline needs to know about the network; implemented over the database. */
export interface InboxPorts {
  /** This inbox's URL, exactly as senders address it (the hop token audience). */
  readonly inboxUrl: string;
  /** This node's actor URL (a Join must name it). */
  readonly selfActor: string;
  /** Whether this node takes Join (only a hub does). */
  readonly acceptsJoin: boolean;
  /** The directory entry of an actor, or undefined if it is not a member. */
  member(actor: string): Promise<DirectoryMember | undefined>;
  /** The member that owns a key id, with the key (directory and keys fetched since). */
  keyOwner(kid: string): Promise<{ member: DirectoryMember; key: PublishedKey } | undefined>;
  /**
   * Fetches a member's published keys again from its JWKS URL, at most once per short interval
   * per member (however many unknown key ids arrive); called once per unknown kid.
   */
  refetchKeys(member: DirectoryMember): Promise<void>;
  /**
   * For a Join from a node not yet a member: its actor document, fetched once (through the guarded
   * fetcher: no private address unless configured). Refuses NOT_ACCEPTED_HERE if it cannot be used.
   */
  joiningActor(actor: string): Promise<JoiningActor>;
  /** The hub's keys as pinned when this node joined (or this node's own keys on the hub). */
  hubKeys(): Promise<readonly PublishedKey[]>;
  /**
   * Fetches the hub's published keys again from the hub this node joined (its JWKS, over the URL
   * pinned at joining) and pins those not revoked; called once when a directory names a new kid.
   */
  refetchHubKeys(): Promise<void>;
  /** The hub's actor URL, if this node has joined a network (its own on a hub). */
  hubActor(): Promise<string | undefined>;
  /**
   * Whether a hop token id was accepted before. Read only: the inbox records the id together with
   * the message's effect, so a refused message leaves no trace.
   */
  jtiUsed(jti: string): Promise<boolean>;
  /** Whether an activity id has been received before from this sender. */
  seen(actor: string, activityId: string): Promise<boolean>;
}

/** An incoming message as the HTTP layer hands it over. */
export interface IncomingMessage {
  readonly contentType: string | undefined;
  readonly body: Buffer;
  readonly hopToken: string | undefined;
}

/** A message that passed every check: content comes only from here. */
export interface VerifiedMessage {
  readonly activity: Activity;
  /** The sender: a member, or for a Join the would-be member as its actor document says. */
  readonly sender: DirectoryMember | (JoiningActor & { readonly joining: true });
  /** The verified signed object, checked against its schema (Create, Update, Delete, Announce). */
  readonly payload?: SignedPayload;
  /** The member that signed the payload (its origin). */
  readonly origin?: DirectoryMember;
  readonly jws?: string;
  /** The hop token's id and expiry: the inbox records them with the message's effect. */
  readonly jti: string;
  readonly jtiExpiresAt: Date;
}

function refuse(reason: RefusalReason, message: string): never {
  throw new FederationRefusal(reason, message);
}

async function publicKey(key: PublishedKey): Promise<CryptoKey | Uint8Array> {
  if (key.status === 'revoked')
    refuse(
      RefusalReason.KEY_REVOKED,
      `key ${key.kid} was revoked${key.revokedAt ? ` on ${key.revokedAt}` : ''}`,
    );
  // Importing a JWK costs about as much as a verification: keep what was imported, by key value.
  let imported = IMPORTED.get(key.x);
  if (!imported) {
    imported = await importJWK({ kty: key.kty, crv: key.crv, x: key.x }, ALGORITHM);
    if (IMPORTED.size >= 10_000) IMPORTED.clear();
    IMPORTED.set(key.x, imported);
  }
  return imported;
}

/** Public keys already imported, by their `x` (the key itself, so a kid cannot alias another key). */
const IMPORTED = new Map<string, CryptoKey | Uint8Array>();

/** The base URL of an actor URL `<base>/federation/actor`, or undefined if it is not one. */
export function actorBase(actor: string): string | undefined {
  const match = /^(https?:\/\/[^\s]+)\/federation\/actor$/.exec(actor);
  return match?.[1];
}

/**
 * The inbox's checks, always in this order, each refusing with its own reason (see
 * docs/federation-protocol.md, "Verification"): transport → sender is a member (a Join: only at a
 * hub, only from a non-member) → key known (refetched once) → hop token valid and fresh, bound to
 * this body and inbox, not used before → actor is the sender and the activity id is under the
 * sender's base URL → origin signature valid → signer is the origin → activity not seen from
 * this sender. Nothing is written here: the inbox records the token id and the receipt with the
 * message's effect.
 */
export async function verifyIncoming(
  message: IncomingMessage,
  ports: InboxPorts,
): Promise<VerifiedMessage> {
  // 1. Transport.
  const type = (message.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type !== ACTIVITY_CONTENT_TYPE && type !== LD_CONTENT_TYPE)
    refuse(RefusalReason.UNSUPPORTED_CONTENT_TYPE, `Content-Type must be ${ACTIVITY_CONTENT_TYPE}`);
  if (message.body.length > MAX_BODY_BYTES)
    refuse(RefusalReason.BODY_TOO_LARGE, `body over ${MAX_BODY_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(message.body.toString('utf8'));
  } catch {
    refuse(RefusalReason.MALFORMED, 'body is not JSON');
  }
  const activity = parseActivity(json);
  if (!message.hopToken) refuse(RefusalReason.HOP_TOKEN_MISSING, 'no ln-hop header');
  const { kid, iss } = peekHopToken(message.hopToken);

  // 2. Sender is a member. A Join comes from a node that is not one yet, and only a hub takes
  //    it: anywhere else, or from a member, it is refused before anything is fetched.
  let sender: VerifiedMessage['sender'];
  let senderKeys: readonly PublishedKey[];
  const member = await ports.member(iss);
  if (activity.type === 'Join' && !member) {
    if (!ports.acceptsJoin)
      refuse(RefusalReason.NOT_A_MEMBER, `${iss} is not in the network directory`);
    if (activity.object !== ports.selfActor)
      refuse(RefusalReason.MALFORMED, 'Join must name this hub as its object');
    if (!actorBase(iss))
      refuse(RefusalReason.MALFORMED, 'the actor of a Join must be <base>/federation/actor');
    const joining = await ports.joiningActor(iss);
    sender = { ...joining, joining: true };
    senderKeys = joining.keys;
  } else {
    if (!member) refuse(RefusalReason.NOT_A_MEMBER, `${iss} is not in the network directory`);
    if (activity.type === 'Join')
      refuse(
        RefusalReason.NOT_ACCEPTED_HERE,
        ports.acceptsJoin ? `${iss} is a member already` : 'this node is not a hub',
      );
    sender = member;
    senderKeys = member.keys;
    // 3. Key known: fetch the member's keys again once if the kid is new (a rotation).
    if (!senderKeys.some((k) => k.kid === kid)) {
      await ports.refetchKeys(member);
      senderKeys = (await ports.member(iss))?.keys ?? [];
    }
  }
  const hopKey = senderKeys.find((k) => k.kid === kid);
  if (!hopKey) refuse(RefusalReason.UNKNOWN_KEY, `key ${kid} is not a key of ${iss}`);

  // 4. Hop token: signature, audience, method, body hash, freshness; its id not used before.
  const claims = await verifyHopToken(message.hopToken, await publicKey(hopKey), {
    inbox: ports.inboxUrl,
    body: message.body,
  });
  if (await ports.jtiUsed(claims.jti))
    refuse(RefusalReason.HOP_TOKEN_REPLAYED, 'this hop token was used before');

  // 5. The activity's actor is the sender, and its id lives under the sender's base URL.
  if (activity.actor !== iss)
    refuse(
      RefusalReason.ACTOR_MISMATCH,
      `activity actor ${activity.actor} is not the sender ${iss}`,
    );
  const base = 'baseUrl' in sender ? sender.baseUrl : actorBase(iss)!;
  if (!activity.id.startsWith(`${base}/`))
    refuse(RefusalReason.ACTOR_MISMATCH, `activity id ${activity.id} is not under ${base}/`);

  // 6–7. Origin signature, and the signer is the origin.
  let payload: SignedPayload | undefined;
  let origin: DirectoryMember | undefined;
  if (activity.signedObject !== undefined) {
    ({ payload, origin } = await verifyOrigin(activity, sender, ports));
  }

  // 8. Not seen before from this sender.
  if (await ports.seen(iss, activity.id))
    refuse(RefusalReason.DUPLICATE_ACTIVITY, `activity ${activity.id} was received before`);
  return {
    activity,
    sender,
    payload,
    origin,
    jws: activity.signedObject,
    jti: claims.jti,
    jtiExpiresAt: new Date(claims.exp * 1000),
  };
}

async function verifyOrigin(
  activity: Activity,
  sender: VerifiedMessage['sender'],
  ports: InboxPorts,
): Promise<{ payload: SignedPayload; origin: DirectoryMember }> {
  const jws = activity.signedObject!;
  const peeked = peekSigned(jws);

  if (peeked.typ === DIRECTORY_JWS_TYPE) {
    // Only the hub this node joined publishes the directory, signed with a key pinned at joining.
    const hub = await ports.hubActor();
    if (!hub || activity.actor !== hub || activity.type !== 'Update')
      refuse(RefusalReason.ORIGIN_MISMATCH, 'only the hub sends the directory, as an Update');
    let key = (await ports.hubKeys()).find((k) => k.kid === peeked.kid);
    if (!key) {
      // The hub rotated its key since this node pinned it: fetch the hub's keys once.
      await ports.refetchHubKeys();
      key = (await ports.hubKeys()).find((k) => k.kid === peeked.kid);
    }
    if (!key) refuse(RefusalReason.UNKNOWN_KEY, `directory key ${peeked.kid} is not pinned`);
    const signed = await verifySigned(jws, await publicKey(key), DIRECTORY_JWS_TYPE);
    const payload = parseDirectory(signed);
    if (payload.attributedTo !== hub)
      refuse(RefusalReason.ORIGIN_MISMATCH, 'the directory must be attributed to the hub');
    return { payload, origin: sender as DirectoryMember };
  }

  let owner = await ports.keyOwner(peeked.kid);
  if (!owner) {
    // A key rotated at the origin since we last fetched: fetch the claimed origin's keys once.
    const claimed = (peeked.payload as { attributedTo?: unknown } | null)?.attributedTo;
    const member = typeof claimed === 'string' ? await ports.member(claimed) : undefined;
    if (member) {
      await ports.refetchKeys(member);
      owner = await ports.keyOwner(peeked.kid);
    }
  }
  if (!owner) refuse(RefusalReason.UNKNOWN_KEY, `origin key ${peeked.kid} belongs to no member`);
  const signed = await verifySigned(jws, await publicKey(owner.key), OBJECT_JWS_TYPE);

  const kind = (signed as { type?: unknown } | null)?.type;
  const expected = activity.type === 'Delete' ? 'Tombstone' : 'Lesson';
  if (activity.type !== 'Announce' && kind !== expected)
    refuse(RefusalReason.MALFORMED, `${activity.type} must carry a signed ${expected}`);
  if (kind !== 'Lesson' && kind !== 'Tombstone')
    refuse(RefusalReason.MALFORMED, 'the signed object must be a Lesson or a Tombstone');
  // Shape, bounds and taxonomy codes: the same schema the origin built it with.
  const payload = kind === 'Lesson' ? parseLesson(signed) : parseTombstone(signed);
  if (payload.id !== activity.object)
    refuse(RefusalReason.MALFORMED, 'activity object is not the id of the signed object');
  // The key must belong to the organisation the object is attributed to, its ids live there, and
  // a lesson names that organisation as its origin: no member speaks for another.
  if (
    payload.attributedTo !== owner.member.actor ||
    !payload.id.startsWith(`${owner.member.baseUrl}/`)
  )
    refuse(
      RefusalReason.ORIGIN_MISMATCH,
      `signed by ${owner.member.odsCode}, but attributed to ${payload.attributedTo}`,
    );
  if (payload.type === 'Lesson' && payload.origin.odsCode !== owner.member.odsCode)
    refuse(
      RefusalReason.ORIGIN_MISMATCH,
      `signed by ${owner.member.odsCode}, but names ${payload.origin.odsCode} as its origin`,
    );
  if (activity.type === 'Announce') {
    // Only the hub named by the directory relays, whatever role another member was given.
    if (activity.actor !== (await ports.hubActor()))
      refuse(RefusalReason.ORIGIN_MISMATCH, 'only the hub relays (Announce) lessons');
  } else if (activity.actor !== owner.member.actor) {
    // A member may create, update or delete only its own lessons.
    refuse(
      RefusalReason.ORIGIN_MISMATCH,
      `${activity.actor} cannot ${activity.type} a lesson of ${owner.member.odsCode}`,
    );
  }
  return { payload, origin: owner.member };
}
