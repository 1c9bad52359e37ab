import { type NodeRole } from './node-role';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * The node's configuration, validated once at start (see load-config.ts). Every other part of the
 * node receives this object; nothing else reads `process.env`.
 */
export class NodeConfig {
  /** What this node is: trust, commissioner, regulator or hub. */
  readonly role!: NodeRole;
  /** The ODS code of the organisation that runs the node (e.g. RJ1). */
  readonly odsCode!: string;
  /** The organisation's name as people know it. */
  readonly organisationName!: string;
  /** The public base URL other nodes and browsers use, without a trailing slash. */
  readonly baseUrl!: string;
  /** Interface the HTTP server binds to. */
  readonly host!: string;
  /** HTTP port; 0 picks a free port. */
  readonly port!: number;
  /** Directory for the node's own files (the embedded database lives under it). Absolute. */
  readonly dataDir!: string;
  /** PostgreSQL server to use instead of the embedded one. Secret: never logged. */
  readonly databaseUrl?: string;
  /** Port for the embedded PostgreSQL; 0 picks a free port at each start. */
  readonly embeddedDatabasePort!: number;
  /** pino log level. */
  readonly logLevel!: LogLevel;
  /** Run pending migrations when the server starts. */
  readonly migrateOnStart!: boolean;
  /** Lifetime of an access token, in seconds. */
  readonly accessTokenTtlSeconds!: number;
  /** Lifetime of a refresh token (and so of a sign-in session without activity), in days. */
  readonly refreshTokenTtlDays!: number;
  /** How long an invitation to set a password stays valid, in hours. */
  readonly invitationTtlHours!: number;
  /** Deepest GraphQL selection accepted. */
  readonly graphqlMaxDepth!: number;
  /** Highest estimated cost of one GraphQL operation accepted. */
  readonly graphqlMaxCost!: number;
  /** Whether GraphQL introspection is served. */
  readonly graphqlIntrospection!: boolean;
  /** Sign-in attempts per minute allowed from one client address. */
  readonly signInRateLimitPerMinute!: number;
  /** Whether this process delivers queued federation messages. */
  readonly federationWorker!: boolean;
  /** How often (ms) the delivery worker looks for due deliveries. */
  readonly federationPollMs!: number;
  /** Seconds after which a delivery claimed by a worker that died is claimed again. */
  readonly federationLeaseSeconds!: number;
  /** Hub: host names (or `*.suffix`) that may ask to join; empty = any https host, http on loopback. */
  readonly federationJoinAllow!: readonly string[];
  /**
   * Address ranges (CIDR) other nodes may be reached at although they are not public (loopback,
   * private, link-local …): empty = public addresses only. Tests and local networks list loopback.
   */
  readonly federationAllowAddresses!: readonly string[];
  /** A member's keys are fetched again (after an unknown key id) at most this often, in seconds. */
  readonly federationKeyRefetchSeconds!: number;
  /** Requests per minute one client address may make to the inbox and discovery routes. */
  readonly federationInboxRateLimitPerMinute!: number;
  /** Whether the organisation identity is the built-in development placeholder. */
  readonly usingPlaceholderIdentity!: boolean;

  constructor(values: Omit<NodeConfig, 'describe' | 'withIdentity'>) {
    Object.assign(this, values);
    Object.freeze(this);
  }

  /**
   * The same configuration naming the organisation stored on the node (by `admin:create`), for a
   * node whose configuration does not name one.
   */
  withIdentity(odsCode: string, organisationName: string): NodeConfig {
    return new NodeConfig({ ...this, odsCode, organisationName, usingPlaceholderIdentity: false });
  }

  /** A loggable summary: secrets are masked. */
  describe(): Record<string, unknown> {
    return {
      role: this.role,
      odsCode: this.odsCode,
      organisationName: this.organisationName,
      baseUrl: this.baseUrl,
      host: this.host,
      port: this.port,
      dataDir: this.dataDir,
      database: this.databaseUrl ? maskUrl(this.databaseUrl) : 'embedded',
      logLevel: this.logLevel,
      migrateOnStart: this.migrateOnStart,
    };
  }
}

/** Replaces the password of a URL with `***`. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '***';
  }
}
