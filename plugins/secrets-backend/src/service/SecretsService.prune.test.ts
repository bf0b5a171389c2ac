import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { DatabaseSnapshotStore } from '../database/SnapshotStore';
import type { VaultSnapshot, VaultSource } from '../sources/types';
import { createSecretsCore } from '../createSecretsCore';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

function vault(environment: string): VaultSource {
  return {
    id: `vault:${environment}`,
    kind: 'vault',
    environment,
    origin: 'live',
    read: async (): Promise<VaultSnapshot> => ({
      environment,
      mount: 'secret',
      fetchedAt: new Date().toISOString(),
      keys: {},
      warnings: [],
      calls: 1,
    }),
  };
}

describe('The refresh and sources removed from the configuration', () => {
  const logger = mockServices.logger.mock();

  it('prunes their stored rows and never serves them again', async () => {
    const knex = await databases.init('SQLITE_3');
    const database: DatabaseService = { getClient: async () => knex };
    const store = await DatabaseSnapshotStore.create({ database });

    // yesterday's configuration had a staging Vault
    const before = createSecretsCore({
      sources: [vault('production'), vault('staging')],
      store,
      logger,
    });
    await before.refresher.refresh();
    expect((await store.loadAll()).map(r => r.sourceId)).toEqual([
      'vault:production',
      'vault:staging',
    ]);

    // a replica on today's configuration loads before any refresh ran
    const config = () => ({ sources: [vault('production')], store, logger });
    const { service: reader } = createSecretsCore(config());
    expect(await reader.loadFromStore()).toBe(true);
    expect(reader.sources().map(s => s.id)).toEqual([
      'gitops',
      'vault:production',
    ]);

    // the runner's refresh drops the row
    const { service: runner, refresher } = createSecretsCore(config());
    await refresher.refresh();
    expect((await store.loadAll()).map(r => r.sourceId)).toEqual([
      'vault:production',
    ]);
    expect(runner.sources().map(s => s.id)).toEqual([
      'gitops',
      'vault:production',
    ]);
  });
});
