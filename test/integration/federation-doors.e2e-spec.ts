import { type TestNode, startTestNode } from '../support/test-node';

/** The federation doors are public but limited per client address, and say when to come back. */
describe('rate limits on the federation doors', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ FEDERATION_INBOX_RATE_LIMIT_PER_MINUTE: '60' });
  });
  afterAll(() => node.close());

  it('answers 429 with Retry-After once an address passes its limit, on discovery, feeds and the inbox', async () => {
    // A bucket of 60 refills at one a second: on a slow machine a request may find a token that
    // came back meanwhile, so each door is asked until it refuses (never more than the bucket and
    // what can refill while asking).
    const untilRefused = async (call: () => Promise<{ status: number }>) => {
      const statuses: number[] = [];
      for (let i = 0; i < 400 && !statuses.includes(429); i++) statuses.push((await call()).status);
      return statuses;
    };
    const first = await untilRefused(() => node.http().get('/federation/jwks.json'));
    expect(first.length).toBeGreaterThanOrEqual(61);
    expect(new Set(first.slice(0, 60))).toEqual(new Set([200]));
    for (const path of ['/federation/actor', '/feeds/lessons.atom', '/.well-known/nodeinfo']) {
      let last: { status: number; headers: Record<string, string> } | undefined;
      const statuses = await untilRefused(async () => (last = await node.http().get(path)));
      expect(statuses.at(-1)).toBe(429);
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    }
    let inbox: { status: number; body: unknown } | undefined;
    await untilRefused(
      async () =>
        (inbox = await node
          .http()
          .post('/federation/inbox')
          .set('content-type', 'application/activity+json')
          .send('{}')),
    );
    expect(inbox!.status).toBe(429);
    expect(inbox!.body).toMatchObject({ error: 'RATE_LIMITED' });
  });
});
