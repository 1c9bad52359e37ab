/**
 * Federation benchmark (issue 6), real node processes on loopback:
 *
 *   npm run bench:federation
 *   npm run bench:federation -- --followers 250 --messages 3000 --rounds 5 --concurrency 64
 *
 * 1. Fan-out: one lesson published by a Trust to N follower inboxes (lightweight receivers in this
 *    process that verify the hop token and the origin signature of every message), time from the
 *    publish call until every follower has it.
 * 2. Ingest: signed Create activities from N members POSTed to one node's inbox, verified and
 *    stored per second; then where the time goes, by sending messages that stop at different
 *    steps of the pipeline (refused at the key, refused as duplicates after every check, stored).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  type Activity,
  CONTEXT,
  HOP_HEADER,
  type LessonObject,
  nodeUrls,
  OBJECT_JWS_TYPE,
  type PublishedKey,
  signHopToken,
  signObject,
  type SigningKey,
  verifyHopToken,
  verifySigned,
} from '@lessons-network/federation';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK } from 'jose';
import { step } from '../test/support/lesson-factory';
import {
  joinNetwork,
  ok,
  preparedLesson,
  startNetworkNode,
  stopNetworkNode,
} from '../test/support/network';
import { waitFor } from '../test/support/node-process';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

const FOLLOWERS = option('followers', 250);
const MESSAGES = option('messages', 3000);
const ROUNDS = option('rounds', 5);
const CONCURRENCY = option('concurrency', 64);

interface Peer {
  index: number;
  base: string;
  key: SigningKey;
  jwk: PublishedKey;
  /** When each Create (by object id) reached this peer, verified. */
  received: Map<string, number>;
}

/** Many peers behind one HTTP server: /p/<i>/federation/{actor,jwks.json,inbox}. */
class Receivers {
  readonly peers: Peer[] = [];
  private server = createServer((req, res) => void this.handle(req, res));
  private port = 0;
  senderKey?: CryptoKey;
  verifyMs = 0;
  verified = 0;

  async start(count: number): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.server.keepAliveTimeout = 60_000;
    this.port = (this.server.address() as AddressInfo).port;
    for (let i = 0; i < count; i++) {
      const { publicKey, privateKey } = await generateKeyPair('EdDSA', { extractable: true });
      const kid = `bench-${i}`;
      this.peers.push({
        index: i,
        base: `http://127.0.0.1:${this.port}/p/${i}`,
        key: { kid, privateKey },
        jwk: {
          kty: 'OKP',
          crv: 'Ed25519',
          x: (await exportJWK(publicKey)).x!,
          kid,
          alg: 'EdDSA',
          use: 'sig',
          status: 'active',
        },
        received: new Map(),
      });
    }
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/p\/(\d+)\/federation\/(actor|jwks\.json|inbox)$/.exec(req.url ?? '');
    const peer = match ? this.peers[Number(match[1])] : undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!peer) return void res.writeHead(404).end();
    const urls = nodeUrls(peer.base);
    if (match![2] === 'actor' || match![2] === 'jwks.json') {
      res.writeHead(200, { 'content-type': 'application/activity+json' });
      return void res.end(
        JSON.stringify({
          '@context': CONTEXT,
          id: urls.actor,
          type: 'Organization',
          preferredUsername: `RBN${peer.index}`,
          inbox: urls.inbox,
          publicKeys: [peer.jwk],
          keys: [peer.jwk],
        }),
      );
    }
    const body = Buffer.concat(chunks);
    const activity = JSON.parse(body.toString('utf8')) as Activity;
    if (activity.type === 'Create' && this.senderKey) {
      // A real receiver's work: the hop token and the origin signature.
      const started = performance.now();
      await verifyHopToken(String(req.headers[HOP_HEADER]), this.senderKey, {
        inbox: urls.inbox,
        body,
      });
      await verifySigned(activity.signedObject!, this.senderKey, OBJECT_JWS_TYPE);
      this.verifyMs += performance.now() - started;
      this.verified++;
      if (!peer.received.has(activity.object)) peer.received.set(activity.object, Date.now());
    }
    res.writeHead(202, { 'content-type': 'application/json' });
    res.end('{"status":"accepted"}');
  }

  async post(peer: Peer, inbox: string, activity: Activity): Promise<number> {
    const body = JSON.stringify(activity);
    const token = await signHopToken({
      sender: nodeUrls(peer.base).actor,
      inbox,
      body,
      key: peer.key,
    });
    const res = await fetch(inbox, {
      method: 'POST',
      headers: { 'content-type': 'application/activity+json', [HOP_HEADER]: token },
      body,
    });
    await res.arrayBuffer();
    return res.status;
  }
}

function activity(
  peer: Peer,
  type: Activity['type'],
  object: string,
  extra: Partial<Activity> = {},
): Activity {
  const urls = nodeUrls(peer.base);
  return {
    '@context': CONTEXT,
    id: urls.activity(`${type}-${object.split('/').pop()}-${Math.random().toString(36).slice(2)}`),
    type,
    actor: urls.actor,
    published: new Date().toISOString(),
    object,
    ...extra,
  };
}

function lessonOf(peer: Peer, n: number): LessonObject {
  const urls = nodeUrls(peer.base);
  return {
    '@context': CONTEXT,
    id: urls.lesson(
      `00000000-0000-4000-8000-${String(peer.index * 100_000 + n).padStart(12, '0')}`,
    ),
    type: 'Lesson',
    attributedTo: urls.actor,
    origin: { odsCode: `RBN${peer.index}`, name: `Bench Trust ${peer.index}` },
    version: 1,
    published: new Date().toISOString(),
    updated: new Date().toISOString(),
    audience: 'network',
    name: `Delayed escalation of a deteriorating patient ${n}`,
    summary: 'A rising early warning score was not escalated for four hours overnight.',
    template: 'sbar',
    sections: [
      { key: 'situation', text: 'The score rose from 3 to 7 over the night without escalation.' },
      { key: 'recommendations', text: 'Electronic observations with automatic alerts.' },
    ],
    keyLearningPoints: ['Trends matter more than single scores'],
    learningSource: 'psii',
    eventType: 'incident',
    themes: ['deteriorating_patient'],
    careSetting: 'acute',
    specialty: null,
    physicalHarm: 'moderate',
    psychologicalHarm: null,
    contributoryFactors: [],
    occurredMonth: '2026-10',
    actions: [],
  };
}

/** Sends prepared requests with a fixed number in flight; returns seconds taken. */
async function blast(
  requests: { inbox: string; body: string; token: string }[],
  expect: number,
): Promise<{ seconds: number; wrong: number }> {
  let next = 0;
  let wrong = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        const res = await fetch(r.inbox, {
          method: 'POST',
          headers: { 'content-type': 'application/activity+json', [HOP_HEADER]: r.token },
          body: r.body,
        });
        await res.arrayBuffer();
        if (res.status !== expect) wrong++;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, wrong };
}

/** Bodies and hop tokens made before the clock starts (tokens live two minutes). */
async function prepared(
  peers: Peer[],
  inbox: string,
  activities: Activity[],
  options: { stranger?: SigningKey } = {},
) {
  return Promise.all(
    activities.map(async (a, i) => {
      const peer = peers[i % peers.length]!;
      // A stranger: an actor no directory lists, refused at the second step.
      const sender = options.stranger ? `http://127.0.0.1:9/p/${i}/federation/actor` : a.actor;
      const body = JSON.stringify(options.stranger ? { ...a, actor: sender } : a);
      return {
        inbox,
        body,
        token: await signHopToken({
          sender,
          inbox,
          body,
          key: options.stranger ?? peer.key,
        }),
      };
    }),
  );
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0]!,
    median: sorted[Math.floor(sorted.length / 2)]!,
    max: sorted[sorted.length - 1]!,
  };
}

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}; Node ${process.version}`);
  const env = { FEDERATION_POLL_MS: '50', FEDERATION_INBOX_RATE_LIMIT_PER_MINUTE: '1000000' };
  const [hub, trust] = await Promise.all([
    startNetworkNode('hub', 'HUBBN', 'Bench Hub', env),
    startNetworkNode('trust', 'RBS01', 'Bench Sending Trust', env),
  ]);
  const receivers = new Receivers();
  try {
    await joinNetwork(hub, trust);
    await receivers.start(FOLLOWERS);
    log(`Joining ${FOLLOWERS} receivers through the hub …`);
    const hubInbox = `${hub.url}/federation/inbox`;
    const trustInbox = `${trust.url}/federation/inbox`;
    for (const peer of receivers.peers) {
      const join = activity(peer, 'Join', `${hub.url}/federation/actor`, {
        member: { odsCode: `RBN${peer.index}`, name: `Bench Trust ${peer.index}`, role: 'trust' },
      });
      if ((await receivers.post(peer, hubInbox, join)) !== 202) throw new Error('Join refused');
      await ok(
        hub.gql(
          `mutation($o: String!) { decideMembership(odsCode: $o, approve: true) { status } }`,
          { o: `RBN${peer.index}` },
          hub.lead,
        ),
      );
    }
    await ok(
      trust.gql(
        `mutation { setAutoApproveRoles(roles: ["hub", "trust"]) { autoApproveRoles } }`,
        {},
        trust.lead,
      ),
    );
    await waitFor(async () => {
      const members = await ok(
        trust.gql<{ networkMembers: unknown[] }>(`{ networkMembers { odsCode } }`, {}, trust.lead),
      );
      return members.networkMembers.length === FOLLOWERS + 2;
    }, 300_000);
    for (const peer of receivers.peers) {
      const follow = activity(peer, 'Follow', `${trust.url}/federation/actor`, { filter: {} });
      if ((await receivers.post(peer, trustInbox, follow)) !== 202)
        throw new Error('Follow refused');
    }
    await waitFor(async () => {
      const list = await ok(
        trust.gql<{ followers: { status: string }[] }>(`{ followers { status } }`, {}, trust.lead),
      );
      return list.followers.filter((f) => f.status === 'accepted').length === FOLLOWERS + 1;
    }, 120_000);
    const jwks = (await (await fetch(`${trust.url}/federation/jwks.json`)).json()) as {
      keys: PublishedKey[];
    };
    const active = jwks.keys.find((k) => k.status === 'active')!;
    receivers.senderKey = (await importJWK(
      { kty: 'OKP', crv: 'Ed25519', x: active.x },
      'EdDSA',
    )) as CryptoKey;

    // 1. Fan-out.
    log(`\n## Fan-out: one lesson to ${FOLLOWERS} followers (${ROUNDS} rounds)\n`);
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { id } = await preparedLesson(trust, {
        title: `Bench lesson for fan-out, round ${round + 1}`,
      });
      const object = `${trust.url}/federation/lessons/${id}`;
      const started = Date.now();
      await ok(step(trust.process, trust.lead, 'publishLesson', id));
      await waitFor(() => receivers.peers.every((p) => p.received.has(object)), 60_000);
      const last = Math.max(...receivers.peers.map((p) => p.received.get(object)!));
      times.push((last - started) / 1000);
    }
    const fan = stats(times);
    log(`| followers | rounds | min s | median s | max s | receivers' verify ms/message |`);
    log(`| ---: | ---: | ---: | ---: | ---: | ---: |`);
    log(
      `| ${FOLLOWERS} | ${ROUNDS} | ${fan.min.toFixed(3)} | ${fan.median.toFixed(3)} | ${fan.max.toFixed(3)} | ${(receivers.verifyMs / receivers.verified).toFixed(3)} |`,
    );

    // 2. Ingest at the Trust's inbox.
    log(
      `\n## Ingest: ${MESSAGES} signed Creates from ${FOLLOWERS} members, ${CONCURRENCY} in flight\n`,
    );
    const creates = await Promise.all(
      Array.from({ length: MESSAGES }, async (_, i) => {
        const peer = receivers.peers[i % receivers.peers.length]!;
        const lesson = lessonOf(peer, i);
        return activity(peer, 'Create', lesson.id, {
          signedObject: await signObject(lesson, peer.key, OBJECT_JWS_TYPE),
        });
      }),
    );
    const { privateKey } = await generateKeyPair('EdDSA');
    const stranger = { kid: 'stranger', privateKey };
    // Warm-up with refusals (no state change), then the three paths.
    await blast(
      (await prepared(receivers.peers, trustInbox, creates, { stranger })).slice(0, 300),
      403,
    );
    const early = await blast(
      await prepared(receivers.peers, trustInbox, creates, { stranger }),
      403,
    );
    const store = await blast(await prepared(receivers.peers, trustInbox, creates), 202);
    const duplicate = await blast(await prepared(receivers.peers, trustInbox, creates), 409);
    const stored = await ok(
      trust.gql<{ networkLessons: { totalCount: number } }>(
        `{ networkLessons { totalCount } }`,
        {},
        trust.lead,
      ),
    );
    const perMessage = (s: { seconds: number }) => (s.seconds * 1000) / MESSAGES;
    log(`| path | messages/s | ms/message | wrong answers |`);
    log(`| --- | ---: | ---: | ---: |`);
    for (const [name, r] of [
      ['refused as not a member (transport, parsing, directory lookup)', early],
      ['refused as duplicate (+ hop and origin signatures, replay check)', duplicate],
      ['verified and stored (+ receipt and lesson in one statement; indexed after)', store],
    ] as const)
      log(
        `| ${name} | ${(MESSAGES / r.seconds).toFixed(0)} | ${perMessage(r).toFixed(3)} | ${r.wrong} |`,
      );
    log(`\nStored: ${stored.networkLessons.totalCount} of ${MESSAGES}.`);
    const base = perMessage(early);
    const verify = Math.max(0, perMessage(duplicate) - base);
    const storeMs = Math.max(0, perMessage(store) - perMessage(duplicate));
    const total = perMessage(store);
    log(
      `Share of a stored message's time: HTTP, parsing and lookups ${((100 * base) / total).toFixed(0)} %, signatures and replay checks ${((100 * verify) / total).toFixed(0)} %, storing ${((100 * storeMs) / total).toFixed(0)} %.`,
    );
  } finally {
    await receivers.stop();
    await Promise.all([stopNetworkNode(hub), stopNetworkNode(trust)]);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
