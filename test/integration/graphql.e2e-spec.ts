import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ACCESS_POLICY } from '@lessons-network/identity';
import { getIntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';
import { NODE_RESOLVERS } from '../../apps/server/src/graphql/resolvers';
import { createLesson, daysFromToday } from '../support/lesson-factory';
import {
  createQualityLead,
  errorCode,
  type GraphqlResult,
  signIn,
  type Staff,
  startNodeWithStaff,
  startTestNode,
  type TestNode,
} from '../support/test-node';

describe('the GraphQL endpoint', () => {
  let node: TestNode;
  let token: string;

  beforeAll(async () => {
    node = await startTestNode({ GRAPHQL_MAX_DEPTH: '4', GRAPHQL_MAX_COST: '200' });
    token = (await signIn(node, await createQualityLead(node))).accessToken;
  });
  afterAll(() => node.close());

  it('serves the schema committed in schema.gql (regenerate with npm run schema:generate)', () => {
    const live = `${printSchema(lexicographicSortSchema(node.app.get(GraphQLSchemaHost).schema))}\n`;
    expect(live).toBe(readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8'));
  });

  it('describes every type and field', () => {
    const schema = node.app.get(GraphQLSchemaHost).schema;
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (
        type.name.startsWith('__') ||
        ['String', 'Boolean', 'Int', 'Float', 'ID'].includes(type.name)
      )
        continue;
      if (!type.description && !['Query', 'Mutation'].includes(type.name)) missing.push(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives every query and mutation an access policy (deny by default)', () => {
    const withoutPolicy: string[] = [];
    for (const resolver of NODE_RESOLVERS) {
      for (const name of Object.getOwnPropertyNames(resolver.prototype)) {
        if (name === 'constructor') continue;
        const handler = (resolver.prototype as unknown as Record<string, object>)[name];
        const isOperation = Reflect.getMetadata('graphql:resolver_type', handler) !== undefined;
        const isField = Reflect.getMetadata('graphql:resolve_property', handler) !== undefined;
        if (isOperation && !isField && !Reflect.getMetadata(ACCESS_POLICY, handler))
          withoutPolicy.push(`${resolver.name}.${name}`);
      }
    }
    expect(withoutPolicy).toEqual([]);
  });

  it('answers malformed GraphQL with GRAPHQL_PARSE_FAILED and no stack trace', async () => {
    const res = await node.http().post('/graphql').send({ query: '{ me { id ' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|at .*\.js/);
  });

  it('answers an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    const result = await node.gql(`{ me { passwordHash } }`, {}, token);
    expect(errorCode(result)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a query deeper than the limit', async () => {
    const deep = await node.gql(
      `{ users(first: 1) { edges { node { organisation { name } } } } }`,
      {},
      token,
    );
    expect(errorCode(deep)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(deep.errors![0].message).toMatch(/depth/i);
    const shallow = await node.gql(`{ users(first: 1) { totalCount } }`, {}, token);
    expect(shallow.errors).toBeUndefined();
  });

  it('refuses a query costing more than the limit', async () => {
    const costly = await node.gql(
      `{ users(first: 100) { edges { node { id email displayName roles status } } } }`,
      {},
      token,
    );
    expect(errorCode(costly)).toBe('QUERY_TOO_COSTLY');
    expect(costly.status).toBe(400);
  });

  it('refuses a flood of aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: nodeInfo { odsCode }`).join(' ');
    expect(errorCode(await node.gql(`{ ${aliases} }`))).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses an oversized request body with 413', async () => {
    const res = await node
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(
        JSON.stringify({
          query: `{ nodeInfo { odsCode } }`,
          variables: { pad: 'x'.repeat(300 * 1024) },
        }),
      );
    expect(res.status).toBe(413);
  });

  it('refuses a GET with a mutation and a simple POST without a JSON content type (CSRF)', async () => {
    const res = await node
      .http()
      .post('/graphql')
      .set('content-type', 'text/plain')
      .send('{"query":"{ nodeInfo { odsCode } }"}');
    expect(res.status).toBe(400);
  });

  it('serves public node facts to anyone', async () => {
    const info = await node.gql(`{ nodeInfo { odsCode organisationName role baseUrl } }`);
    expect(info.data).toEqual({
      nodeInfo: {
        odsCode: 'RTEST',
        organisationName: 'Test Hospitals NHS Foundation Trust',
        role: 'trust',
        baseUrl: 'http://node.test',
      },
    });
  });
});

describe('GraphQL with introspection turned off', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ GRAPHQL_INTROSPECTION: 'false' });
  });
  afterAll(() => node.close());

  it('refuses __schema', async () => {
    expect(errorCode(await node.gql(`{ __schema { types { name } } }`))).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
  });
});

describe('GraphQL limits on introspection and __typename', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode();
  });
  afterAll(() => node.close());

  it('answers the standard introspection query (as GraphiQL and code generators send it)', async () => {
    const result = await node.gql(getIntrospectionQuery({ descriptions: true }));
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
  });

  it('refuses introspection nested deeper than the limit, with HTTP 400', async () => {
    const nested = (levels: number): string =>
      levels === 0 ? 'name' : `name ofType { ${nested(levels - 1)} }`;
    for (const query of [
      `{ __schema { types { fields { type { ${nested(1000)} } } } } }`,
      `{ __type(name: "Query") { fields { type { ${nested(40)} } } } }`,
      `{ __schema { queryType { fields { type { fields { type { fields { type { fields { type { fields { type { fields { type { fields { name } } } } } } } } } } } } } } } }`,
    ]) {
      const result = await node.gql(query);
      expect(result.status).toBe(400);
      expect(errorCode(result)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(result.errors![0].message).toMatch(/depth limit/i);
    }
  });

  it('counts __typename aliases like any other alias', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `t${i}: __typename`).join(' ');
    const refused = await node.gql(`{ ${aliases} }`);
    expect(errorCode(refused)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.errors![0].message).toMatch(/alias/i);
    const nestedAliases = Array.from({ length: 16 }, (_, i) => `t${i}: __typename`).join(' ');
    expect(errorCode(await node.gql(`{ nodeInfo { ${nestedAliases} } }`))).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    const fine = await node.gql(`{ __typename a: __typename nodeInfo { __typename } }`);
    expect(fine.errors).toBeUndefined();
  });
});

describe('GraphQL inputs refused at the edge', () => {
  let node: TestNode;
  let staff: Staff;
  let lessonId: string;

  beforeAll(async () => {
    ({ node, staff } = await startNodeWithStaff());
    lessonId = (await createLesson(node, staff.author)).id;
  });
  afterAll(() => node.close());

  /** Refused by a field's input validation (the operation ran: HTTP 200, no data). */
  function expectBadInput(result: GraphqlResult, message: RegExp): void {
    expect(result.errors).toBeDefined();
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toMatch(message);
    expect(result.data ?? null).toBeNull();
  }

  /** Refused before any resolver runs: HTTP 400. */
  function expectBadRequest(result: GraphqlResult, message: RegExp): void {
    expectBadInput(result, message);
    expect(result.status).toBe(400);
  }

  it('refuses a NUL character in any string, in variables and in literals, saying where', async () => {
    const create = await node.gql(
      `mutation($input: CreateLessonInput!) { createLesson(input: $input) { id } }`,
      { input: { template: 'SBAR', title: 'Fall on\u0000 the ward' } },
      staff.author.accessToken,
    );
    expectBadRequest(create, /NUL.*U\+0000/);
    expect(create.errors![0].message).toContain('input.title');

    const nested = await node.gql(
      `mutation($input: CreateLessonInput!) { createLesson(input: $input) { id } }`,
      {
        input: {
          template: 'SBAR',
          title: 'Fall on the ward',
          sections: [{ key: 'situation', text: 'a\u0000b' }],
        },
      },
      staff.author.accessToken,
    );
    expectBadRequest(nested, /input\.sections\.0\.text/);

    for (const [query, variables] of [
      [`query($t: String!) { searchLessons(text: $t) { truncated } }`, { t: 'falls\u0000' }],
      [`{ searchLessons(text: "falls\\u0000") { truncated } }`, {}],
      [`query($s: String) { users(search: $s) { totalCount } }`, { s: '\u0000' }],
      [`{ lessons(filter: { themes: ["falls\\u0000"] }) { totalCount } }`, {}],
      [`query($s: String) { networkLessons(search: $s) { totalCount } }`, { s: 'x\u0000' }],
      [`query($t: String) { similarLessons(text: $t) { rank } }`, { t: 'x\u0000y' }],
    ] as const) {
      expectBadRequest(await node.gql(query, variables, staff.lead.accessToken), /NUL/);
    }
  });

  it('refuses a bidirectional override character anywhere, e.g. in an e-mail address', async () => {
    const created = await node.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { token } }`,
      {
        input: {
          email: 'nurse\u202Egro.elpmaxe@test.nhs.uk',
          displayName: 'Nurse',
          roles: ['AUTHOR'],
        },
      },
      staff.lead.accessToken,
    );
    expectBadRequest(created, /U\+202E/);
    expect(created.errors![0].message).toContain('input.email');
    const isolate = await node.gql(
      `query($s: String) { users(search: $s) { totalCount } }`,
      { s: 'ab\u2066cd' },
      staff.lead.accessToken,
    );
    expectBadRequest(isolate, /U\+2066/);
    // Right-to-left text itself is fine: only the invisible direction controls are refused.
    const arabic = await node.gql(
      `query($s: String) { users(search: $s) { totalCount } }`,
      { s: 'مرحبا' },
      staff.lead.accessToken,
    );
    expect(arabic.errors).toBeUndefined();
  });

  it('refuses a month or date PostgreSQL cannot hold, such as year 0000, with a clear message', async () => {
    const create = await node.gql(
      `mutation($input: CreateLessonInput!) { createLesson(input: $input) { id } }`,
      { input: { template: 'SBAR', title: 'Fall on the ward', occurredMonth: '0000-01' } },
      staff.author.accessToken,
    );
    expectBadInput(create, /occurredMonth/);
    const filtered = await node.gql(
      `{ lessons(filter: { occurredFrom: "0000-01" }) { totalCount } }`,
      {},
      staff.lead.accessToken,
    );
    expectBadInput(filtered, /occurredFrom/);
    const published = await node.gql(
      `{ lessons(filter: { publishedFrom: "0000-01-01" }) { totalCount } }`,
      {},
      staff.lead.accessToken,
    );
    expectBadInput(published, /publishedFrom/);
    const fine = await node.gql(
      `{ lessons(filter: { occurredFrom: "2020-01", publishedTo: "2030-12-31" }) { totalCount } }`,
      {},
      staff.lead.accessToken,
    );
    expect(fine.errors).toBeUndefined();
  });

  it('answers variable coercion errors (unknown enum value, wrong type) with HTTP 400 and BAD_USER_INPUT', async () => {
    const unknownEnum = await node.gql(
      `query($r: Role) { users(role: $r) { totalCount } }`,
      { r: 'EMPEROR' },
      staff.lead.accessToken,
    );
    expect(unknownEnum.status).toBe(400);
    expect(errorCode(unknownEnum)).toBe('BAD_USER_INPUT');
    const wrongType = await node.gql(
      `query($n: Int) { users(first: $n) { totalCount } }`,
      { n: 'ten' },
      staff.lead.accessToken,
    );
    expect(wrongType.status).toBe(400);
    expect(errorCode(wrongType)).toBe('BAD_USER_INPUT');
    const missing = await node.gql(
      `mutation($input: CreateLessonInput!) { createLesson(input: $input) { id } }`,
      { input: { title: 'No template given' } },
      staff.author.accessToken,
    );
    expect(missing.status).toBe(400);
    expect(errorCode(missing)).toBe('BAD_USER_INPUT');
  });

  it('refuses a title of only spaces, on create and on update', async () => {
    expectBadInput(
      await node.gql(
        `mutation($input: CreateLessonInput!) { createLesson(input: $input) { id } }`,
        { input: { template: 'SBAR', title: '   \t   ' } },
        staff.author.accessToken,
      ),
      /title/,
    );
    expectBadInput(
      await node.gql(
        `mutation($input: UpdateLessonInput!) { updateLesson(input: $input) { id } }`,
        { input: { id: lessonId, expectedVersion: 1, title: '\u00a0 \u2003 ' } },
        staff.author.accessToken,
      ),
      /title/,
    );
    expectBadInput(
      await node.gql(
        `mutation($input: CreateUserInput!) { createUser(input: $input) { token } }`,
        { input: { email: 'blank@test.nhs.uk', displayName: '   ', roles: ['AUTHOR'] } },
        staff.lead.accessToken,
      ),
      /displayName/,
    );
  });

  it('refuses a datetime as a due date: the contract is YYYY-MM-DD', async () => {
    for (const dueDate of [
      '2030-01-01T00:00:00Z',
      '2030-01-01T00:00',
      '2030-02-30',
      '0000-01-01',
    ]) {
      const result = await node.gql(
        `mutation($input: AddActionInput!) { addLessonAction(input: $input) { id } }`,
        {
          input: {
            lessonId,
            description: 'Audit falls assessments monthly',
            ownerRole: 'Ward manager',
            dueDate,
            strength: 'STRONG',
          },
        },
        staff.author.accessToken,
      );
      expectBadInput(result, /dueDate must be a date as YYYY-MM-DD/);
    }
    const fine = await node.gql(
      `mutation($input: AddActionInput!) { addLessonAction(input: $input) { dueDate } }`,
      {
        input: {
          lessonId,
          description: 'Audit falls assessments monthly',
          ownerRole: 'Ward manager',
          dueDate: daysFromToday(10),
          strength: 'STRONG',
        },
      },
      staff.author.accessToken,
    );
    expect(fine.errors).toBeUndefined();
  });

  it('refuses deliveries(first: -1) and an unknown delivery status instead of answering []', async () => {
    for (const query of [
      `{ deliveries(first: -1) { id } }`,
      `{ deliveries(first: 0) { id } }`,
      `{ deliveries(first: 201) { id } }`,
      `{ deliveries(status: "sent") { id } }`,
      `{ deliveries(status: "DEAD") { id } }`,
    ]) {
      expectBadInput(await node.gql(query, {}, staff.lead.accessToken), /first|status/);
    }
    for (const query of [
      `{ deliveries(status: "dead", first: 200) { id } }`,
      `{ deliveries(status: "pending") { id } }`,
      `{ deliveries { id } }`,
    ]) {
      const fine = await node.gql(query, {}, staff.lead.accessToken);
      expect(fine.errors).toBeUndefined();
    }
  });
});
