import { DataSource } from 'typeorm';
import { startTestNode, type TestNode } from '../support/test-node';

describe('operations endpoints', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode();
  });
  afterAll(() => node.close());

  it('answers /health without signing in', async () => {
    const res = await node.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('reports ready when the database answers and migrations are applied', async () => {
    const res = await node.http().get('/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ready: true, database: true, migrationsPending: false });
  });

  it('reports not ready (503) when a migration is missing', async () => {
    await node.app.get(DataSource).query(`DELETE FROM migrations`);
    const res = await node.http().get('/ready');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ ready: false, migrationsPending: true });
  });

  it('gives every request a correlation id, keeping a sane one the caller sent', async () => {
    const mine = await node.http().get('/health').set('x-request-id', 'trace-abc-12345');
    expect(mine.headers['x-request-id']).toBe('trace-abc-12345');
    const junk = await node
      .http()
      .get('/health')
      .set('x-request-id', 'bad id with spaces & <script>');
    expect(junk.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses unknown routes with 404', async () => {
    expect((await node.http().get('/nowhere')).status).toBe(404);
  });
});
