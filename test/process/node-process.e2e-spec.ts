import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { assertBuilt, isAlive, MAIN, NodeProcess, waitFor } from '../support/node-process';

const PASSWORD = 'process test passphrase 1';
const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(input: { email: $e, password: $p }) { accessToken refreshToken } }`;

/**
 * Real node processes built from dist/, each with its own embedded PostgreSQL: what a quality lead
 * does on a fresh machine.
 */
describe('a node as a process', () => {
  const nodes: NodeProcess[] = [];
  beforeAll(() => assertBuilt());
  afterAll(async () => {
    for (const node of nodes) {
      await node.stop('SIGTERM');
      await rm(node.dataDir, { recursive: true, force: true });
    }
  });

  it('starts, creates the first admin from the CLI, keeps every record across a restart, and stops cleanly', async () => {
    const node = await NodeProcess.create();
    nodes.push(node);
    await node.start();
    expect(node.output).toContain('No quality lead yet');
    expect(node.output).toContain('admin:create');

    // The web UI, served by the built node (templates and assets found from dist/).
    expect(node.output).toContain(`Web UI:    ${node.url}/`);
    const home = await fetch(`${node.url}/`, { redirect: 'manual' });
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/sign-in');
    const signInPage = await fetch(`${node.url}/sign-in`);
    expect(signInPage.status).toBe(200);
    const html = await signInPage.text();
    const stylesheet = /<link rel="stylesheet" href="([^"]+)">/.exec(html)?.[1];
    expect((await fetch(`${node.url}${stylesheet}`)).status).toBe(200);

    const created = node.cli(
      ['admin:create', '--email', 'lead@proc.nhs.uk', '--name', 'Process Lead', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('Created quality lead lead@proc.nhs.uk');

    const session = await node.gql<{ signIn: { accessToken: string } }>(SIGN_IN, {
      e: 'lead@proc.nhs.uk',
      p: PASSWORD,
    });
    const token = session.data!.signIn.accessToken;
    const createdUser = await node.gql<{ createUser: { user: { id: string } } }>(
      `mutation { createUser(input: { email: "author@proc.nhs.uk", displayName: "Author", roles: [AUTHOR] }) { user { id } } }`,
      {},
      token,
    );
    expect(createdUser.errors).toBeUndefined();

    const postmasterPid = Number(
      readFileSync(join(node.dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    expect(isAlive(postmasterPid)).toBe(true);
    expect(await node.stop('SIGTERM')).toBe(0);
    expect(node.output).toContain('stopped cleanly');
    await waitFor(() => !isAlive(postmasterPid), 10_000);
    expect(existsSync(join(node.dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    await node.start();
    expect(node.output).not.toMatch(/No quality lead yet[\s\S]*No quality lead yet/);
    const again = await node.gql<{ signIn: { accessToken: string } }>(SIGN_IN, {
      e: 'lead@proc.nhs.uk',
      p: PASSWORD,
    });
    const users = await node.gql<{ users: { edges: { node: { email: string } }[] } }>(
      `{ users { edges { node { email } } } }`,
      {},
      again.data!.signIn.accessToken,
    );
    expect(users.data!.users.edges.map((e) => e.node.email).sort()).toEqual([
      'author@proc.nhs.uk',
      'lead@proc.nhs.uk',
    ]);

    // Nothing secret reached the logs: no password, no token.
    expect(node.output).not.toContain(PASSWORD);
    expect(node.output).not.toContain(token);
    expect(node.output).not.toContain(
      readFileSync(join(node.dataDir, 'postgres-password'), 'utf8').trim(),
    );
  });

  it('stops cleanly on Ctrl-C, when the terminal signals PostgreSQL too', async () => {
    const node = await NodeProcess.create();
    nodes.push(node);
    await node.start(60_000, { ownProcessGroup: true });
    const postmasterPid = Number(
      readFileSync(join(node.dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    expect(await node.interruptGroup()).toBe(0);
    expect(node.output).toContain('stopped cleanly');
    await waitFor(() => !isAlive(postmasterPid), 10_000);
  });

  it('runs two nodes side by side, each with its own data and port', async () => {
    const a = await NodeProcess.create({ ODS_CODE: 'RAAA', ORG_NAME: 'Trust A' });
    const b = await NodeProcess.create({
      ODS_CODE: 'RBBB',
      ORG_NAME: 'Trust B',
      NODE_ROLE: 'commissioner',
    });
    nodes.push(a, b);
    await Promise.all([a.start(), b.start()]);
    expect(
      a.cli(
        ['admin:create', '--email', 'lead@a.nhs.uk', '--name', 'A Lead', '--password-stdin'],
        PASSWORD,
      ).status,
    ).toBe(0);

    const infoA = await a.gql<{ nodeInfo: { odsCode: string; role: string } }>(
      `{ nodeInfo { odsCode role } }`,
    );
    const infoB = await b.gql<{ nodeInfo: { odsCode: string; role: string } }>(
      `{ nodeInfo { odsCode role } }`,
    );
    expect(infoA.data!.nodeInfo).toEqual({ odsCode: 'RAAA', role: 'trust' });
    expect(infoB.data!.nodeInfo).toEqual({ odsCode: 'RBBB', role: 'commissioner' });
    expect((await a.gql(SIGN_IN, { e: 'lead@a.nhs.uk', p: PASSWORD })).errors).toBeUndefined();
    expect(
      (await b.gql(SIGN_IN, { e: 'lead@a.nhs.uk', p: PASSWORD })).errors?.[0]?.extensions.code,
    ).toBe('INVALID_CREDENTIALS');
  });

  it('refuses a second node on a data directory already in use, with a clear message', async () => {
    const first = await NodeProcess.create();
    nodes.push(first);
    await first.start();
    const second = new NodeProcess(first.dataDir, first.port + 1);
    await expect(second.start(20_000)).rejects.toThrow(/already running on/);
    expect(second.exitCode).toBe(1);
  });

  it('exits with one message listing every configuration problem', () => {
    const result = spawnSync(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        NODE_ROLE: 'hospital',
        PORT: 'eighty',
        BASE_URL: 'ftp://x',
        ODS_CODE: 'no!',
        DATABASE_URL: 'mysql://u:secretpw@h/db',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration:');
    for (const name of ['NODE_ROLE', 'PORT', 'BASE_URL', 'ODS_CODE', 'DATABASE_URL'])
      expect(result.stderr).toContain(`${name}:`);
    expect(result.stderr).not.toContain('secretpw');
  });

  it('CLI admin:create without a terminal or password source explains the options', async () => {
    const node = await NodeProcess.create();
    nodes.push(node);
    const result = node.cli(['admin:create', '--email', 'x@proc.nhs.uk', '--name', 'X']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/--password-stdin or --invite/);
    const weak = node.cli(
      ['admin:create', '--email', 'x@proc.nhs.uk', '--name', 'X', '--password-stdin'],
      'short',
    );
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/at least 12 characters/);
    const invite = node.cli([
      'admin:create',
      '--email',
      'y@proc.nhs.uk',
      '--name',
      'Y',
      '--invite',
    ]);
    expect(invite.status).toBe(0);
    expect(invite.stdout).toMatch(/One-time link/);
  });

  it('CLI anonymise reads JSON lines and writes spans and redacted text, one line per input', () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'Mrs Ada Lovelace, NHS 943 476 5919, 😀 bed 4' }),
      'not json',
      JSON.stringify({ id: 7, text: 42 }),
      JSON.stringify({ id: 'empty', text: '' }),
    ].join('\n');
    const node = new NodeProcess('/nonexistent-data-dir', 1);
    const result = node.cli(['anonymise'], `${input}\n`);
    expect(result.status).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({
      id: 'a',
      spans: [
        { start: 4, end: 16, type: 'NAME' },
        { start: 22, end: 34, type: 'NHS_NUMBER' },
        { start: 39, end: 44, type: 'BED' },
      ],
      redacted: 'Mrs [NAME], NHS [NHS NUMBER], 😀 [BED]',
    });
    expect(lines[1]).toMatchObject({ id: null, error: expect.any(String) as string });
    expect(lines[2]).toEqual({ id: 7, error: '"text" must be a string' });
    expect(lines[3]).toEqual({ id: 'empty', spans: [], redacted: '' });
  });
});
