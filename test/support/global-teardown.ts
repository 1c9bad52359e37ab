import { rm } from 'node:fs/promises';
import type { EmbeddedDatabase } from '../../libs/persistence/src/embedded-database';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__lnTestDatabase as
    { database: EmbeddedDatabase; dir: string } | undefined;
  if (!state) return;
  await state.database.stop();
  await rm(state.dir, { recursive: true, force: true });
}
