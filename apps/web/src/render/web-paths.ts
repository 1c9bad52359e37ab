import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Folders the web UI reads at run time. Templates and the UI's own static files stay in the source
 * tree (`apps/web/views`, `apps/web/static`): the node runs from its repository both from `dist/`
 * and under the tests, so they are found by walking up from this file.
 */
function findUp(relative: string): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`web UI files not found: ${relative}`);
    dir = parent;
  }
}

export const WEB_VIEWS = findUp(join('apps', 'web', 'views'));
export const WEB_STATIC = findUp(join('apps', 'web', 'static'));

/** NHS.UK frontend's compiled files and Nunjucks macros (`nhsuk/components/…/macro.njk`). */
export const NHSUK_DIST = join(dirname(require.resolve('nhsuk-frontend/package.json')), 'dist');

export const NHSUK_VERSION = (
  JSON.parse(readFileSync(join(NHSUK_DIST, '..', 'package.json'), 'utf8')) as { version: string }
).version;
