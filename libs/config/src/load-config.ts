import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import ipaddr from 'ipaddr.js';
import { NodeConfig, type LogLevel } from './node-config';
import { NODE_ROLES, NodeRole } from './node-role';

/** Thrown when configuration is invalid; `problems` lists every problem found, one line each. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Source = Record<string, string | undefined>;

const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];
/** The ODS code a node without an organisation uses until `admin:create` (or ODS_CODE) names it. */
export const PLACEHOLDER_ODS = 'DEV01';
const PLACEHOLDER_NAME = 'Unnamed organisation (npm run cli -- admin:create names it)';
/** What an ODS code looks like: 3 to 10 capital letters or digits. */
export const ODS_CODE_PATTERN = /^[A-Z0-9]{3,10}$/;

/**
 * The environment variables the node reads, with the key each has in an optional JSON config file
 * (`CONFIG_FILE` or `--config`). Environment variables win over the file.
 */
export const CONFIG_VARIABLES = {
  NODE_ROLE: { file: 'role', help: 'trust | commissioner | regulator | hub (default trust)' },
  ODS_CODE: { file: 'odsCode', help: 'ODS code of the organisation, e.g. RJ1' },
  ORG_NAME: { file: 'organisationName', help: 'name of the organisation' },
  BASE_URL: { file: 'baseUrl', help: 'public base URL (default http://localhost:PORT)' },
  HOST: { file: 'host', help: 'interface to listen on (default 127.0.0.1)' },
  PORT: { file: 'port', help: 'HTTP port (default 3000; 0 = any free port)' },
  DATA_DIR: { file: 'dataDir', help: 'directory for node data (default ./data)' },
  DATABASE_URL: { file: 'databaseUrl', help: 'postgres:// URL; unset = embedded PostgreSQL' },
  EMBEDDED_DB_PORT: { file: 'embeddedDatabasePort', help: 'embedded PostgreSQL port (0 = any)' },
  LOG_LEVEL: { file: 'logLevel', help: LOG_LEVELS.join(' | ') + ' (default info)' },
  MIGRATE_ON_START: { file: 'migrateOnStart', help: 'true | false (default true)' },
  ACCESS_TOKEN_TTL_SECONDS: { file: 'accessTokenTtlSeconds', help: '60..3600 (default 900)' },
  REFRESH_TOKEN_TTL_DAYS: { file: 'refreshTokenTtlDays', help: '1..90 (default 14)' },
  INVITATION_TTL_HOURS: { file: 'invitationTtlHours', help: '1..720 (default 168)' },
  GRAPHQL_MAX_DEPTH: { file: 'graphqlMaxDepth', help: '2..50 (default 10)' },
  GRAPHQL_MAX_COST: { file: 'graphqlMaxCost', help: '10..100000 (default 5000)' },
  GRAPHQL_INTROSPECTION: { file: 'graphqlIntrospection', help: 'true | false (default true)' },
  SIGN_IN_RATE_LIMIT_PER_MINUTE: { file: 'signInRateLimitPerMinute', help: '1..1000 (default 20)' },
  FEDERATION_WORKER: {
    file: 'federationWorker',
    help: 'true | false: deliver federation messages from this process (default true)',
  },
  FEDERATION_POLL_MS: {
    file: 'federationPollMs',
    help: '50..60000: how often the delivery worker looks for due deliveries (default 500)',
  },
  FEDERATION_LEASE_SECONDS: {
    file: 'federationLeaseSeconds',
    help: '2..3600: a delivery claimed by a worker that died is claimed again after this (default 60)',
  },
  FEDERATION_JOIN_ALLOW: {
    file: 'federationJoinAllow',
    help: 'hub only: comma-separated host names (or *.suffix) allowed to ask to join (default: any https host, and http on loopback)',
  },
  FEDERATION_ALLOW_ADDRESSES: {
    file: 'federationAllowAddresses',
    help: 'comma-separated address ranges (CIDR, e.g. 127.0.0.0/8,::1/128,10.20.0.0/16) other nodes may be reached at although private, loopback or link-local (default: none, public addresses only)',
  },
  FEDERATION_KEY_REFETCH_SECONDS: {
    file: 'federationKeyRefetchSeconds',
    help: "1..3600: a member's keys are fetched again (after an unknown key id) at most this often (default 30)",
  },
  FEDERATION_INBOX_RATE_LIMIT_PER_MINUTE: {
    file: 'federationInboxRateLimitPerMinute',
    help: '60..1000000: requests per minute one address may make to federation doors (default 60000)',
  },
} as const;

export type ConfigVariable = keyof typeof CONFIG_VARIABLES;

/**
 * Reads and validates the configuration. `env` is normally `process.env`; `configFile` overrides
 * `CONFIG_FILE`. Throws a {@link ConfigError} listing every problem at once.
 */
export function loadConfig(env: Source, configFile?: string, cwd = process.cwd()): NodeConfig {
  const problems: string[] = [];
  const merged: Source = {};
  const fileName = configFile ?? env.CONFIG_FILE;
  if (fileName) {
    const fromFile = readConfigFile(resolve(cwd, fileName), problems);
    for (const [name, spec] of Object.entries(CONFIG_VARIABLES)) {
      const value = fromFile[spec.file];
      if (value === undefined || value === null) continue;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        merged[name] = String(value);
      } else {
        problems.push(`${fileName}: "${spec.file}" must be a string, number or boolean`);
      }
    }
    for (const key of Object.keys(fromFile)) {
      if (!Object.values(CONFIG_VARIABLES).some((s) => s.file === key)) {
        problems.push(`${fileName}: unknown key "${key}"`);
      }
    }
  }
  for (const name of Object.keys(CONFIG_VARIABLES)) {
    const value = env[name];
    if (value !== undefined && value !== '') merged[name] = value;
  }

  const read = new Reader(merged, problems);
  const role = read.oneOf('NODE_ROLE', NODE_ROLES, NodeRole.Trust);
  const odsRaw = merged.ODS_CODE;
  const odsCode = read.pattern(
    'ODS_CODE',
    ODS_CODE_PATTERN,
    PLACEHOLDER_ODS,
    'must be 3 to 10 capital letters or digits, e.g. RJ1',
    (v) => v.trim().toUpperCase(),
  );
  const organisationName = read.text('ORG_NAME', PLACEHOLDER_NAME, 2, 200);
  const host = read.text('HOST', '127.0.0.1', 1, 255);
  const port = read.integer('PORT', 3000, 0, 65535);
  const baseUrl = read.url('BASE_URL', `http://localhost:${port}`);
  const dataDirRaw = read.text('DATA_DIR', './data', 1, 4096);
  const databaseUrl = read.optionalDatabaseUrl('DATABASE_URL');
  const embeddedDatabasePort = read.integer('EMBEDDED_DB_PORT', 0, 0, 65535);
  const logLevel = read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info');
  const migrateOnStart = read.boolean('MIGRATE_ON_START', true);
  const accessTokenTtlSeconds = read.integer('ACCESS_TOKEN_TTL_SECONDS', 900, 60, 3600);
  const refreshTokenTtlDays = read.integer('REFRESH_TOKEN_TTL_DAYS', 14, 1, 90);
  const invitationTtlHours = read.integer('INVITATION_TTL_HOURS', 168, 1, 720);
  const graphqlMaxDepth = read.integer('GRAPHQL_MAX_DEPTH', 10, 2, 50);
  const graphqlMaxCost = read.integer('GRAPHQL_MAX_COST', 5000, 10, 100000);
  const graphqlIntrospection = read.boolean('GRAPHQL_INTROSPECTION', true);
  const signInRateLimitPerMinute = read.integer('SIGN_IN_RATE_LIMIT_PER_MINUTE', 20, 1, 1000);
  const federationWorker = read.boolean('FEDERATION_WORKER', true);
  const federationPollMs = read.integer('FEDERATION_POLL_MS', 500, 50, 60_000);
  const federationLeaseSeconds = read.integer('FEDERATION_LEASE_SECONDS', 60, 2, 3600);
  const federationJoinAllow = (read.text('FEDERATION_JOIN_ALLOW', '', 0, 2000) || '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h.length > 0);
  const federationAllowAddresses = (read.text('FEDERATION_ALLOW_ADDRESSES', '', 0, 2000) || '')
    .split(',')
    .map((range) => range.trim())
    .filter((range) => range.length > 0);
  for (const range of federationAllowAddresses)
    if (!ipaddr.isValidCIDR(range))
      problems.push(
        `FEDERATION_ALLOW_ADDRESSES: ${range} is not an address range (CIDR, e.g. 127.0.0.0/8)`,
      );
  const federationKeyRefetchSeconds = read.integer('FEDERATION_KEY_REFETCH_SECONDS', 30, 1, 3600);
  const federationInboxRateLimitPerMinute = read.integer(
    'FEDERATION_INBOX_RATE_LIMIT_PER_MINUTE',
    60_000,
    60,
    1_000_000,
  );

  if (problems.length > 0) throw new ConfigError(problems);
  return new NodeConfig({
    role,
    odsCode,
    organisationName,
    baseUrl,
    host,
    port,
    dataDir: isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw),
    databaseUrl,
    embeddedDatabasePort,
    logLevel,
    migrateOnStart,
    accessTokenTtlSeconds,
    refreshTokenTtlDays,
    invitationTtlHours,
    graphqlMaxDepth,
    graphqlMaxCost,
    graphqlIntrospection,
    signInRateLimitPerMinute,
    federationWorker,
    federationPollMs,
    federationLeaseSeconds,
    federationJoinAllow,
    federationAllowAddresses,
    federationKeyRefetchSeconds,
    federationInboxRateLimitPerMinute,
    usingPlaceholderIdentity: odsRaw === undefined || odsCode === PLACEHOLDER_ODS,
  });
}

function readConfigFile(path: string, problems: string[]): Record<string, unknown> {
  if (!existsSync(path)) {
    problems.push(`config file ${path} does not exist`);
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.push(`config file ${path} must hold a JSON object`);
      return {};
    }
    return parsed as Record<string, unknown>;
  } catch (error) {
    problems.push(`config file ${path} is not valid JSON: ${(error as Error).message}`);
    return {};
  }
}

/** Reads one variable at a time, recording a problem instead of throwing. */
class Reader {
  constructor(
    private readonly values: Source,
    private readonly problems: string[],
  ) {}

  private fail<T>(name: ConfigVariable, message: string, fallback: T): T {
    const shown = name === 'DATABASE_URL' ? '' : ` (got "${this.values[name]}")`;
    this.problems.push(`${name}: ${message}${shown}`);
    return fallback;
  }

  text(name: ConfigVariable, fallback: string, min: number, max: number): string {
    const value = this.values[name]?.trim();
    if (value === undefined) return fallback;
    if (value.length < min || value.length > max) {
      return this.fail(name, `must be ${min} to ${max} characters`, fallback);
    }
    return value;
  }

  pattern(
    name: ConfigVariable,
    re: RegExp,
    fallback: string,
    message: string,
    normalise: (v: string) => string,
  ): string {
    const raw = this.values[name];
    if (raw === undefined) return fallback;
    const value = normalise(raw);
    return re.test(value) ? value : this.fail(name, message, fallback);
  }

  oneOf<T extends string>(name: ConfigVariable, allowed: readonly T[], fallback: T): T {
    const value = this.values[name]?.trim().toLowerCase();
    if (value === undefined) return fallback;
    return (allowed as readonly string[]).includes(value)
      ? (value as T)
      : this.fail(name, `must be one of ${allowed.join(', ')}`, fallback);
  }

  integer(name: ConfigVariable, fallback: number, min: number, max: number): number {
    const raw = this.values[name]?.trim();
    if (raw === undefined) return fallback;
    if (!/^-?\d+$/.test(raw))
      return this.fail(name, `must be a whole number from ${min} to ${max}`, fallback);
    const value = Number(raw);
    if (value < min || value > max)
      return this.fail(name, `must be a whole number from ${min} to ${max}`, fallback);
    return value;
  }

  boolean(name: ConfigVariable, fallback: boolean): boolean {
    const raw = this.values[name]?.trim().toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes', 'on'].includes(raw)) return true;
    if (['false', '0', 'no', 'off'].includes(raw)) return false;
    return this.fail(name, 'must be true or false', fallback);
  }

  url(name: ConfigVariable, fallback: string): string {
    const raw = this.values[name]?.trim();
    if (raw === undefined) return fallback;
    try {
      const parsed = new URL(raw);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        return this.fail(name, 'must be an http:// or https:// URL', fallback);
      }
      if (parsed.search || parsed.hash)
        return this.fail(name, 'must not have a query or fragment', fallback);
      return raw.replace(/\/+$/, '');
    } catch {
      return this.fail(
        name,
        'must be an absolute URL such as https://lessons.example.nhs.uk',
        fallback,
      );
    }
  }

  optionalDatabaseUrl(name: ConfigVariable): string | undefined {
    const raw = this.values[name]?.trim();
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
        return this.fail(
          name,
          'must be a postgres:// or postgresql:// URL (value hidden)',
          undefined,
        );
      }
      return raw;
    } catch {
      return this.fail(name, 'must be a postgres:// URL (value hidden)', undefined);
    }
  }
}
