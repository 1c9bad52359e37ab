import { spawn, type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, isProcessAlive } from '@lessons-network/persistence';
import type { GraphqlResult } from './test-node';

const ROOT = join(__dirname, '..', '..');
export const MAIN = join(ROOT, 'dist', 'apps', 'server', 'apps', 'server', 'src', 'main.js');
export const CLI = join(ROOT, 'dist', 'apps', 'server', 'apps', 'server', 'src', 'cli.js');

/** Fails early with a clear message when the node has not been built (npm test builds first). */
export function assertBuilt(): void {
  if (!existsSync(MAIN) || !existsSync(CLI))
    throw new Error(`${MAIN} is missing: run npm run build (npm test does it)`);
}

export async function newDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'ln-node-'));
}

/** A real node process (the built server) on its own port and data directory. */
export class NodeProcess {
  private child?: ChildProcess;
  output = '';
  exitCode: number | null = null;

  constructor(
    readonly dataDir: string,
    readonly port: number,
    readonly env: Record<string, string> = {},
  ) {}

  static async create(env: Record<string, string> = {}): Promise<NodeProcess> {
    return new NodeProcess(await newDataDir(), await freePort(), env);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get processEnv(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      DATA_DIR: this.dataDir,
      PORT: String(this.port),
      LOG_LEVEL: 'info',
      ODS_CODE: 'RPROC',
      ORG_NAME: 'Process Test Trust',
      ...this.env,
    };
  }

  /**
   * Starts the server and waits (by polling /ready) until it serves. It fails at once if the
   * process exits; the limit only bounds a node that hangs. A first start creates a database
   * cluster and applies every migration, which on a shared 2-core machine with both cores busy
   * and several nodes starting together has taken over a minute: the limit is far above that.
   */
  async start(timeoutMs = 240_000, options: { ownProcessGroup?: boolean } = {}): Promise<void> {
    this.exitCode = null;
    const child = spawn(process.execPath, [MAIN], {
      env: this.processEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.ownProcessGroup ?? false,
    });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.on('exit', (code) => (this.exitCode = code));
    await waitFor(async () => {
      if (this.exitCode !== null)
        throw new Error(`node exited with ${this.exitCode}:\n${this.output}`);
      const res = await fetch(`${this.url}/ready`).catch(() => undefined);
      return res?.status === 200;
    }, timeoutMs);
  }

  /** Sends a signal and waits for the process to exit; returns its exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<number | null> {
    const child = this.child;
    if (!child || this.exitCode !== null) return this.exitCode;
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<null>((r) => (timer = setTimeout(() => r(null), timeoutMs)));
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (code === null && this.exitCode === null) child.kill('SIGKILL');
    return code;
  }

  /** Signals the node's whole process group, as Ctrl-C in a terminal does; waits for the exit. */
  async interruptGroup(timeoutMs = 30_000): Promise<number | null> {
    const child = this.child;
    if (!child?.pid || this.exitCode !== null) return this.exitCode;
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    process.kill(-child.pid, 'SIGINT');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<null>((r) => (timer = setTimeout(() => r(null), timeoutMs)));
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (code === null && this.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    return code;
  }

  /** Runs the CLI against this node's configuration. */
  cli(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, [CLI, ...args], {
      env: this.processEnv,
      input,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  async gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GraphqlResult<T>> {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as Pick<GraphqlResult<T>, 'data' | 'errors'>;
    return { status: res.status, headers: Object.fromEntries(res.headers), ...body };
  }
}

/** Polls `condition` until it returns true; never a fixed sleep. */
export async function waitFor(
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Polls `progress` (a count that only grows, such as "followers that have the lesson") until it
 * reaches `target`. It fails only when the count has not grown for `stallMs`: on a slow or busy
 * machine the work still advances and the wait goes on; a hang stops it advancing and fails.
 */
export async function waitForProgress(
  progress: () => Promise<number> | number,
  target: number,
  stallMs: number,
  intervalMs = 200,
): Promise<void> {
  let best = -1;
  let advancedAt = Date.now();
  for (;;) {
    const now = await progress();
    if (now >= target) return;
    if (now > best) {
      best = now;
      advancedAt = Date.now();
    } else if (Date.now() - advancedAt > stallMs)
      throw new Error(`stuck at ${now} of ${target}: no progress for ${stallMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Whether a process with this pid is alive. */
export const isAlive = isProcessAlive;
