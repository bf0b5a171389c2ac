import {
  type DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/**
 * The plugin database's client, migrated to the latest schema unless the
 * database service or the caller says migrations are skipped.
 */
export async function migratedClient(options: {
  database: DatabaseService;
  skipMigrations?: boolean;
}): Promise<Knex> {
  const db = await options.database.getClient();
  if (!options.database.migrations?.skip && !options.skipMigrations) {
    await db.migrate.latest({
      directory: resolvePackagePath(
        '@ameideio/plugin-secrets-backend',
        'migrations',
      ),
    });
  }
  return db;
}
