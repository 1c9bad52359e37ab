import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STARTING_THEMES } from './taxonomy';

describe('taxonomy', () => {
  it('seeds exactly the starting themes (the data migration and the list agree)', () => {
    const migration = readFileSync(
      join(
        __dirname,
        '../../../../apps/server/src/database/migrations/1795337436762-seed-themes.ts',
      ),
      'utf8',
    );
    for (const theme of STARTING_THEMES)
      expect(migration).toContain(`['${theme.key}', '${theme.label}']`);
    expect(migration.match(/^\s+\['/gm)).toHaveLength(STARTING_THEMES.length);
  });
});
