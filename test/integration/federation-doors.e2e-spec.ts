import { type TestNode, startTestNode } from '../support/test-node';

/** The federation doors are public but limited per client address, and say when to come back. */
describe('rate limits on the federation doors', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ FEDERATION_INBOX_RATE_LIMIT_PER_MINUTE: '60' });
  });
  afterAll(() => node.close());

  it('answers 429 with Retry-After once an address passes its limit, on discovery, feeds and the inbox', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++)
      statuses.push((await node.http().get('/federation/jwks.json')).status);
    expect(new Set(statuses)).toEqual(new Set([200]));
    for (const path of ['/federation/actor', '/feeds/lessons.atom', '/.well-known/nodeinfo']) {
      const res = await node.http().get(path);
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    const inbox = await node
      .http()
      .post('/federation/inbox')
      .set('content-type', 'application/activity+json')
      .send('{}');
    expect(inbox.status).toBe(429);
    expect(inbox.body).toMatchObject({ error: 'RATE_LIMITED' });
  });
});
