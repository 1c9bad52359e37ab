/**
 * A local Lessons Network in one command, for training and demos:
 *
 *   npm run network                 start (or restart) a hub, two Trusts and an ICB on loopback
 *   npm run network -- --fresh      throw away ./data/network first
 *   npm run network -- --base-port 5000
 *
 * Each node is its own process (the built server) with its own port and embedded PostgreSQL under
 * ./data/network/<ODS code>. Each run checks every node's real state and does what is missing:
 * demo users and lessons, joins through the hub, follows, lessons shared with the network. So the
 * first run sets everything up, a run after an interrupted one finishes the set-up, and later runs
 * just start the nodes. Prints every node's URLs and demo sign-ins. Ctrl-C stops everything cleanly.
 *
 * The setup drives the nodes only through their CLI and GraphQL, with the helpers the process
 * tests use (test/support), so the demo network is built exactly as the tests build theirs.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type NetworkNode, ok, sharedLesson } from '../test/support/network';
import { assertBuilt, CLI, NodeProcess, waitFor } from '../test/support/node-process';
import { signIn, type SignedIn } from '../test/support/test-node';

interface NodeSpec {
  readonly ods: string;
  readonly name: string;
  readonly role: 'hub' | 'trust' | 'commissioner';
  readonly offset: number;
}

const NODES: readonly NodeSpec[] = [
  { ods: 'HUB01', name: 'North Region Learning Hub', role: 'hub', offset: 0 },
  { ods: 'RAA01', name: 'Alpha Hospitals NHS Foundation Trust', role: 'trust', offset: 1 },
  { ods: 'RBB01', name: 'Beta Community Health NHS Trust', role: 'trust', offset: 2 },
  { ods: 'QIC01', name: 'Example Integrated Care Board', role: 'commissioner', offset: 3 },
];

interface Credentials {
  [ods: string]: { lead: string; author?: string; reviewer?: string; password: string };
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

const root = join(process.cwd(), 'data', 'network');
const basePort = Number(option('base-port') ?? 4000);
const credentialsFile = join(root, 'credentials.json');

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Lessons each Trust shares with the network on the first run (titles carry no identifiers). */
const SHARED = [
  {
    title: 'Unwitnessed fall at night after a change in sedation',
    themes: ['falls'],
    physicalHarm: 'MODERATE',
  },
  {
    title: 'Insulin dose omitted at handover between wards',
    themes: ['medication'],
    physicalHarm: 'SEVERE',
  },
  {
    title: 'Pressure damage missed on admission from a care home',
    themes: ['pressure_ulcers'],
    physicalHarm: 'LOW',
  },
];

async function start(spec: NodeSpec): Promise<NodeProcess> {
  const port = basePort + spec.offset;
  const dataDir = join(root, spec.ods);
  mkdirSync(dataDir, { recursive: true });
  const node = new NodeProcess(dataDir, port, {
    NODE_ROLE: spec.role,
    ODS_CODE: spec.ods,
    ORG_NAME: spec.name,
    BASE_URL: `http://127.0.0.1:${port}`,
    FEDERATION_POLL_MS: '200',
    // The whole network is on loopback: other nodes may be reached there because it is said here.
    FEDERATION_ALLOW_ADDRESSES: '127.0.0.0/8,::1/128',
    LOG_LEVEL: 'warn',
  });
  await node.start();
  return node;
}

/** Runs the CLI against a node without blocking this process's event loop (see {@link gqlWithRetry}). */
function cli(
  node: NodeProcess,
  args: string[],
  input: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: node.processEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** A connection the node closed under us (an idle keep-alive socket), or one refused or reset. */
function isConnectionError(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause;
  return (
    error instanceof TypeError &&
    /fetch failed/.test(error.message) &&
    ['UND_ERR_SOCKET', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'UND_ERR_CLOSED'].includes(
      cause?.code ?? '',
    )
  );
}

/**
 * GraphQL through a node's process, retrying a query (which changes nothing) when the connection
 * fails. Mutations are not retried here: a set-up step that fails is run again from the nodes' state
 * (see {@link setUp}), so nothing is done twice.
 */
async function gqlWithRetry<T>(
  node: NodeProcess,
  query: string,
  variables: Record<string, unknown> | undefined,
  token: string | undefined,
): Promise<Awaited<ReturnType<NodeProcess['gql']>> & { data?: T | null }> {
  const isQuery = /^\s*(query\b|\{)/.test(query);
  for (let attempt = 1; ; attempt++) {
    try {
      return await node.gql<T>(query, variables, token);
    } catch (error) {
      if (!isQuery || attempt >= 5 || !isConnectionError(error)) throw error;
    }
  }
}

/** Whether these demo credentials sign in on the node. */
async function canSignIn(node: NodeProcess, email: string, password: string): Promise<boolean> {
  const result = await gqlWithRetry<{ signIn: { accessToken: string } }>(
    node,
    `mutation($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken } }`,
    { e: email, p: password },
    undefined,
  );
  return Boolean(result.data?.signIn);
}

/** New demo credentials for a node (saved before any user is made, so a re-run can finish). */
function newPeople(spec: NodeSpec): Credentials[string] {
  const password = `demo-${randomBytes(9).toString('base64url')}`;
  if (spec.role === 'trust')
    return {
      lead: 'demo.lead@example.org',
      author: 'demo.author@example.org',
      reviewer: 'demo.reviewer@example.org',
      password,
    };
  return { lead: `lead@${spec.ods.toLowerCase()}.example.org`, password };
}

/**
 * Demo users (seed:demo on Trusts, with lessons; one quality lead elsewhere), unless the saved
 * credentials already sign in on the node.
 */
async function ensurePeople(
  spec: NodeSpec,
  node: NodeProcess,
  people: Credentials[string],
): Promise<void> {
  if (await canSignIn(node, people.lead, people.password)) return;
  say(`  ${spec.ods}: demo users${spec.role === 'trust' ? ' and lessons' : ''} …`);
  const made =
    spec.role === 'trust'
      ? await cli(
          node,
          ['seed:demo', '--lessons', '30', '--password-stdin'],
          `${people.password}\n`,
        )
      : await cli(
          node,
          [
            'admin:create',
            '--email',
            people.lead,
            '--name',
            'Demo Quality Lead',
            '--password-stdin',
          ],
          `${people.password}\n`,
        );
  if (made.status !== 0)
    throw new Error(
      `${spec.ods}: ${made.stderr.trim()}\nStart again from nothing with: npm run network -- --fresh`,
    );
}

async function asNetworkNode(
  spec: NodeSpec,
  node: NodeProcess,
  people: Credentials[string],
): Promise<NetworkNode> {
  const lead = await signIn(node, people.lead, people.password);
  const author = people.author ? await signIn(node, people.author, people.password) : lead;
  const reviewer = people.reviewer ? await signIn(node, people.reviewer, people.password) : lead;
  return {
    process: node,
    odsCode: spec.ods,
    lead,
    author,
    reviewer,
    url: node.url,
    gql: (query, variables, token?: SignedIn) =>
      gqlWithRetry(node, query, variables, token?.accessToken),
  };
}

/** How long set-up waits for one thing another node does (a delivery); it fails if it never comes. */
const WAIT_MS = 120_000;

/** A member is in the hub's directory: asks to join unless it did, the hub's lead approves. */
async function ensureMember(hub: NetworkNode, node: NetworkNode): Promise<void> {
  const status = async () =>
    (
      await ok(
        node.gql<{ federation: { member: boolean; hubActor: string | null } }>(
          `{ federation { member hubActor } }`,
          {},
          node.lead,
        ),
      )
    ).federation;
  if ((await status()).member) return;
  say(`  ${node.odsCode} joins the network through the hub …`);
  const atHub = async (state: 'pending' | 'approved') =>
    (
      await ok(
        hub.gql<{ networkMembers: { odsCode: string }[] }>(
          `query($s: String) { networkMembers(status: $s) { odsCode } }`,
          { s: state },
          hub.lead,
        ),
      )
    ).networkMembers.some((m) => m.odsCode === node.odsCode);
  if (!(await atHub('approved'))) {
    // A Join already sent (an earlier run) is still delivered by the node's outbox: not sent twice.
    if (!(await status()).hubActor)
      await ok(
        node.gql(
          `mutation($i: JoinNetworkInput!) { joinNetwork(input: $i) { hubActor } }`,
          { i: { hubUrl: hub.url } },
          node.lead,
        ),
      );
    await waitFor(() => atHub('pending'), WAIT_MS);
    await ok(
      hub.gql(
        `mutation($o: String!) { decideMembership(odsCode: $o, approve: true) { status } }`,
        { o: node.odsCode },
        hub.lead,
      ),
    );
  }
  await waitFor(async () => (await status()).member, WAIT_MS);
}

/** `follower` follows `ods` with this filter (unless it already does), and it is accepted. */
async function ensureFollow(
  follower: NetworkNode,
  followed: NetworkNode,
  filter: Record<string, unknown>,
): Promise<void> {
  const following = async () =>
    (
      await ok(
        follower.gql<{ following: { odsCode: string; status: string }[] }>(
          `{ following { odsCode status } }`,
          {},
          follower.lead,
        ),
      )
    ).following.find((f) => f.odsCode === followed.odsCode);
  const current = await following();
  if (current?.status === 'accepted') return;
  say(`  ${follower.odsCode} follows ${followed.odsCode} …`);
  if (!current)
    await ok(
      follower.gql(
        `mutation($i: FollowInput!) { follow(input: $i) { status } }`,
        { i: { odsCode: followed.odsCode, filter } },
        follower.lead,
      ),
    );
  // Trusts accept by role automatically; the hub's lead accepts by hand.
  await waitFor(async () => {
    if ((await following())?.status === 'accepted') return true;
    const pending = (
      await ok(
        followed.gql<{ followers: { id: string; odsCode: string; status: string }[] }>(
          `{ followers { id odsCode status } }`,
          {},
          followed.lead,
        ),
      )
    ).followers.find((f) => f.odsCode === follower.odsCode && f.status === 'pending');
    if (pending)
      await ok(
        followed.gql(
          `mutation($id: ID!) { decideFollower(id: $id, accept: true) { status } }`,
          { id: pending.id },
          followed.lead,
        ),
      );
    return false;
  }, WAIT_MS);
}

/** The Trust has published each demo lesson it shares (titled as in SHARED), once. */
async function ensureShared(trust: NetworkNode): Promise<void> {
  const published = await ok(
    trust.gql<{ lessons: { edges: { node: { title: string } }[] } }>(
      `{ lessons(first: 100, filter: { statuses: [PUBLISHED] }) { edges { node { title } } } }`,
      {},
      trust.lead,
    ),
  );
  const titles = new Set(published.lessons.edges.map((e) => e.node.title));
  const missing = SHARED.filter((lesson) => !titles.has(lesson.title));
  if (missing.length === 0) return;
  say(`  ${trust.odsCode} shares ${missing.length} lessons with the network …`);
  for (const lesson of missing) await sharedLesson(trust, lesson);
}

/**
 * Every set-up step checks the nodes' real state and does only what is missing, so an interrupted
 * set-up is finished by the next run. A step that loses its connection is run again the same way.
 */
async function setUp(nodes: Map<string, NetworkNode>): Promise<void> {
  const node = (ods: string) => nodes.get(ods)!;
  const hub = node('HUB01');
  for (const ods of ['RAA01', 'RBB01', 'QIC01']) await ensureMember(hub, node(ods));
  for (const ods of ['RAA01', 'RBB01'])
    await ok(
      node(ods).gql(
        `mutation { setAutoApproveRoles(roles: ["hub", "commissioner", "trust"]) { autoApproveRoles } }`,
        {},
        node(ods).lead,
      ),
    );
  // The ICB follows Alpha for falls and medication at moderate harm or worse; Beta follows the hub
  // for lessons from Alpha.
  await ensureFollow(node('QIC01'), node('RAA01'), {
    themes: ['falls', 'medication'],
    minimumHarm: 'moderate',
  });
  await ensureFollow(node('RBB01'), hub, { organisations: ['RAA01'] });
  for (const ods of ['RAA01', 'RBB01']) await ensureShared(node(ods));
}

async function withRetries(step: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (stopping || attempt >= 3 || !isConnectionError(error)) throw error;
      say(`  (a connection to a node dropped; checking the nodes again)`);
    }
  }
}

const running: NodeProcess[] = [];
/** Set on Ctrl-C: the nodes are going away, so a dropped connection is not retried. */
let stopping = false;

async function main(): Promise<void> {
  assertBuilt();
  if (process.argv.includes('--fresh')) rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  say(`Starting ${NODES.length} nodes under ${root} (ports ${basePort}–${basePort + 3}) …`);
  const processes = await Promise.all(
    NODES.map(async (spec) => {
      const node = await start(spec);
      running.push(node);
      return node;
    }),
  );
  const stopAll = async () => {
    stopping = true;
    say('\nStopping every node …');
    await Promise.all(processes.map((p) => p.stop('SIGTERM')));
    say('Stopped cleanly.');
    process.exit(0);
  };
  process.once('SIGINT', () => void stopAll());
  process.once('SIGTERM', () => void stopAll());

  // Passwords are chosen and saved before any user exists, so a run that stops half-way leaves
  // credentials the next run can finish the set-up with.
  const credentials: Credentials = existsSync(credentialsFile)
    ? (JSON.parse(readFileSync(credentialsFile, 'utf8')) as Credentials)
    : {};
  for (const spec of NODES) credentials[spec.ods] ??= newPeople(spec);
  writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  say('Checking each node: demo users, the network, follows and shared lessons …');
  const nodes = new Map<string, NetworkNode>();
  await withRetries(async () => {
    for (const [i, spec] of NODES.entries()) {
      await ensurePeople(spec, processes[i]!, credentials[spec.ods]!);
      nodes.set(spec.ods, await asNetworkNode(spec, processes[i]!, credentials[spec.ods]!));
    }
    await setUp(nodes);
  });

  say('\nThe network is running. Demo data only: nothing in it is about a real person.\n');
  for (const spec of NODES) {
    const node = nodes.get(spec.ods)!;
    const people = credentials[spec.ods]!;
    say(`${spec.name} (${spec.ods}, ${spec.role})`);
    say(`  GraphQL  ${node.url}/graphql`);
    if (spec.role === 'trust') say(`  Feed     ${node.url}/feeds/lessons.atom`);
    say(
      `  Sign in  ${[people.lead, people.author, people.reviewer].filter(Boolean).join(', ')}  password ${people.password}`,
    );
  }
  say(`\nCredentials are kept in ${credentialsFile}. Stop with Ctrl-C.`);
}

main().catch(async (error: unknown) => {
  process.stderr.write(`network: ${(error as Error).stack ?? String(error)}\n`);
  await Promise.all(running.map((p) => p.stop('SIGTERM')));
  process.exit(1);
});
