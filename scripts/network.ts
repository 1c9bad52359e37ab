/**
 * A local Lessons Network in one command, for training and demos:
 *
 *   npm run network                 start (or restart) a hub, two Trusts and an ICB on loopback
 *   npm run network -- --fresh      throw away ./data/network first
 *   npm run network -- --base-port 5000
 *
 * Each node is its own process (the built server) with its own port and embedded PostgreSQL under
 * ./data/network/<ODS code>. The first run joins them through the hub, sets up follows, seeds demo
 * lessons and shares some with the network; later runs just start them. Prints every node's URLs
 * and demo sign-ins. Ctrl-C stops everything cleanly.
 *
 * The setup drives the nodes only through their CLI and GraphQL, with the helpers the process
 * tests use (test/support), so the demo network is built exactly as the tests build theirs.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { joinNetwork, type NetworkNode, ok, sharedLesson } from '../test/support/network';
import { assertBuilt, NodeProcess, waitFor } from '../test/support/node-process';
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
  await node.start(120_000);
  return node;
}

/** Demo users: seed:demo on Trusts (lessons too), one quality lead elsewhere. */
function createPeople(spec: NodeSpec, node: NodeProcess): Credentials[string] {
  if (spec.role === 'trust') {
    const seeded = node.cli(['seed:demo', '--lessons', '30']);
    if (seeded.status !== 0) throw new Error(`seed:demo on ${spec.ods}: ${seeded.stderr}`);
    const password = /password (\S+)\)/.exec(seeded.stdout)?.[1];
    if (!password) throw new Error(`seed:demo on ${spec.ods} printed no password`);
    return {
      lead: 'demo.lead@example.org',
      author: 'demo.author@example.org',
      reviewer: 'demo.reviewer@example.org',
      password,
    };
  }
  const password = `demo-${randomBytes(9).toString('base64url')}`;
  const lead = `lead@${spec.ods.toLowerCase()}.example.org`;
  const created = node.cli(
    ['admin:create', '--email', lead, '--name', 'Demo Quality Lead', '--password-stdin'],
    `${password}\n`,
  );
  if (created.status !== 0) throw new Error(`admin:create on ${spec.ods}: ${created.stderr}`);
  return { lead, password };
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
    gql: (query, variables, token?: SignedIn) => node.gql(query, variables, token?.accessToken),
  };
}

async function setUp(nodes: Map<string, NetworkNode>): Promise<void> {
  const hub = nodes.get('HUB01')!;
  for (const ods of ['RAA01', 'RBB01', 'QIC01']) {
    say(`  ${ods} joins the network through the hub …`);
    await joinNetwork(hub, nodes.get(ods)!);
  }
  for (const ods of ['RAA01', 'RBB01'])
    await ok(
      nodes
        .get(ods)!
        .gql(
          `mutation { setAutoApproveRoles(roles: ["hub", "commissioner", "trust"]) { autoApproveRoles } }`,
          {},
          nodes.get(ods)!.lead,
        ),
    );
  const icb = nodes.get('QIC01')!;
  say('  the ICB follows Alpha for falls and medication at moderate harm or worse …');
  await ok(
    icb.gql(
      `mutation($i: FollowInput!) { follow(input: $i) { status } }`,
      {
        i: {
          odsCode: 'RAA01',
          filter: { themes: ['falls', 'medication'], minimumHarm: 'moderate' },
        },
      },
      icb.lead,
    ),
  );
  say('  Beta follows the hub for lessons from Alpha …');
  const beta = nodes.get('RBB01')!;
  await ok(
    beta.gql(
      `mutation($i: FollowInput!) { follow(input: $i) { status } }`,
      { i: { odsCode: 'HUB01', filter: { organisations: ['RAA01'] } } },
      beta.lead,
    ),
  );
  let followerId = '';
  await waitFor(async () => {
    const list = await ok(
      hub.gql<{ followers: { id: string; odsCode: string; status: string }[] }>(
        `{ followers { id odsCode status } }`,
        {},
        hub.lead,
      ),
    );
    followerId =
      list.followers.find((f) => f.odsCode === 'RBB01' && f.status === 'pending')?.id ?? '';
    return followerId !== '';
  }, 30_000);
  await ok(
    hub.gql(
      `mutation($id: ID!) { decideFollower(id: $id, accept: true) { status } }`,
      { id: followerId },
      hub.lead,
    ),
  );
  await waitFor(async () => {
    const list = await ok(
      icb.gql<{ following: { status: string }[] }>(`{ following { status } }`, {}, icb.lead),
    );
    return list.following.some((f) => f.status === 'accepted');
  }, 30_000);
  for (const ods of ['RAA01', 'RBB01']) {
    say(`  ${ods} shares ${SHARED.length} lessons with the network …`);
    for (const lesson of SHARED) await sharedLesson(nodes.get(ods)!, lesson);
  }
}

const running: NodeProcess[] = [];

async function main(): Promise<void> {
  assertBuilt();
  if (process.argv.includes('--fresh')) rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const firstRun = !existsSync(credentialsFile);
  say(`Starting ${NODES.length} nodes under ${root} (ports ${basePort}–${basePort + 3}) …`);
  const processes = await Promise.all(
    NODES.map(async (spec) => {
      const node = await start(spec);
      running.push(node);
      return node;
    }),
  );
  const stopAll = async () => {
    say('\nStopping every node …');
    await Promise.all(processes.map((p) => p.stop('SIGTERM')));
    say('Stopped cleanly.');
    process.exit(0);
  };
  process.once('SIGINT', () => void stopAll());
  process.once('SIGTERM', () => void stopAll());

  let credentials: Credentials;
  if (firstRun) {
    say('First run: demo users, the network, follows and shared lessons …');
    credentials = {};
    NODES.forEach((spec, i) => (credentials[spec.ods] = createPeople(spec, processes[i]!)));
    writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  } else credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Credentials;
  const nodes = new Map<string, NetworkNode>();
  for (const [i, spec] of NODES.entries())
    nodes.set(spec.ods, await asNetworkNode(spec, processes[i]!, credentials[spec.ods]!));
  if (firstRun) await setUp(nodes);

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
