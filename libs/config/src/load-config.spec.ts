import { ConfigError, loadConfig } from './load-config';
import { NodeRole } from './node-role';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('loadConfig', () => {
  it('starts a trust node on the embedded database with no configuration at all', () => {
    const config = loadConfig({}, undefined, '/srv/node');
    expect(config).toMatchObject({
      role: NodeRole.Trust,
      port: 3000,
      host: '127.0.0.1',
      baseUrl: 'http://localhost:3000',
      dataDir: '/srv/node/data',
      databaseUrl: undefined,
      migrateOnStart: true,
      usingPlaceholderIdentity: true,
    });
  });

  it('reads environment variables, normalising the ODS code and the base URL', () => {
    const config = loadConfig({
      NODE_ROLE: 'HUB',
      ODS_CODE: ' rj1 ',
      ORG_NAME: "Guy's and St Thomas'",
      BASE_URL: 'https://lessons.example.nhs.uk/',
      PORT: '8080',
      MIGRATE_ON_START: 'false',
      DATABASE_URL: 'postgres://u:p@db:5432/ln',
    });
    expect(config).toMatchObject({
      role: NodeRole.Hub,
      odsCode: 'RJ1',
      baseUrl: 'https://lessons.example.nhs.uk',
      port: 8080,
      migrateOnStart: false,
      usingPlaceholderIdentity: false,
    });
  });

  it('lists every problem at once, and never shows the database URL', () => {
    let error: unknown;
    try {
      loadConfig({
        NODE_ROLE: 'hospital',
        PORT: '99999',
        BASE_URL: 'not a url',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://u:hunter2@h/x',
        MIGRATE_ON_START: 'maybe',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'NODE_ROLE',
      'PORT',
      'BASE_URL',
      'DATABASE_URL',
      'LOG_LEVEL',
      'MIGRATE_ON_START',
    ]);
    expect((error as ConfigError).message).not.toContain('hunter2');
  });

  it('reads a JSON config file, with the environment winning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ln-config-'));
    const file = join(dir, 'node.json');
    writeFileSync(file, JSON.stringify({ role: 'commissioner', odsCode: 'QWE', port: 4000 }));
    const config = loadConfig({ PORT: '4001' }, file);
    expect(config).toMatchObject({ role: NodeRole.Commissioner, odsCode: 'QWE', port: 4001 });
  });

  it('reports a missing file, bad JSON and unknown keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ln-config-'));
    expect(() => loadConfig({}, join(dir, 'missing.json'))).toThrow(/does not exist/);
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    expect(() => loadConfig({}, join(dir, 'bad.json'))).toThrow(/not valid JSON/);
    writeFileSync(join(dir, 'typo.json'), JSON.stringify({ prot: 1 }));
    expect(() => loadConfig({}, join(dir, 'typo.json'))).toThrow(/unknown key "prot"/);
  });

  it('masks the database password when described for logs', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://ln:s3cret@db:5432/ln' });
    expect(JSON.stringify(config.describe())).not.toContain('s3cret');
    expect(config.describe().database).toBe('postgres://ln:***@db:5432/ln');
  });
});
