import { mockServices } from '@backstage/backend-test-utils';
import { demoGitOpsDir } from '../__fixtures__/demo';
import { createSecretsCore } from '../createSecretsCore';
import { InMemorySnapshotStore } from '../database/SnapshotStore';
import { LocalDirGitOpsSource } from '../sources/GitOpsSource';
import type { GitOpsSource } from '../sources/GitOpsSource';
import type {
  ClusterSource,
  SourceReadContext,
  VaultSnapshot,
  VaultSource,
} from '../sources/types';
import { SourceStates } from '../service/SourceStates';
import { SourceRefresher } from './SourceRefresher';

/** A Vault source whose next answer the test decides. */
class ScriptedVault implements VaultSource {
  readonly kind = 'vault' as const;
  readonly origin = 'live' as const;
  readonly id = 'vault:production';
  readonly environment = 'production';
  next: () => Promise<VaultSnapshot> = async () => ({
    environment: 'production',
    mount: 'secret',
    fetchedAt: new Date().toISOString(),
    warnings: [],
    calls: 3,
    keys: {
      'payments-db-password': { properties: ['value'], currentVersion: 1 },
    },
  });
  read(_ctx?: SourceReadContext) {
    return this.next();
  }
}

describe('SourceRefresher', () => {
  const logger = mockServices.logger.mock();

  describe('refresh order', () => {
    const demo = new LocalDirGitOpsSource(demoGitOpsDir);

    /** A GitOps read that resolves only when the test says so (or after a bound, to fail instead of hanging). */
    function gatedGitOps(order: string[]) {
      let open!: () => void;
      const gate = new Promise<void>(r => {
        open = r;
      });
      const source: GitOpsSource = {
        id: 'gitops',
        read: async () => {
          await Promise.race([gate, new Promise(r => setTimeout(r, 500))]);
          order.push('gitops');
          return demo.read();
        },
      };
      return { source, open };
    }

    function quickCluster(order: string[], onRead?: () => void): ClusterSource {
      return {
        id: 'cluster:prod-eu',
        kind: 'cluster',
        cluster: 'prod-eu',
        environment: 'production',
        origin: 'live',
        read: async () => {
          order.push('cluster');
          onRead?.();
          return {
            cluster: 'prod-eu',
            environment: 'production',
            fetchedAt: new Date().toISOString(),
            externalSecrets: [],
            stores: [],
            warnings: [],
            calls: 1,
          };
        },
      };
    }

    it('reads live sources alongside the GitOps read without placeholder detection', async () => {
      const order: string[] = [];
      const gitops = gatedGitOps(order);
      const { refresher } = createSecretsCore({
        gitops: gitops.source,
        // the GitOps read completes only once the cluster was read
        sources: [quickCluster(order, gitops.open)],
        logger,
      });
      const summary = await refresher.refresh();
      expect(order).toEqual(['cluster', 'gitops']);
      expect(summary.failed).toEqual([]);
    });

    it('holds back only the source that compares fixture digests', async () => {
      const order: string[] = [];
      const gitops = gatedGitOps(order);
      const seen: Array<SourceReadContext | undefined> = [];
      const vault = new ScriptedVault();
      Object.assign(vault, { usesFixtureDigests: true });
      vault.read = (ctx?: SourceReadContext) => {
        order.push('vault');
        seen.push(ctx);
        return vault.next();
      };
      const { refresher } = createSecretsCore({
        gitops: gitops.source,
        sources: [quickCluster(order, gitops.open), vault],
        logger,
        placeholderDetection: true,
      });
      await refresher.refresh();
      expect(order).toEqual(['cluster', 'gitops', 'vault']);
      expect(seen[0]?.fixtureDigests).toBeDefined();
      // and only the keys some ExternalSecret references are read in full
      expect(seen[0]?.referencedKeys?.has('payments-db-password')).toBe(true);
      expect(seen[0]?.referencedKeys?.has('not-referenced-anywhere')).toBe(
        false,
      );
    });
  });

  it('stops reads still running when the refresh is aborted', async () => {
    const signals: Array<AbortSignal | undefined> = [];
    const hanging: VaultSource = {
      id: 'vault:production',
      kind: 'vault',
      environment: 'production',
      origin: 'live',
      // ignores the signal: the refresh must not wait for it anyway
      read: ctx => {
        signals.push(ctx?.signal);
        return new Promise<VaultSnapshot>(() => undefined);
      },
    };
    const { service, refresher } = createSecretsCore({
      sources: [hanging],
      logger,
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const summary = await refresher.refresh({ signal: controller.signal });
    expect(signals[0]).toBe(controller.signal);
    expect(summary.failed).toEqual(['vault:production']);
    expect(
      service.sources().find(s => s.id === 'vault:production'),
    ).toMatchObject({
      status: 'error',
      errorClass: 'timeout',
      message: 'vault:production read aborted: the refresh timed out',
    });
  });

  it('writes the shared states, stores them and tells its listeners once per refresh', async () => {
    const vault = new ScriptedVault();
    const states = new SourceStates({ gitops: false, live: [vault] });
    const store = new InMemorySnapshotStore();
    const info = jest.fn();
    const refresher = SourceRefresher.create({
      states,
      sources: [vault],
      store,
      logger: { ...logger, info, child: () => logger },
    });
    const seen: string[] = [];
    refresher.onRefreshed(() => {
      seen.push(states.get('vault:production')!.health.status);
    });
    const summary = await refresher.refresh();
    expect(summary).toMatchObject({
      ok: ['gitops', 'vault:production'],
      failed: [],
      calls: 3,
    });
    expect(seen).toEqual(['ok']);
    expect((await store.loadAll()).map(r => r.sourceId)).toEqual([
      'vault:production',
    ]);
    // one summary line per refresh, naming counts only
    expect(info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Secrets refresh: 2 source\(s\) read, 0 failed, 3 upstream calls in \d+ ms$/,
      ),
    );
  });
});
