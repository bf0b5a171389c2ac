import {
  type DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/** What a store on the plugin database is created from. @public */
export interface DatabaseStoreOptions {
  database: DatabaseService;
  /** Leave the schema as it is, as the database service may also say. */
  skipMigrations?: boolean;
}

/**
 * The plugin database's client, migrated to the latest schema unless the
 * database service or the caller says migrations are skipped.
 */
export async function migratedClient(
  options: DatabaseStoreOptions,
): Promise<Knex> {
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
