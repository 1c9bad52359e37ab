import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Activity,
  CONTEXT,
  HOP_HEADER,
  nodeUrls,
  type PublishedKey,
  signHopToken,
  type SigningKey,
} from '@lessons-network/federation';
import { exportJWK, generateKeyPair } from 'jose';
import { addAction, COMPLETE_SBAR, createLesson, type LessonResult, step } from './lesson-factory';
import { NodeProcess, waitFor } from './node-process';
import { createUserAndSignIn, type SignedIn, signIn, TEST_PASSWORD } from './test-node';

/** A node process of the test network, with its quality lead, an author and a reviewer signed in. */
export interface NetworkNode {
  readonly process: NodeProcess;
  readonly odsCode: string;
  readonly lead: SignedIn;
  readonly author: SignedIn;
  readonly reviewer: SignedIn;
  readonly url: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: SignedIn,
  ): Promise<{ data?: T | null; errors?: { message: string; extensions: { code: string } }[] }>;
}

/** Starts a node (its own process, port and embedded database) and signs its staff in. */
export async function startNetworkNode(
  role: 'trust' | 'commissioner' | 'regulator' | 'hub',
  odsCode: string,
  name: string,
  extra: Record<string, string> = {},
): Promise<NetworkNode> {
  const env: Record<string, string> = {
    NODE_ROLE: role,
    ODS_CODE: odsCode,
    ORG_NAME: name,
    FEDERATION_POLL_MS: '100',
    // Every node of a test network is on loopback: allowed only because it is said here.
    FEDERATION_ALLOW_ADDRESSES: '127.0.0.0/8,::1/128',
    FEDERATION_KEY_REFETCH_SECONDS: '1',
    SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000',
    LOG_LEVEL: 'warn',
    ...extra,
  };
  const node = await NodeProcess.create(env);
  // BASE_URL must name the address and port the node listens on.
  env.BASE_URL = node.url;
  await node.start();
  const email = `lead@${odsCode.toLowerCase()}.nhs.uk`;
  const created = node.cli(
    ['admin:create', '--email', email, '--name', 'Lead', '--password-stdin'],
    `${TEST_PASSWORD}\n`,
  );
  if (created.status !== 0) throw new Error(`admin:create failed: ${created.stderr}`);
  const lead = await signIn(node, email);
  const author = await createUserAndSignIn(node, lead.accessToken, ['AUTHOR']);
  const reviewer = await createUserAndSignIn(node, lead.accessToken, ['REVIEWER']);
  return {
    process: node,
    odsCode,
    lead,
    author,
    reviewer,
    url: node.url,
    gql: (query, variables, token) => node.gql(query, variables, token?.accessToken),
  };
}

export async function stopNetworkNode(node: NetworkNode): Promise<void> {
  await node.process.stop('SIGTERM');
  await rm(node.process.dataDir, { recursive: true, force: true });
}

/** Fails with the errors if a GraphQL call failed; returns its data. */
export async function ok<T>(
  call: Promise<{ data?: T | null; errors?: { message: string; extensions: { code: string } }[] }>,
): Promise<T> {
  const result = await call;
  if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

/** A trust joins through the hub, the hub's lead approves, and the signed directory arrives. */
export async function joinNetwork(hub: NetworkNode, node: NetworkNode): Promise<void> {
  await ok(
    node.gql(
      `mutation($i: JoinNetworkInput!) { joinNetwork(input: $i) { hubActor } }`,
      { i: { hubUrl: hub.url } },
      node.lead,
    ),
  );
  await waitFor(async () => {
    const pending = await ok(
      hub.gql<{ networkMembers: { odsCode: string }[] }>(
        `{ networkMembers(status: "pending") { odsCode } }`,
        {},
        hub.lead,
      ),
    );
    return pending.networkMembers.some((m) => m.odsCode === node.odsCode);
  }, 15_000);
  await ok(
    hub.gql(
      `mutation($o: String!) { decideMembership(odsCode: $o, approve: true) { status } }`,
      { o: node.odsCode },
      hub.lead,
    ),
  );
  await waitFor(async () => {
    const status = await ok(
      node.gql<{ federation: { member: boolean } }>(`{ federation { member } }`, {}, node.lead),
    );
    return status.federation.member;
  }, 15_000);
}

/**
 * A lesson written, reviewed, scanned and cleared by the reviewer (every finding accepted): ready
 * for a quality lead to publish beyond the node.
 */
export async function preparedLesson(
  node: NetworkNode,
  overrides: Record<string, unknown> = {},
): Promise<LessonResult> {
  const lesson = await createLesson(node.process, node.author, {
    ...COMPLETE_SBAR,
    visibility: 'NETWORK',
    ...overrides,
  });
  await addAction(node.process, node.author, lesson.id);
  await ok(step(node.process, node.author, 'submitLesson', lesson.id));
  await ok(step(node.process, node.reviewer, 'approveLesson', lesson.id));
  const scanned = await ok(
    node.gql<{ scanLesson: { id: string }[] }>(
      `mutation($id: ID!) { scanLesson(lessonId: $id) { id } }`,
      { id: lesson.id },
      node.reviewer,
    ),
  );
  for (const finding of scanned.scanLesson)
    await ok(
      node.gql(
        `mutation($i: DecideFindingInput!) { decideFinding(input: $i) { id } }`,
        { i: { id: finding.id, decision: 'ACCEPT' } },
        node.reviewer,
      ),
    );
  return lesson;
}

/** A lesson prepared as above and published with the given visibility. */
export async function sharedLesson(
  node: NetworkNode,
  overrides: Record<string, unknown> = {},
): Promise<LessonResult> {
  const lesson = await preparedLesson(node, overrides);
  await ok(step(node.process, node.lead, 'publishLesson', lesson.id));
  return lesson;
}

export const NETWORK_LESSONS = `query($origin: String, $all: Boolean) {
  networkLessons(origin: $origin, includeRetracted: $all, first: 50) {
    edges { node { id objectId originOdsCode version retracted title via verification verifiedWith themes } }
  }
}`;

export interface ReceivedLesson {
  id: string;
  objectId: string;
  originOdsCode: string;
  version: number;
  retracted: boolean;
  title: string | null;
  via: string;
  verification: string;
  verifiedWith: string;
  themes: string[];
}

export async function received(node: NetworkNode, all = true): Promise<ReceivedLesson[]> {
  const data = await ok(
    node.gql<{ networkLessons: { edges: { node: ReceivedLesson }[] } }>(
      NETWORK_LESSONS,
      { all },
      node.author,
    ),
  );
  return data.networkLessons.edges.map((e) => e.node);
}

/**
 * A node written in the test itself from the protocol library alone: it serves an actor document
 * and keys, records what reaches its inbox, and sends whatever a test asks, well formed or not.
 */
export class FakePeer {
  readonly inboxed: Activity[] = [];
  /** Every GET this peer answered (actor document, keys …), by path. */
  readonly fetched: string[] = [];
  /** What its actor document says of it (a test may change the role it asks for). */
  actorRole = 'trust';
  /** How the inbox answers each POST: a status, after an optional delay (ms). */
  respond: (activity: Activity, nth: number) => { status: number; delayMs?: number } = () => ({
    status: 202,
  });
  private server?: Server;
  private port = 0;
  key!: SigningKey;
  publicKey!: PublishedKey;

  constructor(
    readonly odsCode: string,
    readonly role: 'trust' | 'commissioner' | 'regulator' = 'trust',
  ) {}

  get urls() {
    return nodeUrls(`http://127.0.0.1:${this.port}`);
  }

  async start(): Promise<void> {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { extractable: true });
    const kid = `${this.odsCode.toLowerCase()}-fake-1`;
    this.key = { kid, privateKey };
    this.publicKey = {
      kty: 'OKP',
      crv: 'Ed25519',
      x: (await exportJWK(publicKey)).x!,
      kid,
      alg: 'EdDSA',
      use: 'sig',
      status: 'active',
    };
    this.server = createServer((req, res) => {
      void this.handle(req).then(([status, body]) => {
        res.writeHead(status, { 'content-type': 'application/activity+json' });
        res.end(JSON.stringify(body));
      });
    });
    await this.listen(0);
  }

  private async listen(port: number): Promise<void> {
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  /** Stops answering (connections refused) until {@link up}. */
  async down(): Promise<void> {
    this.server!.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  async up(): Promise<void> {
    await this.listen(this.port);
  }

  /** How many times each activity id reached this inbox (with a 2xx answer or not). */
  counts(type?: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const a of this.inboxed)
      if (!type || a.type === type) counts.set(a.id, (counts.get(a.id) ?? 0) + 1);
    return counts;
  }

  private async handle(req: IncomingMessage): Promise<[number, unknown]> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method === 'POST' && req.url === '/federation/inbox') {
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Activity;
      this.inboxed.push(activity);
      const { status, delayMs } = this.respond(activity, this.inboxed.length);
      // unref: a peer still delaying its answer does not keep the test run alive.
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
      return [status, status < 300 ? { status: 'accepted' } : { error: 'TEST' }];
    }
    if (req.method === 'GET') this.fetched.push(req.url ?? '');
    if (req.url === '/federation/actor')
      return [
        200,
        {
          '@context': CONTEXT,
          id: this.urls.actor,
          type: 'Organization',
          preferredUsername: this.odsCode,
          name: `${this.odsCode} Fake`,
          role: this.actorRole,
          inbox: this.urls.inbox,
          publicKeys: [this.publicKey],
        },
      ];
    if (req.url === '/federation/jwks.json') return [200, { keys: [this.publicKey] }];
    return [404, {}];
  }

  async stop(): Promise<void> {
    if (!this.server?.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Joins through the hub (its lead approves) and waits until `node` lists this peer. */
  async join(hub: NetworkNode, node: NetworkNode): Promise<void> {
    const join = this.activity({
      type: 'Join',
      object: `${hub.url}/federation/actor`,
      member: { odsCode: this.odsCode, name: `${this.odsCode} Fake`, role: this.role },
    });
    const answer = await this.post(`${hub.url}/federation/inbox`, join);
    if (answer.status !== 202) throw new Error(`Join refused: ${JSON.stringify(answer)}`);
    await ok(
      hub.gql(
        `mutation($o: String!) { decideMembership(odsCode: $o, approve: true) { status } }`,
        { o: this.odsCode },
        hub.lead,
      ),
    );
    await waitFor(async () => {
      const members = await ok(
        node.gql<{ networkMembers: { odsCode: string }[] }>(
          `{ networkMembers { odsCode } }`,
          {},
          node.author,
        ),
      );
      return members.networkMembers.some((m) => m.odsCode === this.odsCode);
    }, 20_000);
  }

  /** Follows `node` (no filter) and waits for its Accept. */
  async follow(node: NetworkNode): Promise<void> {
    const follow = this.activity({
      type: 'Follow',
      object: `${node.url}/federation/actor`,
      filter: {},
    });
    const answer = await this.post(`${node.url}/federation/inbox`, follow);
    if (answer.status !== 202) throw new Error(`Follow refused: ${JSON.stringify(answer)}`);
    await waitFor(
      () => this.inboxed.some((a) => a.type === 'Accept' && a.object === follow.id),
      20_000,
    );
  }

  activity(partial: Partial<Activity> & Pick<Activity, 'type' | 'object'>): Activity {
    return {
      '@context': CONTEXT,
      id: this.urls.activity(randomUUID()),
      actor: this.urls.actor,
      published: new Date().toISOString(),
      ...partial,
    };
  }

  /** POSTs to an inbox; `tamper` changes what is sent after the token was made. */
  async post(
    inbox: string,
    body: unknown,
    options: {
      token?: string | null;
      contentType?: string;
      raw?: string | Buffer;
      key?: SigningKey;
      now?: number;
      jti?: string;
    } = {},
  ): Promise<{ status: number; body: { error?: string; status?: string } }> {
    const text = options.raw ?? JSON.stringify(body);
    const token =
      options.token === null
        ? undefined
        : (options.token ??
          (await signHopToken({
            sender: this.urls.actor,
            inbox,
            body: text,
            key: options.key ?? this.key,
            now: options.now,
            jti: options.jti,
          })));
    const response = await fetch(inbox, {
      method: 'POST',
      headers: {
        'content-type': options.contentType ?? 'application/activity+json',
        ...(token ? { [HOP_HEADER]: token } : {}),
      },
      body: text,
    });
    const answer = (await response.json().catch(() => ({}))) as { error?: string };
    return { status: response.status, body: answer };
  }
}
