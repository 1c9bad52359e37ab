/**
 * `npm start` runs this first: it builds the node only when its sources changed since the last
 * build, so a restart takes the node's own start-up time, not a compile.
 *
 * "Changed" is by content: a SHA-256 over every file under apps/ and libs/ and the build settings
 * (tsconfig files, nest-cli.json, package-lock.json), recorded in dist/ by every `npm run build`
 * (`--stamp`). With no record, it builds.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..');
const stamp = join(root, 'dist', '.sources-sha256');
const outputs = ['main.js', 'cli.js'].map((f) =>
  join(root, 'dist', 'apps', 'server', 'apps', 'server', 'src', f),
);
const SETTINGS = [
  'tsconfig.json',
  'apps/server/tsconfig.app.json',
  'nest-cli.json',
  'package-lock.json',
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? files(path) : entry.isFile() ? [path] : [];
    });
}

/** What the build depends on, as one hash (paths and contents). */
export function sourcesHash(root: string): string {
  const hash = createHash('sha256');
  const paths = [
    ...files(join(root, 'apps')),
    ...files(join(root, 'libs')),
    ...SETTINGS.map((p) => join(root, p)).filter((p) => existsSync(p)),
  ];
  for (const path of paths) {
    hash.update(`${relative(root, path)}\0`);
    hash.update(readFileSync(path));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function main(): void {
  const current = sourcesHash(root);
  if (process.argv.includes('--stamp')) {
    // After `npm run build`: record what was built.
    writeFileSync(stamp, `${current}\n`);
    return;
  }
  const built = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
  const upToDate = built === current && outputs.every((f) => existsSync(f));
  if (process.argv.includes('--check')) {
    // Says whether a build is needed; builds nothing.
    process.stdout.write(upToDate ? 'up to date\n' : 'stale\n');
    process.exit(upToDate ? 0 : 1);
  }
  if (upToDate) {
    process.stderr.write('The build is up to date with the sources: starting it.\n');
    return;
  }
  process.stderr.write('Sources changed since the last build (or none yet): building …\n');
  // The build records its own hash (package.json: build … --stamp).
  const result = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (require.main === module) main();
