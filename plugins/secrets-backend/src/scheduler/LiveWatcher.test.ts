import { mockServices } from '@backstage/backend-test-utils';
import { demoEntities } from '../__fixtures__/entities';
import { demoGitOpsDir } from '../__fixtures__/demo';
import { createSecretsCore } from '../createSecretsCore';
import { InMemorySnapshotStore } from '../database/SnapshotStore';
import { LocalDirGitOpsSource } from '../sources/GitOpsSource';
import {
  SourceError,
  type ClusterSnapshot,
  type ClusterSource,
  type SourceWatchContext,
  type VaultSnapshot,
  type VaultSource,
} from '../sources/types';
import { LiveWatcher } from './LiveWatcher';

const payments = demoEntities[0];

function snapshot(ready: boolean): ClusterSnapshot {
  return {
    cluster: 'prod-eu',
    environment: 'production',
    fetchedAt: new Date().toISOString(),
    externalSecrets: [
      {
        cluster: 'prod-eu',
        environment: 'production',
        namespace: 'ameide',
        name: 'payments-db',
        ready: ready ? 'True' : 'False',
        reason: ready ? 'SecretSynced' : 'SecretSyncedError',
        storeRef: { kind: 'ClusterSecretStore', name: 'ameide-vault' },
        targetSecret: 'payments-db',
      },
    ],
    stores: [],
    warnings: [],
    calls: 1,
  };
}

/** A cluster whose watch the test drives. */
class DrivenCluster implements ClusterSource {
  readonly id = 'cluster:prod-eu';
  readonly kind = 'cluster' as const;
  readonly cluster = 'prod-eu';
  readonly environment = 'production';
  readonly origin = 'live' as const;
  ctx?: SourceWatchContext<ClusterSnapshot>;
  async read() {
    return snapshot(true);
  }
  watch(ctx: SourceWatchContext<ClusterSnapshot>) {
    this.ctx = ctx;
    return new Promise<void>(r =>
      ctx.signal.addEventListener('abort', () => r()),
    );
  }
}

/** A Vault whose seal the test flips. */
class FlippingVault implements VaultSource {
  readonly id = 'vault:production';
  readonly kind = 'vault' as const;
  readonly environment = 'production';
  readonly origin = 'live' as const;
  sealed = false;
  reads = 0;
  probes = 0;
  async read(): Promise<VaultSnapshot> {
    this.reads++;
    if (this.sealed)
      throw new SourceError('sealed', 'Vault production sealed (503)', 503);
    return {
      environment: 'production',
      mount: 'secret',
      fetchedAt: new Date().toISOString(),
      keys: {
        'payments-db-password': { properties: ['value'], currentVersion: 1 },
      },
      warnings: [],
      calls: 2,
    };
  }
  async probe() {
    this.probes++;
    if (this.sealed)
      throw new SourceError('sealed', 'Vault production sealed (503)', 503);
  }
}

async function until(f: () => boolean, ms = 3000): Promise<number> {
  const start = Date.now();
  while (!f()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 10));
  }
  return Date.now() - start;
}

describe('LiveWatcher', () => {
  const logger = mockServices.logger.mock();
  // aborted after each test, so a failed test leaves no watch running
  let controller: AbortController;
  beforeEach(() => {
    controller = new AbortController();
  });
  afterEach(() => controller.abort());

  it('shows a watched sync error and a sealed Vault within a second, and reads Vault again once it is back', async () => {
    const cluster = new DrivenCluster();
    const vault = new FlippingVault();
    const store = new InMemorySnapshotStore();
    const core = createSecretsCore({
      gitops: new LocalDirGitOpsSource(demoGitOpsDir),
      sources: [cluster, vault],
      store,
      logger,
    });
    await core.refresher.refresh();
    const db = () =>
      core.service
        .entity(payments)
        .externalSecrets.find(e => e.name === 'payments-db')!;
    expect(db().cells.production.state).toBe('ready');

    const watcher = new LiveWatcher(core.refresher, [cluster, vault], logger, {
      probeIntervalMs: 50,
      flushMs: 20,
    });
    expect(watcher.active).toBe(true);
    const running = watcher.run(controller.signal);
    await until(() => cluster.ctx !== undefined);

    // a sync error reported by the watch is served without a refresh
    const generation = core.service.generation;
    cluster.ctx!.onSnapshot(snapshot(false));
    const syncLag = await until(() => db().cells.production.state !== 'ready');
    expect(syncLag).toBeLessThan(1000);
    expect(core.service.generation).toBe(generation + 1);
    // and stored, for the other replicas
    const stored = (await store.loadAll()).find(
      r => r.sourceId === 'cluster:prod-eu',
    )!;
    expect((stored.data as ClusterSnapshot).externalSecrets[0].ready).toBe(
      'False',
    );

    // the probe sees the seal; the health follows at once
    const health = () =>
      core.service.sources().find(s => s.id === 'vault:production')!;
    vault.sealed = true;
    const sealLag = await until(() => health().errorClass === 'sealed');
    expect(sealLag).toBeLessThan(1000);
    expect(health()).toMatchObject({ status: 'stale', statusCode: 503 });
    const reads = vault.reads;

    // unsealed: the next probe passes and the Vault is read in full
    vault.sealed = false;
    await until(() => health().status === 'ok');
    expect(vault.reads).toBe(reads + 1);

    // a watch failure marks the cluster stale, keeping its data
    cluster.ctx!.onError(
      new SourceError(
        'unreachable',
        'Cluster prod-eu: ExternalSecrets unreachable',
      ),
    );
    await until(
      () =>
        core.service.sources().find(s => s.id === 'cluster:prod-eu')!
          .errorClass === 'unreachable',
    );
    expect(db().cells.production.clusters.length).toBe(1);

    controller.abort();
    await running;
  });

  it('does nothing for sources that can neither watch nor be probed', async () => {
    const plain: VaultSource = {
      id: 'vault:dev',
      kind: 'vault',
      environment: 'dev',
      origin: 'snapshot',
      read: async () => {
        throw new Error('not read');
      },
    };
    const core = createSecretsCore({ sources: [plain], logger });
    const watcher = new LiveWatcher(core.refresher, [plain], logger);
    expect(watcher.active).toBe(false);
    await watcher.run(new AbortController().signal);
  });
});
