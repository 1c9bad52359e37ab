import {
  CONTEXT,
  type LessonObject,
  OBJECT_JWS_TYPE,
  signHopToken,
  signObject,
} from '@lessons-network/federation';
import { createHash } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { step } from '../support/lesson-factory';
import {
  FakePeer,
  joinNetwork,
  type NetworkNode,
  ok,
  received,
  sharedLesson,
  startNetworkNode,
  stopNetworkNode,
} from '../support/network';
import { assertBuilt, waitFor } from '../support/node-process';

/** A stable UUID for a short name, so tests can say 'good'. */
function uuidOf(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const FALLS = { themes: ['falls'], physicalHarm: 'MODERATE', title: 'Unwitnessed fall at night' };
const MEDICATION = {
  themes: ['medication'],
  physicalHarm: 'LOW',
  title: 'Insulin dose omitted at handover',
};

/**
 * A network of real node processes, each with its own port and embedded database, driven only
 * through their APIs: a hub, a Trust that publishes, a commissioner that follows the Trust with a
 * filter, and a second Trust that follows only the hub (so it receives relays).
 */
describe('federation between node processes', () => {
  let hub: NetworkNode;
  let trust: NetworkNode;
  let icb: NetworkNode;
  let other: NetworkNode;
  const peers: FakePeer[] = [];

  beforeAll(async () => {
    assertBuilt();
    [hub, trust, icb, other] = await Promise.all([
      startNetworkNode('hub', 'HUB01', 'Regional Learning Hub'),
      startNetworkNode('trust', 'RAA01', 'Alpha Hospitals NHS Trust'),
      // A long interval: the flood test below counts the key fetches it causes here.
      startNetworkNode('commissioner', 'QIC01', 'Example ICB', {
        FEDERATION_KEY_REFETCH_SECONDS: '3600',
      }),
      startNetworkNode('trust', 'RBB01', 'Beta Community NHS Trust'),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([hub, trust, icb, other].filter(Boolean).map(stopNetworkNode));
    await Promise.all(peers.map((p) => p.stop()));
  });

  it('joins every node through the hub; the signed directory reaches all of them', async () => {
    // Before any approval the hub serves a directory that lists itself (version 1).
    const early = await fetch(`${hub.url}/federation/directory`);
    expect(early.status).toBe(200);
    const earlyPayload = JSON.parse(
      Buffer.from((await early.text()).split('.')[1]!, 'base64url').toString('utf8'),
    ) as { version: number; members: { odsCode: string; role: string }[] };
    expect(earlyPayload.members).toEqual([
      expect.objectContaining({ odsCode: 'HUB01', role: 'hub' }),
    ]);
    for (const node of [trust, icb, other]) await joinNetwork(hub, node);
    for (const node of [trust, icb, other]) {
      const members = await ok(
        node.gql<{ networkMembers: { odsCode: string }[] }>(
          `{ networkMembers { odsCode } }`,
          {},
          node.author,
        ),
      );
      await waitFor(async () => {
        const again = await ok(
          node.gql<{ networkMembers: { odsCode: string }[] }>(
            `{ networkMembers { odsCode } }`,
            {},
            node.author,
          ),
        );
        return again.networkMembers.length === 4;
      }, 15_000);
      expect(members.networkMembers.map((m) => m.odsCode)).toContain('HUB01');
    }
    const discovery = await fetch(
      `${trust.url}/.well-known/webfinger?resource=acct:RAA01@${new URL(trust.url).host}`,
    );
    expect(discovery.status).toBe(200);
    // An account names an organisation: the host without the port, and any case, find it too.
    const withoutPort = await fetch(
      `${trust.url}/.well-known/webfinger?resource=acct:raa01@${new URL(trust.url).hostname}`,
    );
    expect(withoutPort.status).toBe(200);
    const actor = (await (await fetch(`${trust.url}/federation/actor`)).json()) as {
      type: string;
      publicKeys: unknown[];
    };
    expect(actor.type).toBe('Organization');
    expect(actor.publicKeys.length).toBeGreaterThan(0);
    const nodeinfo = (await (await fetch(`${trust.url}/nodeinfo/2.1`)).json()) as {
      protocols: string[];
    };
    expect(nodeinfo.protocols).toEqual(['activitypub']);
  }, 90_000);

  it('follows with a filter, accepted by the publisher; the hub follows every member by itself', async () => {
    await ok(
      icb.gql(
        `mutation($i: FollowInput!) { follow(input: $i) { status } }`,
        { i: { odsCode: 'RAA01', filter: { themes: ['falls'], minimumHarm: 'moderate' } } },
        icb.lead,
      ),
    );
    await ok(
      other.gql(
        `mutation($i: FollowInput!) { follow(input: $i) { status } }`,
        { i: { odsCode: 'HUB01', filter: { organisations: ['RAA01'] } } },
        other.lead,
      ),
    );
    // The Trust's quality lead decides on the commissioner; the hub's on the other Trust.
    for (const [publisher, follower] of [
      [trust, 'QIC01'],
      [hub, 'RBB01'],
    ] as const) {
      let id = '';
      await waitFor(async () => {
        const list = await ok(
          publisher.gql<{ followers: { id: string; odsCode: string; status: string }[] }>(
            `{ followers { id odsCode status } }`,
            {},
            publisher.lead,
          ),
        );
        id = list.followers.find((f) => f.odsCode === follower && f.status === 'pending')?.id ?? '';
        return id !== '';
      }, 15_000);
      await ok(
        publisher.gql(
          `mutation($id: ID!) { decideFollower(id: $id, accept: true) { status } }`,
          { id },
          publisher.lead,
        ),
      );
    }
    for (const [node, target] of [
      [icb, 'RAA01'],
      [other, 'HUB01'],
    ] as const)
      await waitFor(async () => {
        const list = await ok(
          node.gql<{ following: { odsCode: string; status: string }[] }>(
            `{ following { odsCode status } }`,
            {},
            node.author,
          ),
        );
        return list.following.some((f) => f.odsCode === target && f.status === 'accepted');
      }, 15_000);
    // The hub's own follow of the Trust was accepted without a person (rule: role hub).
    const trustFollowers = await ok(
      trust.gql<{ followers: { odsCode: string; status: string }[] }>(
        `{ followers { odsCode status } }`,
        {},
        trust.lead,
      ),
    );
    expect(trustFollowers.followers).toEqual(
      expect.arrayContaining([{ odsCode: 'HUB01', status: 'accepted' }]),
    );
  }, 60_000);

  let fallsId = '';

  it('delivers a published lesson to matching followers only, and relays it through the hub verified end to end', async () => {
    const falls = await sharedLesson(trust, FALLS);
    fallsId = falls.id;
    await sharedLesson(trust, MEDICATION);

    await waitFor(async () => (await received(other)).length === 2, 20_000);
    await waitFor(async () => (await received(icb)).length === 1, 20_000);
    const atIcb = await received(icb);
    expect(atIcb[0]).toMatchObject({
      originOdsCode: 'RAA01',
      title: FALLS.title,
      version: 1,
      verification: 'VERIFIED',
      via: `${trust.url}/federation/actor`,
    });
    // The other Trust follows only the hub: both lessons came relayed, still signed by the Trust.
    const atOther = await received(other);
    for (const lesson of atOther) {
      expect(lesson.originOdsCode).toBe('RAA01');
      expect(lesson.via).toBe(`${hub.url}/federation/actor`);
      expect(lesson.verifiedWith).toMatch(/^raa01-fed-/);
    }
    // Received lessons become searchable (indexed right after they are stored).
    await waitFor(async () => {
      const search = await ok(
        icb.gql<{ networkLessons: { edges: unknown[] } }>(
          `{ networkLessons(search: "fall night") { edges { node { id } } } }`,
          {},
          icb.author,
        ),
      );
      return search.networkLessons.edges.length === 1;
    }, 10_000);
  }, 90_000);

  it('sends an update with a higher version, signed with a rotated key that receivers fetch', async () => {
    const rotated = trust.process.cli(['federation:keys', '--rotate']);
    expect(rotated.status).toBe(0);
    const kid = /signed with key (\S+)\./.exec(rotated.stdout)![1]!;
    expect(rotated.stdout).toMatch(/raa01-fed-\S+ {2}retired/);
    await ok(
      trust.gql(
        `mutation($id: ID!) { shareLessonUpdate(lessonId: $id) { version } }`,
        { id: fallsId },
        trust.lead,
      ),
    );
    for (const node of [icb, other])
      await waitFor(
        async () =>
          (await received(node)).some(
            (l) => l.title === FALLS.title && l.version === 2 && l.verifiedWith === kid,
          ),
        20_000,
      );
  }, 60_000);

  it('retracts: every receiver keeps a tombstone', async () => {
    await ok(
      step(trust.process, trust.lead, 'retractLesson', fallsId, {
        comment: 'Published in error',
      }),
    );
    for (const node of [icb, other])
      await waitFor(async () => {
        const lessons = await received(node);
        const gone = lessons.find((l) => l.objectId.endsWith(fallsId));
        return gone?.retracted === true && gone.title === null;
      }, 20_000);
    expect(await received(icb, false)).toHaveLength(0);
    // NodeInfo counts what is shared now: the retracted lesson no longer.
    const nodeinfo = (await (await fetch(`${trust.url}/nodeinfo/2.1`)).json()) as {
      usage: { localPosts: number };
    };
    expect(nodeinfo.usage.localPosts).toBe(1);
  }, 60_000);

  it('sends only anonymised text: identifiers planted in every field never reach another node', async () => {
    const planted = ['Bartholomew', 'Quince', '943 476 5919', 'LS6 2QB', '07700 900461', 'Okonkwo'];
    const lesson = await sharedLesson(trust, {
      ...FALLS,
      title: 'Fall of Mr Bartholomew Quince',
      summary: 'Mr Quince (NHS 943 476 5919) of LS6 2QB fell; his son (07700 900461) was told.',
      sections: [
        { key: 'situation', text: 'Staff Nurse Okonkwo found Bartholomew on the floor.' },
        { key: 'background', text: 'Quince had fallen twice before.' },
        { key: 'assessment', text: 'No falls assessment since admission.' },
        { key: 'recommendations', text: 'Reassess after sedation changes.' },
      ],
      keyLearningPoints: ["Quince's falls were predictable"],
    });
    let full = '';
    await waitFor(async () => {
      const found = (await received(icb)).find((l) => l.objectId.endsWith(lesson.id));
      if (!found) return false;
      const one = await ok(
        icb.gql(
          `query($id: ID!) { networkLesson(id: $id) { title summary sections { text } keyLearningPoints actions { description ownerRole evidence } } }`,
          { id: found.id },
          icb.author,
        ),
      );
      full = JSON.stringify(one);
      return true;
    }, 20_000);
    for (const value of planted) expect(full).not.toContain(value);
    expect(full).toContain('[NAME]');
    expect(full).toContain('[NHS NUMBER]');
  }, 60_000);

  describe('attacks at the inbox', () => {
    let member: FakePeer;
    let outsider: FakePeer;
    let inbox: string;

    beforeAll(async () => {
      member = new FakePeer('RFK01');
      outsider = new FakePeer('RXX01');
      peers.push(member, outsider);
      await Promise.all([member.start(), outsider.start()]);
      // The hub rotates its key first: members must take the next directory, signed with a key
      // they have not pinned, by fetching the hub's keys once.
      expect(hub.process.cli(['federation:keys', '--rotate']).status).toBe(0);
      // The fake member joins like any node: a Join signed with its own key, approved at the hub.
      const join = member.activity({
        type: 'Join',
        object: `${hub.url}/federation/actor`,
        member: { odsCode: 'RFK01', name: 'Fake Trust', role: 'trust' },
      });
      expect((await member.post(`${hub.url}/federation/inbox`, join)).status).toBe(202);
      await ok(
        hub.gql(
          `mutation { decideMembership(odsCode: "RFK01", approve: true) { status } }`,
          {},
          hub.lead,
        ),
      );
      await waitFor(async () => {
        const members = await ok(
          trust.gql<{ networkMembers: { odsCode: string }[] }>(
            `{ networkMembers { odsCode } }`,
            {},
            trust.author,
          ),
        );
        return members.networkMembers.some((m) => m.odsCode === 'RFK01');
      }, 15_000);
      inbox = `${trust.url}/federation/inbox`;
    }, 60_000);

    function lessonOf(
      origin: { urls: { actor: string; lesson: (id: string) => string } },
      id: string,
      version = 1,
    ): LessonObject {
      return {
        '@context': CONTEXT,
        id: origin.urls.lesson(uuidOf(id)),
        type: 'Lesson',
        attributedTo: origin.urls.actor,
        origin: { odsCode: 'RFK01', name: 'Fake Trust' },
        version,
        published: new Date().toISOString(),
        updated: new Date().toISOString(),
        audience: 'network',
        name: `Lesson ${id}`,
        summary: 'A lesson from a peer.',
        template: 'sbar',
        sections: [{ key: 'situation', text: 'What happened.' }],
        keyLearningPoints: ['Learn'],
        learningSource: 'psii',
        eventType: null,
        themes: ['falls'],
        careSetting: 'acute',
        specialty: null,
        physicalHarm: 'low',
        psychologicalHarm: null,
        contributoryFactors: [],
        occurredMonth: '2026-10',
        actions: [],
      };
    }

    async function createOf(
      lesson: LessonObject,
      peer = member,
      type: 'Create' | 'Delete' = 'Create',
    ) {
      return peer.activity({
        type,
        object: lesson.id,
        signedObject: await signObject(lesson, peer.key, OBJECT_JWS_TYPE),
      });
    }

    /** The member's Delete of its own lesson, with a tombstone of the given version. */
    async function deleteOf(lesson: LessonObject, version: number) {
      const tombstone = {
        '@context': CONTEXT,
        id: lesson.id,
        type: 'Tombstone',
        formerType: 'Lesson',
        attributedTo: member.urls.actor,
        version,
        deleted: new Date().toISOString(),
      };
      return member.activity({
        type: 'Delete',
        object: lesson.id,
        signedObject: await signObject(tombstone, member.key, OBJECT_JWS_TYPE),
      });
    }

    async function stored(): Promise<number> {
      return (await received(trust)).length;
    }

    async function stillServing(): Promise<void> {
      expect((await fetch(`${trust.url}/health`)).status).toBe(200);
    }

    it('accepts a well-formed Create from the member, once', async () => {
      const activity = await createOf(lessonOf(member, 'good'));
      const answer = await member.post(inbox, activity);
      expect(answer).toEqual({ status: 202, body: { status: 'accepted', outcome: 'stored' } });
      const again = await member.post(inbox, activity);
      expect(again).toMatchObject({ status: 409, body: { error: 'DUPLICATE_ACTIVITY' } });
    });

    it('refuses each forged, replayed or malformed message with its reason and stores nothing', async () => {
      const before = await stored();
      const good = await createOf(lessonOf(member, 'attack'));
      const body = JSON.stringify(good);
      const cases: [
        string,
        Promise<{ status: number; body: { error?: string } }>,
        number,
        string,
      ][] = [];
      const add = (
        name: string,
        call: Promise<{ status: number; body: { error?: string } }>,
        status: number,
        reason: string,
      ) => cases.push([name, call, status, reason]);

      add('unsigned', member.post(inbox, good, { token: null }), 401, 'HOP_TOKEN_MISSING');
      const { privateKey } = await generateKeyPair('EdDSA');
      add(
        'unknown key',
        member.post(inbox, good, { key: { kid: 'rfk01-unknown', privateKey } }),
        401,
        'UNKNOWN_KEY',
      );
      const token = await signHopToken({ sender: member.urls.actor, inbox, body, key: member.key });
      add(
        'tampered body',
        member.post(inbox, null, { token, raw: body.replace(good.id, `${good.id}x`) }),
        401,
        'BODY_HASH_MISMATCH',
      );
      const [h, p, s] = good.signedObject!.split('.');
      const forgedPayload = Buffer.from(
        Buffer.from(p!, 'base64url').toString('utf8').replace('A lesson from a peer.', 'Forged'),
      ).toString('base64url');
      add(
        'tampered lesson inside a valid hop token',
        member.post(inbox, { ...good, signedObject: `${h}.${forgedPayload}.${s}` }),
        403,
        'ORIGIN_SIGNATURE_INVALID',
      );
      add(
        'stale token',
        member.post(inbox, good, { now: Date.now() - 10 * 60_000 }),
        401,
        'HOP_TOKEN_EXPIRED',
      );
      add(
        'sender not in the directory',
        outsider.post(inbox, { ...good, actor: outsider.urls.actor }),
        403,
        'NOT_A_MEMBER',
      );
      const claimed = {
        ...lessonOf(member, 'claimed'),
        attributedTo: `${trust.url}/federation/actor`,
      };
      add(
        "a member claiming another member's lesson",
        member.post(inbox, await createOf(claimed)),
        403,
        'ORIGIN_MISMATCH',
      );
      const tombstone = {
        '@context': CONTEXT,
        id: `${trust.url}/federation/lessons/${fallsId}`,
        type: 'Tombstone',
        formerType: 'Lesson',
        attributedTo: `${trust.url}/federation/actor`,
        version: 9,
        deleted: new Date().toISOString(),
      };
      add(
        "a Delete for another member's lesson",
        member.post(
          inbox,
          member.activity({
            type: 'Delete',
            object: tombstone.id,
            signedObject: await signObject(tombstone, member.key, OBJECT_JWS_TYPE),
          }),
        ),
        403,
        'ORIGIN_MISMATCH',
      );
      add(
        'a lesson naming another member as its origin',
        member.post(
          inbox,
          await createOf({
            ...lessonOf(member, 'forged-origin'),
            origin: { odsCode: 'RAA01', name: 'Alpha Hospitals NHS Trust' },
          }),
        ),
        403,
        'ORIGIN_MISMATCH',
      );
      add(
        "an activity id under another node's address",
        member.post(inbox, { ...good, id: `${trust.url}/federation/activities/${uuidOf('x')}` }),
        403,
        'ACTOR_MISMATCH',
      );
      add(
        'an unknown harm code',
        member.post(
          inbox,
          await createOf({
            ...lessonOf(member, 'bad-harm'),
            physicalHarm: 'catastrophic',
          } as unknown as LessonObject),
        ),
        400,
        'MALFORMED',
      );
      const notUuid = { ...lessonOf(member, 'x'), id: member.urls.lesson('not-a-uuid') };
      add(
        'a lesson id that is not a UUID',
        member.post(inbox, await createOf(notUuid)),
        400,
        'MALFORMED',
      );
      add(
        'a lesson with a field the protocol does not have',
        member.post(
          inbox,
          await createOf({
            ...lessonOf(member, 'extra'),
            patientName: 'Someone',
          } as unknown as LessonObject),
        ),
        400,
        'MALFORMED',
      );
      add(
        'a Follow with an unknown harm level',
        member.post(
          inbox,
          member.activity({
            type: 'Follow',
            object: `${trust.url}/federation/actor`,
            filter: { minimumHarm: 'awful' } as never,
          }),
        ),
        400,
        'MALFORMED',
      );
      add(
        'a Join at a Trust from a member',
        member.post(
          inbox,
          member.activity({ type: 'Join', object: `${trust.url}/federation/actor` }),
        ),
        422,
        'NOT_ACCEPTED_HERE',
      );
      add(
        'body over 1 MB',
        member.post(inbox, null, { raw: Buffer.alloc(1024 * 1024 + 10, 32) }),
        413,
        'BODY_TOO_LARGE',
      );
      add(
        'malformed JSON',
        member.post(inbox, null, { raw: '{"type": "Create",' }),
        400,
        'MALFORMED',
      );
      add(
        'wrong content type',
        member.post(inbox, good, { contentType: 'application/json' }),
        415,
        'UNSUPPORTED_CONTENT_TYPE',
      );
      for (const [name, call, status, reason] of cases) {
        const answer = await call;
        expect({ name, status: answer.status, reason: answer.body.error }).toEqual({
          name,
          status,
          reason,
        });
      }
      // A 5 MB body announced by its Content-Length gets its 413, not a dropped connection.
      const huge = await fetch(inbox, {
        method: 'POST',
        headers: { 'content-type': 'application/activity+json' },
        body: Buffer.alloc(5 * 1024 * 1024, 32),
      });
      expect({ status: huge.status, body: await huge.json() }).toMatchObject({
        status: 413,
        body: { error: 'BODY_TOO_LARGE' },
      });
      // A token used once is refused the second time, even for the same body.
      const once = await signHopToken({ sender: member.urls.actor, inbox, body, key: member.key });
      expect((await member.post(inbox, null, { token: once, raw: body })).status).toBe(202);
      const replay = await member.post(inbox, null, { token: once, raw: body });
      expect(replay).toMatchObject({ status: 401, body: { error: 'HOP_TOKEN_REPLAYED' } });

      expect(await stored()).toBe(before + 1);
      await stillServing();
    }, 60_000);

    it('refuses a key its owner has revoked', async () => {
      const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
      // The fake member publishes a second key as revoked; the Trust refetches on the unknown kid.
      const original = member.publicKey;
      const revokedKid = 'rfk01-fake-revoked';
      member.publicKey = {
        ...original,
        kid: revokedKid,
        status: 'revoked',
        revokedAt: new Date().toISOString(),
      };
      // Keys are fetched again at most once a second per member: ask until the refetch is due.
      let answer: { status: number; body: { error?: string } } = { status: 0, body: {} };
      await waitFor(async () => {
        answer = await member.post(inbox, await createOf(lessonOf(member, 'revoked')), {
          key: { kid: revokedKid, privateKey },
        });
        return answer.body.error !== 'UNKNOWN_KEY';
      }, 20_000);
      member.publicKey = original;
      expect(answer).toMatchObject({ status: 401, body: { error: 'KEY_REVOKED' } });
      await stillServing();
    });

    it('refuses a Join at a Trust from a non-member before fetching anything', async () => {
      const before = outsider.fetched.length;
      const join = outsider.activity({
        type: 'Join',
        object: `${trust.url}/federation/actor`,
        member: { odsCode: 'RXX01', name: 'Outsider', role: 'trust' },
      });
      const answer = await outsider.post(inbox, join);
      expect(answer).toMatchObject({ status: 403, body: { error: 'NOT_A_MEMBER' } });
      expect(outsider.fetched.length).toBe(before);
    });

    it('records a hop token id only for a message that passed', async () => {
      const jti = uuidOf('reused-jti');
      // Refused (its actor is not the sender): its token id must leave no trace …
      const refused = await member.post(
        inbox,
        { ...(await createOf(lessonOf(member, 'jti-1'))), actor: `${trust.url}/federation/actor` },
        { jti },
      );
      expect(refused).toMatchObject({ status: 403, body: { error: 'ACTOR_MISMATCH' } });
      // … so a valid message carrying the same id is taken, and only then is the id spent.
      const valid = await member.post(inbox, await createOf(lessonOf(member, 'jti-2')), { jti });
      expect(valid).toMatchObject({ status: 202, body: { outcome: 'stored' } });
      const again = await member.post(inbox, await createOf(lessonOf(member, 'jti-3')), { jti });
      expect(again).toMatchObject({ status: 401, body: { error: 'HOP_TOKEN_REPLAYED' } });
    });

    it("fetches a member's keys once, however many unknown key ids arrive under its name", async () => {
      const icbInbox = `${icb.url}/federation/inbox`;
      const jwks = () => member.fetched.filter((path) => path === '/federation/jwks.json').length;
      const before = jwks();
      const answers = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const { privateKey } = await generateKeyPair('EdDSA');
          return member.post(icbInbox, await createOf(lessonOf(member, `flood-${i}`)), {
            key: { kid: `rfk01-unknown-${i}`, privateKey },
          });
        }),
      );
      expect(answers.every((a) => a.body.error === 'UNKNOWN_KEY')).toBe(true);
      expect(jwks() - before).toBeLessThanOrEqual(1);
    });

    it('holds a received lesson in which its anonymiser finds identifiers, until a quality lead releases it', async () => {
      const lesson = {
        ...lessonOf(member, 'identifiable'),
        name: 'Fall on the ward',
        summary: 'Mrs Margaret Thompson (NHS number 943 476 5919) fell on 12/03/2026.',
      };
      const answer = await member.post(inbox, await createOf(lesson));
      expect(answer.status).toBe(202);
      expect(answer.body).toMatchObject({ outcome: 'quarantined' });
      const findings = (answer.body as { findings?: { field: string; type: string }[] }).findings;
      expect(findings).toEqual(expect.arrayContaining([{ field: 'summary', type: 'NHS_NUMBER' }]));
      expect(JSON.stringify(answer.body)).not.toContain('Thompson');
      // Not shown to staff, not found by search or by id.
      expect((await received(trust)).some((l) => l.objectId === lesson.id)).toBe(false);
      const byId = await trust.gql(
        `query($id: ID!) { networkLesson(id: $id) { id } }`,
        { id: lesson.id },
        trust.author,
      );
      expect(byId.errors?.[0]?.extensions.code).toBe('REMOTE_LESSON_NOT_FOUND');
      // The quality lead sees it with what was found, and only the quality lead.
      const QUARANTINE = `{ quarantinedLessons { lesson { id objectId summary } findings { field type } } }`;
      const byAuthor = await trust.gql(QUARANTINE, {}, trust.author);
      expect(byAuthor.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      const held = await ok(
        trust.gql<{
          quarantinedLessons: { lesson: { id: string; objectId: string }; findings: unknown[] }[];
        }>(QUARANTINE, {}, trust.lead),
      );
      const entry = held.quarantinedLessons.find((q) => q.lesson.objectId === lesson.id)!;
      expect(entry.findings).toEqual(
        expect.arrayContaining([{ field: 'summary', type: 'NHS_NUMBER' }]),
      );
      await ok(
        trust.gql(
          `mutation($id: ID!) { releaseQuarantinedLesson(id: $id) { id } }`,
          { id: entry.lesson.id },
          trust.lead,
        ),
      );
      expect((await received(trust)).some((l) => l.objectId === lesson.id)).toBe(true);
    });

    it('keeps the role of hub to the hub: a node asking for it is approved only as a member, and cannot relay', async () => {
      const pretender = new FakePeer('RHB01');
      pretender.actorRole = 'hub';
      peers.push(pretender);
      await pretender.start();
      const join = pretender.activity({
        type: 'Join',
        object: `${hub.url}/federation/actor`,
        member: { odsCode: 'RHB01', name: 'Pretend Hub', role: 'hub' },
      });
      expect((await pretender.post(`${hub.url}/federation/inbox`, join)).status).toBe(202);
      // The actor document was read once for the Join, not twice.
      expect(pretender.fetched.filter((p) => p === '/federation/actor')).toHaveLength(1);
      const asHub = await hub.gql(
        `mutation { decideMembership(odsCode: "RHB01", approve: true) { status } }`,
        {},
        hub.lead,
      );
      expect(asHub.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      const approved = await ok(
        hub.gql<{ decideMembership: { role: string } }>(
          `mutation { decideMembership(odsCode: "RHB01", approve: true, role: "trust") { role } }`,
          {},
          hub.lead,
        ),
      );
      expect(approved.decideMembership.role).toBe('trust');
      await waitFor(async () => {
        const members = await ok(
          trust.gql<{ networkMembers: { odsCode: string; role: string }[] }>(
            `{ networkMembers { odsCode role } }`,
            {},
            trust.author,
          ),
        );
        return members.networkMembers.some((m) => m.odsCode === 'RHB01' && m.role === 'trust');
      }, 20_000);
      // Its relay of a lesson it signed itself is refused: only the directory's hub relays.
      const own = {
        ...lessonOf(pretender, 'pretend'),
        origin: { odsCode: 'RHB01', name: 'RHB01 Fake' },
      };
      const announce = pretender.activity({
        type: 'Announce',
        object: own.id,
        signedObject: await signObject(own, pretender.key, OBJECT_JWS_TYPE),
      });
      const answer = await pretender.post(inbox, announce);
      expect(answer).toMatchObject({ status: 403, body: { error: 'ORIGIN_MISMATCH' } });
      // A second Join from an approved member is refused without a fetch.
      const fetchedBefore = pretender.fetched.length;
      const rejoin = pretender.activity({ type: 'Join', object: `${hub.url}/federation/actor` });
      expect(await pretender.post(`${hub.url}/federation/inbox`, rejoin)).toMatchObject({
        status: 422,
        body: { error: 'NOT_ACCEPTED_HERE' },
      });
      expect(pretender.fetched.length).toBe(fetchedBefore);
    });

    it('refuses, finally and with its reason, a Join with an ODS code already in the network', async () => {
      const copycat = new FakePeer('RAA01');
      peers.push(copycat);
      await copycat.start();
      const join = copycat.activity({ type: 'Join', object: `${hub.url}/federation/actor` });
      const answer = await copycat.post(`${hub.url}/federation/inbox`, join);
      expect(answer).toMatchObject({ status: 409, body: { error: 'ODS_CODE_IN_USE' } });
    });

    it('retracts on a tombstone whatever its version: a retraction is never ignored', async () => {
      const lesson = lessonOf(member, 'retract-low', 3);
      expect((await member.post(inbox, await createOf(lesson))).body).toMatchObject({
        outcome: 'stored',
      });
      const del = await deleteOf(lesson, 2);
      expect((await member.post(inbox, del)).body).toMatchObject({ outcome: 'tombstoned' });
      const kept = (await received(trust)).find((l) => l.objectId === lesson.id);
      expect(kept).toMatchObject({ retracted: true, title: null, version: 3 });
    });

    it('keeps a tombstone: a late Create never brings a retracted lesson back', async () => {
      const lesson = lessonOf(member, 'late');
      const create = await createOf(lesson);
      const del = await deleteOf(lesson, 2);
      expect((await member.post(inbox, del)).body).toMatchObject({ outcome: 'tombstoned' });
      expect((await member.post(inbox, create)).body).toMatchObject({ outcome: 'tombstoned' });
      const kept = (await received(trust)).find((l) => l.objectId === lesson.id);
      expect(kept).toMatchObject({ retracted: true, title: null });
    });

    it('removes a member at the hub: every node learns it, and its messages are refused', async () => {
      await ok(hub.gql(`mutation { removeMember(odsCode: "RFK01") { status } }`, {}, hub.lead));
      await waitFor(async () => {
        const members = await ok(
          trust.gql<{ networkMembers: { odsCode: string }[] }>(
            `{ networkMembers { odsCode } }`,
            {},
            trust.author,
          ),
        );
        return !members.networkMembers.some((m) => m.odsCode === 'RFK01');
      }, 15_000);
      const answer = await member.post(inbox, await createOf(lessonOf(member, 'after-removal')));
      expect(answer).toMatchObject({ status: 403, body: { error: 'NOT_A_MEMBER' } });
      // The removed node was told too: a directory that no longer lists it reached its inbox.
      await waitFor(() => {
        const last = member.inboxed.filter((a) => a.type === 'Update').pop();
        const payload = JSON.parse(
          Buffer.from(last!.signedObject!.split('.')[1]!, 'base64url').toString('utf8'),
        ) as { members: { odsCode: string }[] };
        return !payload.members.some((m) => m.odsCode === 'RFK01');
      }, 15_000);
    });
  });

  it('rejects a follower, auto-approves by role once a quality lead sets the rule, and unfollows', async () => {
    const followTrust = () =>
      ok(
        other.gql(
          `mutation($i: FollowInput!) { follow(input: $i) { status } }`,
          { i: { odsCode: 'RAA01', filter: { careSettings: ['community_nursing'] } } },
          other.lead,
        ),
      );
    const statusAtOther = async () =>
      (
        await ok(
          other.gql<{ following: { odsCode: string; status: string }[] }>(
            `{ following { odsCode status } }`,
            {},
            other.author,
          ),
        )
      ).following.find((f) => f.odsCode === 'RAA01')?.status;
    await followTrust();
    let id = '';
    await waitFor(async () => {
      const list = await ok(
        trust.gql<{ followers: { id: string; odsCode: string; status: string }[] }>(
          `{ followers { id odsCode status } }`,
          {},
          trust.lead,
        ),
      );
      id = list.followers.find((f) => f.odsCode === 'RBB01' && f.status === 'pending')?.id ?? '';
      return id !== '';
    }, 15_000);
    // Only a quality lead decides.
    const byAuthor = await trust.gql(
      `mutation($id: ID!) { decideFollower(id: $id, accept: true) { status } }`,
      { id },
      trust.author,
    );
    expect(byAuthor.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    await ok(
      trust.gql(
        `mutation($id: ID!) { decideFollower(id: $id, accept: false) { status } }`,
        { id },
        trust.lead,
      ),
    );
    await waitFor(async () => (await statusAtOther()) === 'rejected', 15_000);

    await ok(
      trust.gql(
        `mutation { setAutoApproveRoles(roles: ["hub", "trust"]) { autoApproveRoles } }`,
        {},
        trust.lead,
      ),
    );
    await followTrust();
    await waitFor(async () => (await statusAtOther()) === 'accepted', 15_000);

    expect(
      await ok(
        other.gql<{ unfollow: boolean }>(`mutation { unfollow(odsCode: "RAA01") }`, {}, other.lead),
      ),
    ).toEqual({ unfollow: true });
    await waitFor(async () => {
      const list = await ok(
        trust.gql<{ followers: { odsCode: string }[] }>(
          `{ followers { odsCode } }`,
          {},
          trust.lead,
        ),
      );
      return !list.followers.some((f) => f.odsCode === 'RBB01');
    }, 15_000);
  }, 60_000);
});
