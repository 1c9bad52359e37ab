import { type NodeConfig, PLACEHOLDER_ODS } from '@lessons-network/config';
import { Client } from 'pg';

/**
 * The organisation this node runs as. ODS_CODE (and ORG_NAME) in the configuration win; a node
 * whose configuration names none uses what `admin:create` stored with the first quality lead, so
 * the server, the CLI and the workers all name the same organisation everywhere (briefings, feeds,
 * the federation actor and directory entry, sign-in sessions).
 */
export async function withStoredIdentity(
  config: NodeConfig,
  databaseUrl: string,
): Promise<NodeConfig> {
  if (!config.usingPlaceholderIdentity) return config;
  const stored = await storedIdentity(databaseUrl);
  return stored ? config.withIdentity(stored.odsCode, stored.name) : config;
}

/** The organisation stored on the node by `admin:create`, if any (not the placeholder). */
export async function storedIdentity(
  databaseUrl: string,
): Promise<{ odsCode: string; name: string } | undefined> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ ods_code: string; name: string }>(
      `SELECT ods_code, name FROM organisation WHERE is_local AND ods_code <> $1`,
      [PLACEHOLDER_ODS],
    );
    return rows[0] ? { odsCode: rows[0].ods_code, name: rows[0].name } : undefined;
  } finally {
    await client.end();
  }
}
