import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowTraverse } from './embedded-database';

describe('allowTraverse', () => {
  it('as root, adds only the traverse bit for others to every directory above a path (a 0700 checkout failed before)', async () => {
    const top = mkdtempSync(join(tmpdir(), 'ln-traverse-'));
    const deep = join(top, 'a', 'b');
    mkdirSync(deep, { recursive: true, mode: 0o700 });
    const messages: string[] = [];
    await allowTraverse(deep, (m) => messages.push(m));
    const modes = [top, join(top, 'a'), deep].map((d) => statSync(d).mode & 0o777);
    if (process.getuid?.() === 0) {
      expect(modes).toEqual([0o701, 0o701, 0o701]);
      expect(messages.length).toBeGreaterThanOrEqual(3);
    } else {
      // Not root: PostgreSQL runs as this user, so nothing needs changing and nothing is changed.
      expect(modes).toEqual([0o700, 0o700, 0o700]);
    }
  });
});
