import type { DataSource } from 'typeorm';

/** Whether the database answers and every migration the code knows of has been applied. */
export async function databaseReadiness(
  dataSource: DataSource,
): Promise<{ ready: boolean; database: boolean; migrationsPending: boolean | null }> {
  try {
    await dataSource.query('SELECT 1');
  } catch {
    return { ready: false, database: false, migrationsPending: null };
  }
  const migrationsPending = await dataSource.showMigrations();
  return { ready: !migrationsPending, database: true, migrationsPending };
}
