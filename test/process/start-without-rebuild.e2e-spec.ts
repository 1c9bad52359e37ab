import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourcesHash } from '../../scripts/build-if-stale';

const ROOT = join(__dirname, '..', '..');

/** `npm start` builds only when the sources changed (scripts/build-if-stale.ts, the prestart). */
describe('npm start without a needless rebuild', () => {
  it('finds the build made by npm run build (npm test made one) up to date', () => {
    const check = spawnSync(
      process.execPath,
      [
        require.resolve('ts-node/dist/bin.js'),
        '--transpile-only',
        join(ROOT, 'scripts', 'build-if-stale.ts'),
        '--check',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(check.stdout.trim()).toBe('up to date');
    expect(check.status).toBe(0);
  });

  it('sees a change of content, and only of content', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ln-stale-'));
    try {
      mkdirSync(join(dir, 'apps', 'server'), { recursive: true });
      mkdirSync(join(dir, 'libs', 'x'), { recursive: true });
      writeFileSync(join(dir, 'apps', 'server', 'main.ts'), 'export const a = 1;\n');
      writeFileSync(join(dir, 'libs', 'x', 'index.ts'), 'export const b = 2;\n');
      const before = sourcesHash(dir);
      // Touched, same content (a checkout, a copy): no rebuild.
      utimesSync(join(dir, 'libs', 'x', 'index.ts'), new Date(), new Date(Date.now() + 60_000));
      expect(sourcesHash(dir)).toBe(before);
      writeFileSync(join(dir, 'libs', 'x', 'index.ts'), 'export const b = 3;\n');
      expect(sourcesHash(dir)).not.toBe(before);
      writeFileSync(join(dir, 'libs', 'x', 'index.ts'), 'export const b = 2;\n');
      writeFileSync(join(dir, 'libs', 'x', 'new.ts'), '');
      expect(sourcesHash(dir)).not.toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
