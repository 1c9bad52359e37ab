import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { COMPLETE_SBAR, createLesson } from '../support/lesson-factory';
import { assertBuilt, CLI, NodeProcess, waitFor } from '../support/node-process';
import { signIn, TEST_PASSWORD } from '../support/test-node';

/**
 * Runs the CLI in a pseudo-terminal (util-linux `script`), as a person at a terminal does, and
 * answers each prompt once it appears. Returns the exit code and everything the terminal showed.
 */
async function inTerminal(
  node: NodeProcess,
  args: string[],
  answers: [prompt: RegExp, answer: string][],
): Promise<{ status: number | null; output: string }> {
  const command = [process.execPath, CLI, ...args]
    .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  const child = spawn('script', ['-qefc', command, '/dev/null'], {
    env: node.processEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let status: number | null | undefined;
  void exited.then((code) => (status = code));
  let seen = 0;
  for (const [prompt, answer] of answers) {
    // Answer only once the prompt is on the screen (and stop if the command ended first).
    await waitFor(() => status !== undefined || prompt.test(output.slice(seen)), 60_000);
    if (status !== undefined) break;
    seen = output.length;
    child.stdin.write(`${answer}\r`);
  }
  await waitFor(() => status !== undefined, 60_000);
  child.stdin.end();
  return { status: status ?? null, output };
}

/** What a newcomer meets in their first minutes with a node, through the real CLI and server. */
describe('a newcomer', () => {
  const nodes: NodeProcess[] = [];
  beforeAll(() => assertBuilt());
  afterAll(async () => {
    for (const node of nodes) {
      await node.stop('SIGTERM');
      await rm(node.dataDir, { recursive: true, force: true });
    }
  });

  it('running seed:demo a second time gets one clear sentence, not a stack trace', async () => {
    const node = await NodeProcess.create();
    nodes.push(node);
    const first = node.cli(['seed:demo', '--lessons', '3']);
    expect(first.status).toBe(0);
    const again = node.cli(['seed:demo', '--lessons', '3']);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already has the demo data/);
    expect(again.stderr).not.toMatch(/\n\s+at /);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('admin:create at a terminal refuses a short password before asking for it again', async () => {
    const node = await NodeProcess.create();
    nodes.push(node);
    const result = await inTerminal(
      node,
      ['admin:create', '--email', 'lead@short.nhs.uk', '--name', 'Lead'],
      [
        [/Password/, 'short'],
        [/Repeat/, 'short'],
      ],
    );
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/at least 12 characters/);
    expect(result.output).not.toMatch(/Repeat the password/);
  });

  it('names the organisation with the first quality lead; the running node uses it everywhere', async () => {
    // No ODS_CODE or ORG_NAME in the configuration.
    const node = await NodeProcess.create({ ODS_CODE: '', ORG_NAME: '' });
    nodes.push(node);
    await node.start();
    expect(node.output).toMatch(/organisation's name and ODS code/);

    // Without a terminal, the CLI says how to name it.
    const unnamed = node.cli(
      ['admin:create', '--email', 'lead@named.nhs.uk', '--name', 'Lead', '--password-stdin'],
      `${TEST_PASSWORD}\n`,
    );
    expect(unnamed.status).toBe(1);
    expect(unnamed.stderr).toMatch(/--ods-code and --org-name/);

    // At a terminal, it asks.
    const created = await inTerminal(
      node,
      ['admin:create', '--email', 'lead@named.nhs.uk', '--name', 'Lead'],
      [
        [/ODS code/, 'rxq'],
        [/Name of your organisation/, 'Riverside Hospitals NHS Trust'],
        [/Password/, TEST_PASSWORD],
        [/Repeat/, TEST_PASSWORD],
      ],
    );
    expect(created.output).toMatch(/Created quality lead lead@named.nhs.uk/);
    expect(created.status).toBe(0);

    // The running node picks it up: its federation actor, its node information, its briefings.
    await waitFor(async () => {
      const res = await fetch(`${node.url}/federation/actor`).catch(() => undefined);
      if (res?.status !== 200) return false;
      const actor = (await res.json()) as { name: string; preferredUsername: string };
      return actor.name === 'Riverside Hospitals NHS Trust' && actor.preferredUsername === 'RXQ';
    }, 60_000);
    const lead = await signIn(node, 'lead@named.nhs.uk');
    const info = await node.gql<{ nodeInfo: { organisationName: string; odsCode: string } }>(
      `{ nodeInfo { organisationName odsCode } }`,
    );
    expect(info.data?.nodeInfo).toEqual({
      organisationName: 'Riverside Hospitals NHS Trust',
      odsCode: 'RXQ',
    });
    const lesson = await createLesson(node, lead, {
      ...COMPLETE_SBAR,
      title: 'Named in the briefing',
    });
    const briefing = await fetch(`${node.url}/lessons/${lesson.id}/briefing.html`, {
      headers: { authorization: `Bearer ${lead.accessToken}` },
    });
    const html = await briefing.text();
    expect(html).toContain('Riverside Hospitals NHS Trust');
    expect(html).not.toMatch(/Unnamed organisation|Development Trust|ODS_CODE/);

    // After a restart too; and a second admin:create cannot rename it.
    await node.stop('SIGTERM');
    await node.start();
    expect(node.output).toMatch(/node for Riverside Hospitals NHS Trust \(RXQ\)/);
    const renamed = node.cli(
      [
        'admin:create',
        '--email',
        'second@named.nhs.uk',
        '--name',
        'Second',
        '--invite',
        '--ods-code',
        'RZZ',
        '--org-name',
        'Another Trust',
      ],
      '',
    );
    expect(renamed.status).toBe(1);
    expect(renamed.stderr).toMatch(/already runs as Riverside Hospitals NHS Trust \(RXQ\)/);
  });
});
