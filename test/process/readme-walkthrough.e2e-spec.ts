import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, NodeProcess } from '../support/node-process';

const ROOT = join(__dirname, '..', '..');

/** The shell block between the README's walkthrough markers, exactly as a reader copies it. */
function walkthrough(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block =
    /<!-- walkthrough:start[^>]*-->\s*```sh\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no walkthrough block');
  return block[1]!;
}

/**
 * The README's walk-through, run as written (bash, curl, jq) against a fresh node started without
 * ODS_CODE or ORG_NAME: from the first quality lead to a published lesson. It cannot rot.
 */
describe('the README walk-through', () => {
  let node: NodeProcess;
  const tmp = mkdtempSync(join(tmpdir(), 'ln-readme-'));
  beforeAll(async () => {
    assertBuilt();
    for (const tool of ['bash', 'curl', 'jq'])
      if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
        throw new Error(`the README walk-through needs ${tool} on the PATH`);
    node = await NodeProcess.create({ ODS_CODE: '', ORG_NAME: '' });
    await node.start();
  });
  afterAll(async () => {
    await node?.stop('SIGTERM');
    rmSync(node.dataDir, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  });

  it('takes a lesson from nothing to published, with no error on the way', async () => {
    const script = walkthrough();
    const { status, output } = await new Promise<{ status: number | null; output: string }>(
      (resolve) => {
        const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', script], {
          cwd: ROOT,
          env: { ...node.processEnv, HOME: process.env.HOME, TMPDIR: tmp },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', (code) => resolve({ status: code, output: out }));
      },
    );
    // On failure, what the walk-through printed (curl's exit status alone says too little).
    if (status !== 0) process.stderr.write(`README walk-through output:\n${output}\n`);
    expect({ status, errors: output.match(/"errors"[^\n]*/g) }).toEqual({
      status: 0,
      errors: null,
    });
    expect(output).toMatch(/Created quality lead lead@example.nhs.uk/);
    expect(output).toMatch(/"key":"deteriorating_patient"/);
    expect(output).toMatch(/"submitLesson":\{"status":"IN_REVIEW"\}/);
    expect(output).toMatch(/"approveLesson":\{"status":"APPROVED"\}/);
    expect(output).toMatch(/"publishLesson":\{"status":"PUBLISHED"/);
    expect(output).toMatch(/"lesson":\{"id":"[0-9a-f-]{36}","status":"PUBLISHED"\}/);
    const briefing = readFileSync(join(tmp, 'briefing.html'), 'utf8');
    expect(briefing).toContain('Rising NEWS2 not escalated overnight');
    expect(briefing).toContain('Example Hospitals NHS Trust');
  });
});
