import { startTestNode, type TestNode } from '../support/test-node';

/**
 * A newcomer opens the GraphQL URL the node prints in a browser: they get a page to explore and
 * query the API, not Apollo's CSRF refusal. Programs posting JSON are unaffected.
 */
describe('the GraphQL URL in a browser', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode();
  });
  afterAll(() => node.close());

  const browserGet = () =>
    node
      .http()
      .get('/graphql')
      .set('accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');

  it('shows the embedded Apollo Sandbox for this node, not a CSRF error', async () => {
    const res = await browserGet();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).not.toMatch(/Cross-Site Request Forgery/i);
    expect(res.text).toContain('new window.EmbeddedSandbox(');
    expect(res.text).toContain('Apollo');
  });

  it('still refuses a GET operation without a preflight header (CSRF prevention stays on)', async () => {
    const res = await node.http().get('/graphql').query({ query: '{ __typename }' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Cross-Site Request Forgery/i);
  });

  it('still answers a JSON POST', async () => {
    const res = await node.gql<{ __typename: string }>('{ __typename }');
    expect(res.data).toEqual({ __typename: 'Query' });
  });
});

describe('the GraphQL URL in a browser, introspection off', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ GRAPHQL_INTROSPECTION: 'false' });
  });
  afterAll(() => node.close());

  it('shows a landing page (no explorer that would need introspection), not a CSRF error', async () => {
    const res = await node.http().get('/graphql').set('accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).not.toMatch(/Cross-Site Request Forgery/i);
    expect(res.text).not.toContain('new window.EmbeddedSandbox(');
  });
});
