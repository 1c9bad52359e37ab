import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NodeConfig } from '@lessons-network/config';
import { AddressPolicy, AddressRefused, OutboundFetcher } from './outbound-fetcher';

describe('the address policy', () => {
  it('allows public unicast addresses only, unless a range is listed', () => {
    const strict = new AddressPolicy([]);
    for (const address of ['8.8.8.8', '2001:4860:4860::8888'])
      expect(strict.allows(address)).toBe(true);
    for (const address of [
      '127.0.0.1',
      '::1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      'fe80::1',
      'fc00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '224.0.0.1',
    ])
      expect({ address, allowed: strict.allows(address) }).toEqual({ address, allowed: false });
    const local = new AddressPolicy(['127.0.0.0/8', '::1/128', '10.20.0.0/16']);
    expect(local.allows('127.0.0.1')).toBe(true);
    expect(local.allows('::ffff:127.0.0.1')).toBe(true);
    expect(local.allows('::1')).toBe(true);
    expect(local.allows('10.20.3.4')).toBe(true);
    expect(local.allows('10.21.3.4')).toBe(false);
  });
});

describe('the outbound fetcher', () => {
  let server: Server;
  let port = 0;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const fetcher = (allowed: string[]) =>
    new OutboundFetcher({ federationAllowAddresses: allowed } as unknown as NodeConfig);

  it('refuses a private address given as a literal, and a host name that resolves to one, before connecting', async () => {
    const strict = fetcher([]);
    try {
      await expect(strict.json(`http://127.0.0.1:${port}/`)).rejects.toBeInstanceOf(AddressRefused);
      // localhost is checked after DNS resolution, at connection time.
      await expect(strict.json(`http://localhost:${port}/`)).rejects.toBeInstanceOf(AddressRefused);
      await expect(strict.json(`http://[::ffff:127.0.0.1]:${port}/`)).rejects.toBeInstanceOf(
        AddressRefused,
      );
      expect(hits).toBe(0);
    } finally {
      await strict.onModuleDestroy();
    }
  });

  it('reaches loopback when the operator allows it', async () => {
    const local = fetcher(['127.0.0.0/8', '::1/128']);
    try {
      await expect(local.json(`http://localhost:${port}/`)).resolves.toEqual({ ok: true });
      expect(hits).toBe(1);
    } finally {
      await local.onModuleDestroy();
    }
  });
});
