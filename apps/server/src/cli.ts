import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { anonymise } from '@lessons-network/anonymiser';
import { DomainException, RequestContext } from '@lessons-network/common';
import {
  ConfigError,
  CONFIG_VARIABLES,
  loadConfig,
  NodeConfig,
  ODS_CODE_PATTERN,
} from '@lessons-network/config';
import { FederationKeysService } from '@lessons-network/federation';
import {
  AccessTokenService,
  OrganisationService,
  passwordProblems,
  UsersService,
} from '@lessons-network/identity';
import { buildDataSourceOptions } from '@lessons-network/persistence';
import { Command, CommanderError } from 'commander';
import pino, { type Logger } from 'pino';
import { DataSource } from 'typeorm';
import { CliModule } from './cli/cli.module';
import { WorkerModule } from './worker/worker.module';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { DemoAlreadySeeded, seedDemo } from './demo/demo-seed';
import { promptHidden, promptVisible, readStdin } from './cli/prompt';
import { migrate, openDatabase } from './database/database-lifecycle';
import { NODE_SCHEMA } from './database/node-schema';
import { withStoredIdentity } from './database/stored-identity';
import { baseLoggerOptions } from './logging/logger-options';

/** Problems the user can fix: printed without a stack trace, exit code 1. */
class UsageError extends Error {}

const program = new Command()
  .name('lessons-network')
  .description(
    'Administer a Lessons Network node. Uses the same configuration (environment or --config file) as the server.',
  )
  .option('--config <file>', 'JSON configuration file (environment variables override it)')
  .showHelpAfterError()
  .addHelpText(
    'after',
    `\nConfiguration variables:\n${Object.entries(CONFIG_VARIABLES)
      .map(([name, spec]) => `  ${name.padEnd(30)} ${spec.help}`)
      .join('\n')}\n`,
  );

/** The organisation a node without ODS_CODE runs as: from the options, or asked on the terminal. */
async function organisationFor(options: {
  odsCode?: string;
  orgName?: string;
}): Promise<{ odsCode: string; name: string }> {
  const ask = async (question: string): Promise<string> => {
    if (!process.stdin.isTTY)
      throw new UsageError(
        'This node has no organisation yet: name it with --ods-code and --org-name ' +
          '(or set ODS_CODE and ORG_NAME in its configuration)',
      );
    return promptVisible(question);
  };
  const odsCode = (options.odsCode ?? (await ask('ODS code of your organisation (e.g. RJ1): ')))
    .trim()
    .toUpperCase();
  if (!ODS_CODE_PATTERN.test(odsCode))
    throw new UsageError(`"${odsCode}" is not an ODS code: 3 to 10 capital letters or digits`);
  const name = (options.orgName ?? (await ask('Name of your organisation: '))).trim();
  if (name.length < 2 || name.length > 200)
    throw new UsageError("The organisation's name must be 2 to 200 characters");
  return { odsCode, name };
}

program
  .command('admin:create')
  .description(
    "Create a quality lead (the node's administrator) for this node's organisation. There is no default password: " +
      'you type one, pipe one with --password-stdin, or get a one-time link with --invite. On a node whose ' +
      'configuration has no ODS_CODE, the first quality lead also names the organisation (asked, or --ods-code and --org-name).',
  )
  .requiredOption('--email <email>', 'e-mail address they will sign in with')
  .requiredOption('--name <name>', 'their name as colleagues know it')
  .option('--password-stdin', 'read the password from standard input')
  .option('--invite', 'print a one-time link to set the password instead of setting it now')
  .option('--ods-code <code>', "the organisation's ODS code, when the node has none yet")
  .option('--org-name <name>', "the organisation's name, when the node has none yet")
  .action(
    async (options: {
      email: string;
      name: string;
      passwordStdin?: boolean;
      invite?: boolean;
      odsCode?: string;
      orgName?: string;
    }) => {
      const email = options.email.trim();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
        throw new UsageError(`"${email}" is not an e-mail address`);
      if (options.name.trim().length === 0) throw new UsageError('--name must not be empty');
      if (!options.passwordStdin && !options.invite && !process.stdin.isTTY)
        throw new UsageError('No terminal to type a password in: use --password-stdin or --invite');
      await withNode(async (app, config, ctx) => {
        let organisation = { odsCode: config.odsCode, name: config.organisationName };
        if (config.usingPlaceholderIdentity) {
          organisation = await organisationFor(options);
        } else if (
          (options.odsCode && options.odsCode.trim().toUpperCase() !== config.odsCode) ||
          (options.orgName && options.orgName.trim() !== config.organisationName)
        ) {
          throw new UsageError(
            `This node already runs as ${config.organisationName} (${config.odsCode}); ` +
              'leave out --ods-code and --org-name',
          );
        }
        let password: string | undefined;
        if (options.passwordStdin) password = await readStdin();
        else if (!options.invite) {
          password = await promptHidden('Password (at least 12 characters): ');
          const problems = passwordProblems(password, email);
          if (problems.length > 0)
            throw new UsageError(`The password needs ${problems.join(', ')}`);
          if ((await promptHidden('Repeat the password: ')) !== password)
            throw new UsageError('The passwords differ');
        }
        if (config.usingPlaceholderIdentity) {
          const claimed = await app
            .get(OrganisationService)
            .claimIdentity(organisation.odsCode, organisation.name);
          if (!claimed) throw new UsageError('This node already has another organisation');
        }
        const result = await app
          .get(UsersService)
          .createQualityLead(ctx, { email, displayName: options.name, password });
        process.stdout.write(
          `Created quality lead ${result.user.email} (${result.user.id}) for ${organisation.name} (${organisation.odsCode}).\n`,
        );
        if (result.invitation) {
          process.stdout.write(
            `One-time link to set the password (valid until ${result.invitation.expiresAt.toISOString()}):\n  ${result.invitation.url}\n` +
              `Token for the acceptInvitation mutation: ${result.invitation.token}\n`,
          );
        } else {
          process.stdout.write(`Sign in at ${config.baseUrl}/graphql with the signIn mutation.\n`);
        }
      });
    },
  );

program
  .command('migrate')
  .description(
    'Apply pending database migrations (the server also does this at start unless MIGRATE_ON_START=false).',
  )
  .option('--status', 'list migrations and whether each is applied, change nothing')
  .option('--revert', 'undo the most recent migration')
  .action(async (options: { status?: boolean; revert?: boolean }) => {
    const { config, logger } = setup();
    const database = await openDatabase(config, logger, 'cli');
    try {
      if (options.status || options.revert) {
        const dataSource = await new DataSource(
          buildDataSourceOptions(database.url, NODE_SCHEMA),
        ).initialize();
        try {
          if (options.revert) {
            await dataSource.undoLastMigration({ transaction: 'each' });
            process.stdout.write('Reverted the most recent migration.\n');
          }
          const applied = new Set<string>(
            (
              (await dataSource.query('SELECT name FROM migrations').catch(() => [])) as {
                name: string;
              }[]
            ).map((r) => r.name),
          );
          for (const migration of dataSource.migrations) {
            process.stdout.write(
              `${applied.has(migration.name!) ? '[x]' : '[ ]'} ${migration.name}\n`,
            );
          }
        } finally {
          await dataSource.destroy();
        }
      } else {
        const applied = await migrate(database.url, logger);
        process.stdout.write(
          applied.length
            ? `Applied ${applied.length}: ${applied.join(', ')}\n`
            : 'Nothing to apply: the database is up to date.\n',
        );
      }
    } finally {
      await database.close();
    }
  });

program
  .command('seed:demo')
  .description(
    'Fill this node with synthetic demo lessons (every template, theme and care setting; actions in every status) ' +
      'and four demo users. Nothing in it is about a real person. For demos and tests, not for a live node.',
  )
  .option('--lessons <n>', 'how many lessons (at least 60 covers everything)', '60')
  .option(
    '--password-stdin',
    "read the demo users' password from standard input (else one is made up)",
  )
  .action(async (options: { lessons: string; passwordStdin?: boolean }) => {
    const count = Number(options.lessons);
    if (!Number.isInteger(count) || count < 1 || count > 10_000)
      throw new UsageError('--lessons must be 1 to 10000');
    const password = options.passwordStdin ? await readStdin() : undefined;
    if (password !== undefined && passwordProblems(password).length > 0)
      throw new UsageError(`The password needs ${passwordProblems(password).join(', ')}`);
    await withNode(async (app) => {
      const result = await seedDemo(
        app,
        count,
        (done, total) => {
          if (done % 10 === 0 || done === total)
            process.stderr.write(`  ${done}/${total} lessons\n`);
        },
        password,
      );
      process.stdout.write(
        `Seeded ${result.lessons} demo lessons. Demo sign-ins (password ${result.password}):\n` +
          result.users.map((u) => `  ${u.email.padEnd(28)} ${u.roles.join(', ')}`).join('\n') +
          '\n',
      );
    });
  });

program
  .command('anonymise')
  .description(
    'Find and redact identifiers in text, for tools and evaluation. Reads JSON lines {"id": …, "text": "…"} on ' +
      'standard input; writes one line per input: {"id", "spans": [{"start", "end", "type"}], "redacted"} ' +
      '(offsets in UTF-16 code units), or {"id", "error"} for a line it cannot read. Needs no database.',
  )
  .action(async () => {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      let id: unknown = null;
      try {
        const input = JSON.parse(line) as { id?: unknown; text?: unknown };
        id = input.id ?? null;
        if (typeof input.text !== 'string') throw new Error('"text" must be a string');
        const result = anonymise(input.text);
        process.stdout.write(
          `${JSON.stringify({ id, spans: result.findings.map((f) => ({ start: f.start, end: f.end, type: f.type })), redacted: result.redacted })}\n`,
        );
      } catch (error) {
        process.stdout.write(
          `${JSON.stringify({ id, error: error instanceof Error ? error.message : String(error) })}\n`,
        );
      }
    }
  });

program
  .command('config:check')
  .description(
    'Validate the configuration and print it, secrets masked. Exits 1 listing every problem.',
  )
  .action(() => {
    const { config } = setup();
    process.stdout.write(`${JSON.stringify(config.describe(), null, 2)}\n`);
  });

program
  .command('keys:rotate')
  .description(
    'Start signing access tokens with a new key. Tokens signed with the old key stay valid until they expire.',
  )
  .action(async () => {
    await withNode(async (app) => {
      const kid = await app.get(AccessTokenService).rotate();
      process.stdout.write(`Access tokens are now signed with key ${kid}.\n`);
    });
  });

program
  .command('federation:keys')
  .description(
    'List the keys this node signs federation messages with; --rotate starts a new one (the old one stays published, so what it signed still verifies); --revoke <kid> makes a key verify nothing anywhere.',
  )
  .option('--rotate', 'create a new signing key and retire the current one')
  .option('--revoke <kid>', 'revoke a key (after a compromise)')
  .action(async (options: { rotate?: boolean; revoke?: string }) => {
    await withNode(async (app, config) => {
      const keys = new FederationKeysService(app.get(DataSource), config);
      if (options.revoke) {
        if (!(await keys.revoke(options.revoke))) {
          process.stderr.write(`No key ${options.revoke} that is not already revoked.\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(`Key ${options.revoke} is revoked.\n`);
      }
      if (options.rotate) {
        const kid = await keys.rotate();
        process.stdout.write(`Federation messages are now signed with key ${kid}.\n`);
      }
      for (const key of await keys.published())
        process.stdout.write(
          `${key.kid}  ${key.status}${key.revokedAt ? ` since ${key.revokedAt}` : ''}\n`,
        );
    });
  });

program
  .command('worker')
  .description(
    'Run a federation delivery worker without serving HTTP (start the server with FEDERATION_WORKER=false to leave all delivery to workers). Stops cleanly on Ctrl-C or SIGTERM.',
  )
  .action(async () => {
    const { config, logger } = setup();
    const database = await openDatabase(config, logger, 'cli');
    if (config.migrateOnStart) await migrate(database.url, logger);
    const named = await withStoredIdentity(config, database.url);
    const app = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(new NodeConfig({ ...named, federationWorker: true }), database.url),
      { bufferLogs: true },
    );
    app.useLogger(app.get(PinoNestLogger));
    await app.init();
    process.stderr.write(`Delivery worker for ${named.odsCode} running; stop with Ctrl-C.\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await app.close();
    await database.close();
    process.stderr.write('Delivery worker stopped cleanly.\n');
  });

function setup(): { config: NodeConfig; logger: Logger } {
  const options = program.opts<{ config?: string }>();
  const config = loadConfig(process.env, options.config);
  const logger = pino(
    { ...baseLoggerOptions(config), level: config.logLevel === 'info' ? 'warn' : config.logLevel },
    pino.destination(2),
  );
  return { config, logger };
}

/** Opens the database (running migrations if allowed), builds the services, runs `work`, closes all. */
async function withNode(
  work: (app: INestApplicationContext, config: NodeConfig, ctx: RequestContext) => Promise<void>,
): Promise<void> {
  const { config: configured, logger } = setup();
  const database = await openDatabase(configured, logger, 'cli');
  let app: INestApplicationContext | undefined;
  try {
    if (configured.migrateOnStart) await migrate(database.url, logger);
    const config = await withStoredIdentity(configured, database.url);
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config, database.url), {
      logger: ['error', 'warn'],
    });
    await work(app, config, RequestContext.system(`cli-${randomUUID()}`));
  } finally {
    await app?.close();
    await database.close();
  }
}

program.exitOverride();
program
  .parseAsync(process.argv)
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    if (error instanceof CommanderError) process.exit(error.exitCode);
    if (
      error instanceof ConfigError ||
      error instanceof UsageError ||
      error instanceof DemoAlreadySeeded ||
      error instanceof DomainException
    ) {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    }
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  });
