/* eslint-disable @typescript-eslint/require-await -- in-memory ports implement an async interface */
import { createHash } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { bodyHash } from './signing';
import { matchesFilter, mayFetchJoiningActor } from './filter';
import { type InboxPorts, verifyIncoming } from './pipeline';
import { FederationRefusal, RefusalReason } from './refusal';
import { signHopToken, signObject, type SigningKey } from './signing';
import {
  type Activity,
  CONTEXT,
  DIRECTORY_JWS_TYPE,
  type DirectoryMember,
  type LessonObject,
  nodeUrls,
  OBJECT_JWS_TYPE,
  type PublishedKey,
} from './vocabulary';

interface TestMember {
  member: DirectoryMember;
  key: SigningKey;
}

async function makeMember(odsCode: string, role: DirectoryMember['role'] = 'trust') {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  const kid = `${odsCode}-1`;
  const jwk = await exportJWK(publicKey);
  const urls = nodeUrls(`http://${odsCode.toLowerCase()}.test`);
  const key: PublishedKey = {
    kty: 'OKP',
    crv: 'Ed25519',
    x: jwk.x!,
    kid,
    alg: 'EdDSA',
    use: 'sig',
    status: 'active',
  };
  return {
    member: {
      odsCode,
      name: `${odsCode} Trust`,
      role,
      actor: urls.actor,
      inbox: urls.inbox,
      baseUrl: urls.base,
      keys: [key],
    },
    key: { kid, privateKey },
  } satisfies TestMember;
}

/** A stable UUID for a short name, so tests can say 'l1'. */
function uuidOf(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function lesson(origin: DirectoryMember, id = 'l1', version = 1): LessonObject {
  return {
    '@context': CONTEXT,
    id: nodeUrls(origin.baseUrl).lesson(uuidOf(id)),
    type: 'Lesson',
    attributedTo: origin.actor,
    origin: { odsCode: origin.odsCode, name: origin.name },
    version,
    published: '2026-11-01T00:00:00Z',
    updated: '2026-11-01T00:00:00Z',
    audience: 'network',
    name: 'Missed escalation',
    summary: 'A summary.',
    template: 'sbar',
    sections: [{ key: 'situation', text: 'Text.' }],
    keyLearningPoints: ['Escalate'],
    learningSource: 'psii',
    eventType: null,
    themes: ['deterioration'],
    careSetting: 'acute',
    specialty: null,
    physicalHarm: 'moderate',
    psychologicalHarm: null,
    contributoryFactors: [],
    occurredMonth: '2026-10',
    actions: [],
  };
}

describe('the inbox verification pipeline', () => {
  let a: TestMember;
  let b: TestMember;
  let hub: TestMember;
  let outsider: TestMember;
  let ports: InboxPorts;
  let jtis: Set<string>;
  let seenIds: Set<string>;
  let refetched: string[];
  let fetchedActors: string[];

  beforeAll(async () => {
    a = await makeMember('RAA');
    b = await makeMember('RBB');
    hub = await makeMember('HUB', 'hub');
    outsider = await makeMember('ROUT');
  });

  beforeEach(() => {
    jtis = new Set();
    seenIds = new Set();
    refetched = [];
    fetchedActors = [];
    const members = [a, b, hub].map((m) => m.member);
    ports = {
      inboxUrl: b.member.inbox,
      selfActor: b.member.actor,
      acceptsJoin: false,
      member: async (actor) => members.find((m) => m.actor === actor),
      keyOwner: async (kid) => {
        for (const member of members) {
          const key = member.keys.find((k) => k.kid === kid);
          if (key) return { member, key };
        }
        return undefined;
      },
      refetchKeys: async (member) => {
        refetched.push(member.odsCode);
      },
      joiningActor: async (actor) => {
        fetchedActors.push(actor);
        if (actor !== outsider.member.actor) throw new Error('unexpected fetch');
        const { odsCode, name, role, keys } = outsider.member;
        return { actor, odsCode, name, role, keys };
      },
      hubKeys: async () => hub.member.keys,
      refetchHubKeys: async () => undefined,
      hubActor: async () => hub.member.actor,
      jtiUsed: async (jti) => jtis.has(jti),
      seen: async (actor, id) => seenIds.has(`${actor} ${id}`),
    };
  });

  async function create(
    from: TestMember,
    object: LessonObject,
    signer: TestMember = from,
    type: Activity['type'] = 'Create',
  ): Promise<Activity> {
    return {
      '@context': CONTEXT,
      id: `${from.member.baseUrl}/federation/activities/${Math.random()}`,
      type,
      actor: from.member.actor,
      published: new Date().toISOString(),
      object: object.id,
      signedObject: await signObject(object, signer.key, OBJECT_JWS_TYPE),
    };
  }

  async function send(
    from: TestMember,
    activity: unknown,
    options: { body?: string; token?: string | null; contentType?: string; inbox?: string } = {},
  ) {
    const body = options.body ?? JSON.stringify(activity);
    const token =
      options.token === null
        ? undefined
        : (options.token ??
          (await signHopToken({
            sender: from.member.actor,
            inbox: options.inbox ?? b.member.inbox,
            body,
            key: from.key,
          })));
    const verified = await verifyIncoming(
      {
        contentType: options.contentType ?? 'application/activity+json',
        body: Buffer.from(body),
        hopToken: token,
      },
      ports,
    );
    // What the inbox does with a message that passed: it records the token id.
    jtis.add(verified.jti);
    return verified;
  }

  async function reason(promise: Promise<unknown>): Promise<RefusalReason> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof FederationRefusal) return error.reason;
      throw error;
    }
    throw new Error('expected a refusal');
  }

  it('accepts a Create signed by its origin and sent by it, and returns the verified lesson', async () => {
    const verified = await send(a, await create(a, lesson(a.member)));
    expect(verified.payload).toMatchObject({ type: 'Lesson', name: 'Missed escalation' });
    expect(verified.origin?.odsCode).toBe('RAA');
  });

  it('accepts a relay by the hub of a lesson signed by its origin', async () => {
    const activity = await create(hub, lesson(a.member), a, 'Announce');
    const verified = await send(hub, activity);
    expect(verified.origin?.odsCode).toBe('RAA');
  });

  it('refuses transport faults: content type, size, malformed JSON, unknown shapes', async () => {
    const activity = await create(a, lesson(a.member));
    expect(await reason(send(a, activity, { contentType: 'text/plain' }))).toBe(
      RefusalReason.UNSUPPORTED_CONTENT_TYPE,
    );
    expect(await reason(send(a, activity, { body: 'x'.repeat(1024 * 1024 + 1) }))).toBe(
      RefusalReason.BODY_TOO_LARGE,
    );
    expect(await reason(send(a, activity, { body: '{"type": "Create",' }))).toBe(
      RefusalReason.MALFORMED,
    );
    expect(await reason(send(a, { ...activity, type: 'Like' }))).toBe(RefusalReason.MALFORMED);
    expect(await reason(send(a, { ...activity, signedObject: undefined }))).toBe(
      RefusalReason.MALFORMED,
    );
  });

  it('refuses unsigned messages, senders not in the directory and unknown keys (after one refetch)', async () => {
    const activity = await create(a, lesson(a.member));
    expect(await reason(send(a, activity, { token: null }))).toBe(RefusalReason.HOP_TOKEN_MISSING);
    expect(await reason(send(a, activity, { token: 'garbage' }))).toBe(
      RefusalReason.HOP_TOKEN_MISSING,
    );
    expect(await reason(send(outsider, { ...activity, actor: outsider.member.actor }))).toBe(
      RefusalReason.NOT_A_MEMBER,
    );
    const impostor = { ...a, key: { ...outsider.key, kid: 'RAA-9' } };
    expect(await reason(send(impostor, activity))).toBe(RefusalReason.UNKNOWN_KEY);
    expect(refetched).toEqual(['RAA']);
  });

  it('refuses a revoked key', async () => {
    const revoked = { ...a.member, keys: [{ ...a.member.keys[0]!, status: 'revoked' as const }] };
    ports = { ...ports, member: async (actor) => (actor === a.member.actor ? revoked : undefined) };
    expect(await reason(send(a, await create(a, lesson(a.member))))).toBe(
      RefusalReason.KEY_REVOKED,
    );
  });

  it('refuses a token for another inbox, another body, a forged signature, or too long a life', async () => {
    const activity = await create(a, lesson(a.member));
    expect(await reason(send(a, activity, { inbox: hub.member.inbox }))).toBe(
      RefusalReason.HOP_TOKEN_INVALID,
    );
    const token = await signHopToken({
      sender: a.member.actor,
      inbox: b.member.inbox,
      body: JSON.stringify(activity),
      key: a.key,
    });
    const tampered = JSON.stringify({ ...activity, published: '2020-01-01T00:00:00Z' });
    expect(await reason(send(a, activity, { body: tampered, token }))).toBe(
      RefusalReason.BODY_HASH_MISMATCH,
    );
    const iat = Math.floor(Date.now() / 1000);
    const longLived = await new SignJWT({ htm: 'POST', bsh: bodyHash(JSON.stringify(activity)) })
      .setProtectedHeader({ alg: 'EdDSA', kid: a.key.kid, typ: 'ln-hop+jwt' })
      .setIssuer(a.member.actor)
      .setAudience(b.member.inbox)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .setJti('long-lived')
      .sign(a.key.privateKey);
    expect(await reason(send(a, activity, { token: longLived }))).toBe(
      RefusalReason.HOP_TOKEN_INVALID,
    );
    const forged = `${token.slice(0, token.lastIndexOf('.'))}.${'A'.repeat(86)}`;
    expect(await reason(send(a, activity, { token: forged }))).toBe(
      RefusalReason.HOP_TOKEN_INVALID,
    );
  });

  it('refuses stale and future tokens, and a token used twice', async () => {
    const activity = await create(a, lesson(a.member));
    const body = JSON.stringify(activity);
    const stale = await signHopToken({
      sender: a.member.actor,
      inbox: b.member.inbox,
      body,
      key: a.key,
      now: Date.now() - 10 * 60_000,
    });
    expect(await reason(send(a, activity, { token: stale }))).toBe(RefusalReason.HOP_TOKEN_EXPIRED);
    const future = await signHopToken({
      sender: a.member.actor,
      inbox: b.member.inbox,
      body,
      key: a.key,
      now: Date.now() + 10 * 60_000,
    });
    expect(await reason(send(a, activity, { token: future }))).toBe(
      RefusalReason.HOP_TOKEN_EXPIRED,
    );
    const token = await signHopToken({
      sender: a.member.actor,
      inbox: b.member.inbox,
      body,
      key: a.key,
    });
    await send(a, activity, { token });
    expect(await reason(send(a, activity, { token }))).toBe(RefusalReason.HOP_TOKEN_REPLAYED);
  });

  it("refuses a tampered lesson, a member claiming another's lesson, and a Delete of another's lesson", async () => {
    const activity = await create(a, lesson(a.member));
    const [h, , s] = activity.signedObject!.split('.');
    const otherPayload = Buffer.from(
      JSON.stringify({ ...lesson(a.member), name: 'Changed' }),
    ).toString('base64url');
    expect(await reason(send(a, { ...activity, signedObject: `${h}.${otherPayload}.${s}` }))).toBe(
      RefusalReason.ORIGIN_SIGNATURE_INVALID,
    );
    // B signs a lesson that says it is A's.
    expect(await reason(send(b, await create(b, lesson(a.member))))).toBe(
      RefusalReason.ORIGIN_MISMATCH,
    );
    // B relays A's genuinely signed lesson as if it were its own Create.
    const relayed = {
      ...(await create(a, lesson(a.member))),
      id: `${b.member.baseUrl}/federation/activities/relayed`,
      actor: b.member.actor,
    };
    expect(await reason(send(b, relayed))).toBe(RefusalReason.ORIGIN_MISMATCH);
    // B deletes A's lesson with a tombstone B signed.
    const tombstone = {
      '@context': CONTEXT,
      id: lesson(a.member).id,
      type: 'Tombstone',
      formerType: 'Lesson',
      attributedTo: a.member.actor,
      version: 2,
      deleted: new Date().toISOString(),
    };
    const del: Activity = {
      '@context': CONTEXT,
      id: `${b.member.baseUrl}/federation/activities/del`,
      type: 'Delete',
      actor: b.member.actor,
      published: new Date().toISOString(),
      object: tombstone.id,
      signedObject: await signObject(tombstone, b.key, OBJECT_JWS_TYPE),
    };
    expect(await reason(send(b, del))).toBe(RefusalReason.ORIGIN_MISMATCH);
    // Only the hub relays.
    expect(await reason(send(b, await create(b, lesson(a.member), a, 'Announce')))).toBe(
      RefusalReason.ORIGIN_MISMATCH,
    );
    // A signature of the right key but the wrong typ (a directory JWS posing as a lesson).
    const wrongTyp = {
      ...activity,
      signedObject: await signObject(lesson(a.member), a.key, 'JWT'),
    };
    expect(await reason(send(a, wrongTyp))).toBe(RefusalReason.ORIGIN_SIGNATURE_INVALID);
  });

  it('refuses a directory from anyone but the pinned hub', async () => {
    const directory = {
      '@context': CONTEXT,
      id: nodeUrls(a.member.baseUrl).directory,
      type: 'Directory',
      attributedTo: a.member.actor,
      version: 9,
      issued: new Date().toISOString(),
      members: [],
    };
    const update: Activity = {
      '@context': CONTEXT,
      id: `${a.member.baseUrl}/federation/activities/dir`,
      type: 'Update',
      actor: a.member.actor,
      published: new Date().toISOString(),
      object: directory.id,
      signedObject: await signObject(directory, a.key, DIRECTORY_JWS_TYPE),
    };
    expect(await reason(send(a, update))).toBe(RefusalReason.ORIGIN_MISMATCH);
  });

  it('refuses an activity id received before', async () => {
    const activity = await create(a, lesson(a.member));
    await send(a, activity);
    seenIds.add(`${a.member.actor} ${activity.id}`);
    expect(await reason(send(a, activity))).toBe(RefusalReason.DUPLICATE_ACTIVITY);
  });

  it('lets a node that is not a member ask a hub to join, verified with its own published key', async () => {
    const join = joinOf(outsider, hub);
    ports = {
      ...ports,
      inboxUrl: hub.member.inbox,
      selfActor: hub.member.actor,
      acceptsJoin: true,
    };
    const verified = await send(outsider, join, { inbox: hub.member.inbox });
    expect(verified.sender).toMatchObject({
      actor: outsider.member.actor,
      odsCode: 'ROUT',
      joining: true,
    });
    expect(fetchedActors).toEqual([outsider.member.actor]);
  });

  it('refuses a Join at a node that is not a hub before fetching anything', async () => {
    expect(await reason(send(outsider, joinOf(outsider, b)))).toBe(RefusalReason.NOT_A_MEMBER);
    expect(fetchedActors).toEqual([]);
  });

  it('refuses a Join from a member (no re-join) and one not naming the hub, before fetching anything', async () => {
    ports = {
      ...ports,
      inboxUrl: hub.member.inbox,
      selfActor: hub.member.actor,
      acceptsJoin: true,
    };
    const inbox = hub.member.inbox;
    expect(await reason(send(a, joinOf(a, hub), { inbox }))).toBe(RefusalReason.NOT_ACCEPTED_HERE);
    expect(await reason(send(outsider, joinOf(outsider, b), { inbox }))).toBe(
      RefusalReason.MALFORMED,
    );
    expect(fetchedActors).toEqual([]);
  });

  it('refuses a lesson signed by one member that names another as its origin', async () => {
    const forged = { ...lesson(a.member), origin: { odsCode: 'RBB', name: 'RBB Trust' } };
    expect(await reason(send(a, await create(a, forged)))).toBe(RefusalReason.ORIGIN_MISMATCH);
  });

  it('lets only the hub named by the directory relay, whatever role another member has', async () => {
    const fakeHub = await makeMember('RFAKE', 'hub');
    const members = [a, b, hub, fakeHub].map((m) => m.member);
    ports = {
      ...ports,
      member: async (actor) => members.find((m) => m.actor === actor),
    };
    const relay = await create(fakeHub, lesson(a.member), a, 'Announce');
    expect(await reason(send(fakeHub, relay))).toBe(RefusalReason.ORIGIN_MISMATCH);
  });

  it("refuses an activity id that is not under its sender's base URL, and counts duplicates per sender", async () => {
    const activity = await create(a, lesson(a.member));
    const foreign = { ...activity, id: `${b.member.baseUrl}/federation/activities/x` };
    expect(await reason(send(a, foreign))).toBe(RefusalReason.ACTOR_MISMATCH);
    // Another sender having used the same id first does not make A's message a duplicate.
    seenIds.add(`${b.member.actor} ${activity.id}`);
    await expect(send(a, activity)).resolves.toMatchObject({ activity: { id: activity.id } });
  });

  it('checks received lessons against the taxonomy and shapes: codes, ids, extra fields, sections', async () => {
    const base = lesson(a.member);
    const bad: [string, object][] = [
      ['unknown harm', { ...base, physicalHarm: 'catastrophic' }],
      ['unknown care setting', { ...base, careSetting: 'moon_base' }],
      ['non-UUID id', { ...base, id: nodeUrls(a.member.baseUrl).lesson('not-a-uuid') }],
      ['extra field', { ...base, patientName: 'Someone' }],
      ['section of another template', { ...base, sections: [{ key: 'what_we_found', text: 'x' }] }],
      ['exact date as a month', { ...base, occurredMonth: '0000-01' }],
      [
        'action with an unknown status',
        {
          ...base,
          actions: [
            {
              description: 'Do',
              ownerRole: 'Matron',
              strength: 'weak',
              status: 'someday',
              dueMonth: null,
              evidence: null,
            },
          ],
        },
      ],
    ];
    for (const [name, object] of bad) {
      const activity = await create(a, object as LessonObject);
      const activityWithId = { ...activity, object: (object as { id: string }).id };
      expect({ name, reason: await reason(send(a, activityWithId)) }).toEqual({
        name,
        reason: RefusalReason.MALFORMED,
      });
    }
  });

  function joinOf(from: TestMember, to: TestMember): Activity {
    return {
      '@context': CONTEXT,
      id: `${from.member.baseUrl}/federation/activities/join-${Math.random()}`,
      type: 'Join',
      actor: from.member.actor,
      published: new Date().toISOString(),
      object: to.member.actor,
      member: { odsCode: 'ANYTHING', name: 'What the Join says is ignored', role: 'hub' },
    };
  }
});

describe('follow filters', () => {
  const lessonFields = {
    themes: ['falls', 'medication'],
    careSetting: 'acute',
    physicalHarm: 'moderate',
    learningSource: 'psii',
    originOdsCode: 'RAA',
  };

  it('matches when every given criterion holds, any value within one', () => {
    expect(matchesFilter({}, lessonFields)).toBe(true);
    expect(
      matchesFilter({ themes: ['falls', 'sepsis'], minimumHarm: 'moderate' }, lessonFields),
    ).toBe(true);
    expect(matchesFilter({ themes: ['sepsis'] }, lessonFields)).toBe(false);
    expect(matchesFilter({ minimumHarm: 'severe' }, lessonFields)).toBe(false);
    expect(matchesFilter({ organisations: ['RBB'] }, lessonFields)).toBe(false);
    expect(
      matchesFilter({ careSettings: ['acute'], learningSources: ['psii'] }, lessonFields),
    ).toBe(true);
    expect(matchesFilter({ minimumHarm: 'low' }, { ...lessonFields, physicalHarm: null })).toBe(
      false,
    );
  });
});

describe('which nodes a hub may fetch when they ask to join', () => {
  it('takes https anywhere and http on loopback only, unless an allow-list says otherwise', () => {
    const allowed = (url: string, allow: string[] = []) => mayFetchJoiningActor(url, allow);
    expect(allowed('https://lessons.trust.nhs.uk/federation/actor')).toBe(true);
    expect(allowed('http://127.0.0.1:4001/federation/actor')).toBe(true);
    expect(allowed('http://localhost:4001/federation/actor')).toBe(true);
    expect(allowed('http://169.254.169.254/latest/meta-data')).toBe(false);
    expect(allowed('http://10.0.0.5/federation/actor')).toBe(false);
    expect(allowed('file:///etc/passwd')).toBe(false);
    expect(allowed('not a url')).toBe(false);
    const list = ['*.nhs.uk', 'hub.example.org'];
    expect(allowed('https://lessons.trust.nhs.uk/federation/actor', list)).toBe(true);
    expect(allowed('https://evil.example.com/federation/actor', list)).toBe(false);
    expect(allowed('http://127.0.0.1:4001/federation/actor', list)).toBe(false);
  });
});
