import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { RequestContext } from '@lessons-network/common';
import { loadConfig, type NodeConfig } from '@lessons-network/config';
import { UsersService } from '@lessons-network/identity';
import pino from 'pino';
import request from 'supertest';
import type { App } from 'supertest/types';
import { migrate } from '../../apps/server/src/database/database-lifecycle';
import { createNodeApp } from '../../apps/server/src/node-app';
import { createTestDatabase } from './test-database';

export const TEST_PASSWORD = 'a long test passphrase 42';

export interface GraphqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    extensions: { code: string; details?: Record<string, unknown>; correlationId?: string };
  }[];
  headers: Record<string, string>;
}

/** Anything that answers GraphQL over HTTP: an in-process test node or a node process. */
export interface GqlClient {
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphqlResult<T>>;
}

/** An in-process node on its own database, reached through real HTTP (supertest). */
export interface TestNode extends GqlClient {
  readonly app: NestExpressApplication;
  readonly config: NodeConfig;
  readonly databaseUrl: string;
  http(): ReturnType<typeof request>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphqlResult<T>>;
  close(): Promise<void>;
}

/** Starts a node (configuration from `env` on top of test defaults) on a fresh migrated database. */
export async function startTestNode(env: Record<string, string> = {}): Promise<TestNode> {
  const database = await createTestDatabase();
  const config = loadConfig({
    ODS_CODE: 'RTEST',
    ORG_NAME: 'Test Hospitals NHS Foundation Trust',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    BASE_URL: 'http://node.test',
    // No background delivery or indexing: in-process tests count and order their own statements.
    FEDERATION_WORKER: 'false',
    ...env,
    DATABASE_URL: database.url,
  });
  await migrate(database.url, pino({ level: 'silent' }));
  const app = await createNodeApp(config, database.url);
  const server = app.getHttpServer() as App;
  return {
    app,
    config,
    databaseUrl: database.url,
    http: () => request(server),
    async gql(query, variables, token) {
      const req = request(server).post('/graphql').set('content-type', 'application/json');
      if (token) req.set('authorization', `Bearer ${token}`);
      const res = await req.send({ query, variables });
      const body = res.body as Omit<GraphqlResult, 'status' | 'headers'>;
      return {
        status: res.status,
        data: body.data as never,
        errors: body.errors,
        headers: res.headers,
      };
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** Creates an active quality lead directly (as the CLI does) and returns their e-mail. */
export async function createQualityLead(
  node: TestNode,
  email = `ql-${randomUUID().slice(0, 8)}@test.nhs.uk`,
): Promise<string> {
  await node.app.get(UsersService).createQualityLead(RequestContext.system('test'), {
    email,
    displayName: 'Quality Lead',
    password: TEST_PASSWORD,
  });
  return email;
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  userId: string;
}

export const SIGN_IN = /* GraphQL */ `
  mutation SignIn($email: String!, $password: String!) {
    signIn(input: { email: $email, password: $password }) {
      accessToken
      refreshToken
      user {
        id
      }
    }
  }
`;

/** Signs in through GraphQL; fails the test if sign-in fails. */
export async function signIn(
  node: GqlClient,
  email: string,
  password = TEST_PASSWORD,
): Promise<SignedIn> {
  const result = await node.gql<{
    signIn: { accessToken: string; refreshToken: string; user: { id: string } };
  }>(SIGN_IN, {
    email,
    password,
  });
  if (!result.data?.signIn) throw new Error(`sign-in failed: ${JSON.stringify(result.errors)}`);
  const { accessToken, refreshToken, user } = result.data.signIn;
  return { accessToken, refreshToken, userId: user.id };
}

/** A quality lead creates a user with these roles through GraphQL; the user accepts the invitation and signs in. */
export async function createUserAndSignIn(
  node: GqlClient,
  qualityLeadToken: string,
  roles: string[],
  email = `${roles[0]}-${randomUUID().slice(0, 8)}@test.nhs.uk`,
): Promise<SignedIn & { email: string }> {
  const created = await node.gql<{ createUser: { token: string } }>(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { token } }`,
    { input: { email, displayName: `User ${email}`, roles } },
    qualityLeadToken,
  );
  if (!created.data?.createUser)
    throw new Error(`createUser failed: ${JSON.stringify(created.errors)}`);
  const accepted = await node.gql(
    `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { id } }`,
    { input: { token: created.data.createUser.token, password: TEST_PASSWORD } },
  );
  if (accepted.errors)
    throw new Error(`acceptInvitation failed: ${JSON.stringify(accepted.errors)}`);
  return { ...(await signIn(node, email)), email };
}

/** The first error code of a result, for compact assertions. */
export function errorCode(result: GraphqlResult): string | undefined {
  return result.errors?.[0]?.extensions.code;
}

/** The people most lesson tests need: a quality lead, an author and a reviewer, signed in. */
export interface Staff {
  lead: SignedIn;
  author: SignedIn & { email: string };
  reviewer: SignedIn & { email: string };
}

/** A test node (sign-in rate limit raised for tests that sign in many times) with its staff. */
export async function startNodeWithStaff(
  env: Record<string, string> = {},
): Promise<{ node: TestNode; staff: Staff }> {
  const node = await startTestNode({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000', ...env });
  const lead = await signIn(node, await createQualityLead(node));
  const author = await createUserAndSignIn(node, lead.accessToken, ['AUTHOR']);
  const reviewer = await createUserAndSignIn(node, lead.accessToken, ['REVIEWER']);
  return { node, staff: { lead, author, reviewer } };
}
