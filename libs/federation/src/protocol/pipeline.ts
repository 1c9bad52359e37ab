import { type CryptoKey, importJWK } from 'jose';
import { FederationRefusal, RefusalReason } from './refusal';
import { peekHopToken, peekSigned, verifyHopToken, verifySigned } from './signing';
import { parseActivity } from './validate';
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

/** What the pipeline needs to know about the network; implemented over the database. */
export interface InboxPorts {
  /** This inbox's URL, exactly as senders address it (the hop token audience). */
  readonly inboxUrl: string;
  /** The directory entry of an actor, or undefined if it is not a member. */
  member(actor: string): Promise<DirectoryMember | undefined>;
  /** The member that owns a key id, with the key (directory and keys fetched since). */
  keyOwner(kid: string): Promise<{ member: DirectoryMember; key: PublishedKey } | undefined>;
  /** Fetches a member's published keys again from its JWKS URL; called once per unknown kid. */
  refetchKeys(member: DirectoryMember): Promise<void>;
  /** For a Join from a node not yet a member: the keys its actor document publishes. */
  actorKeys(actor: string): Promise<readonly PublishedKey[]>;
  /** The hub's keys as pinned when this node joined (or this node's own keys on the hub). */
  hubKeys(): Promise<readonly PublishedKey[]>;
  /**
   * Fetches the hub's published keys again from the hub this node joined (its JWKS, over the URL
   * pinned at joining) and pins those not revoked; called once when a directory names a new kid.
   */
  refetchHubKeys(): Promise<void>;
  /** The hub's actor URL, if this node has joined a network. */
  hubActor(): Promise<string | undefined>;
  /** Remembers a hop token id until it expires; false if it was seen before. */
  rememberJti(jti: string, expiresAt: Date): Promise<boolean>;
  /** Whether an activity id has been received before. */
  seen(activityId: string): Promise<boolean>;
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
  /** The sender: a member, or for a Join the would-be member's actor URL. */
  readonly sender: DirectoryMember | { readonly actor: string; readonly joining: true };
  /** The verified signed object, for Create, Update, Delete and Announce. */
  readonly payload?: SignedPayload;
  /** The member that signed the payload (its origin). */
  readonly origin?: DirectoryMember;
  readonly jws?: string;
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

/**
 * The inbox's checks, always in this order, each refusing with its own reason (see
 * docs/federation-protocol.md, "Verification"): transport → sender is a member → key known
 * (refetched once) → hop token valid and fresh, bound to this body and inbox → not replayed →
 * actor is the sender → origin signature valid → signer is the origin → activity not seen.
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

  // 2. Sender is a member (a Join comes from a node that is not one yet).
  let sender: VerifiedMessage['sender'];
  let senderKeys: readonly PublishedKey[];
  if (activity.type === 'Join') {
    sender = { actor: iss, joining: true };
    senderKeys = await ports.actorKeys(iss);
  } else {
    const member = await ports.member(iss);
    if (!member) refuse(RefusalReason.NOT_A_MEMBER, `${iss} is not in the network directory`);
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

  // 4. Hop token: signature, audience, method, body hash, freshness; then its id never again.
  const claims = await verifyHopToken(message.hopToken, await publicKey(hopKey), {
    inbox: ports.inboxUrl,
    body: message.body,
  });
  if (!(await ports.rememberJti(claims.jti, new Date(claims.exp * 1000))))
    refuse(RefusalReason.HOP_TOKEN_REPLAYED, 'this hop token was used before');

  // 5. The activity's actor is the sender.
  if (activity.actor !== iss)
    refuse(
      RefusalReason.ACTOR_MISMATCH,
      `activity actor ${activity.actor} is not the sender ${iss}`,
    );

  // 6–7. Origin signature, and the signer is the origin.
  let payload: SignedPayload | undefined;
  let origin: DirectoryMember | undefined;
  if (activity.signedObject !== undefined) {
    ({ payload, origin } = await verifyOrigin(activity, sender, ports));
  }

  // 8. Not seen before.
  if (await ports.seen(activity.id))
    refuse(RefusalReason.DUPLICATE_ACTIVITY, `activity ${activity.id} was received before`);
  return { activity, sender, payload, origin, jws: activity.signedObject };
}

async function verifyOrigin(
  activity: Activity,
  sender: VerifiedMessage['sender'],
  ports: InboxPorts,
): Promise<{ payload: SignedPayload; origin: DirectoryMember }> {
  const jws = activity.signedObject!;
  const peeked = peekSigned(jws);

  if (peeked.typ === DIRECTORY_JWS_TYPE) {
    // Only the hub publishes the directory, signed with a key pinned at joining.
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
    const payload = (await verifySigned(
      jws,
      await publicKey(key),
      DIRECTORY_JWS_TYPE,
    )) as SignedPayload;
    if (payload.type !== 'Directory' || payload.attributedTo !== hub)
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
  const payload = (await verifySigned(
    jws,
    await publicKey(owner.key),
    OBJECT_JWS_TYPE,
  )) as SignedPayload;

  const expected = activity.type === 'Delete' ? 'Tombstone' : 'Lesson';
  if (activity.type !== 'Announce' && payload.type !== expected)
    refuse(RefusalReason.MALFORMED, `${activity.type} must carry a signed ${expected}`);
  if (payload.type !== 'Lesson' && payload.type !== 'Tombstone')
    refuse(RefusalReason.MALFORMED, 'the signed object must be a Lesson or a Tombstone');
  if (payload.id !== activity.object)
    refuse(RefusalReason.MALFORMED, 'activity object is not the id of the signed object');
  // The key must belong to the organisation the object is attributed to, and its ids live there.
  if (
    payload.attributedTo !== owner.member.actor ||
    !payload.id.startsWith(`${owner.member.baseUrl}/`)
  )
    refuse(
      RefusalReason.ORIGIN_MISMATCH,
      `signed by ${owner.member.odsCode}, but attributed to ${payload.attributedTo}`,
    );
  if (activity.type === 'Announce') {
    const hub = await ports.hubActor();
    if (activity.actor !== hub && (sender as DirectoryMember).role !== 'hub')
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
