/*
 * The live analysis over the test corpus: for every repository, a cluster
 * and a Vault that hold exactly what the repository declares, all synced,
 * must raise no live finding. A live detector that misreads a shape the
 * static analysis accepts (an ExternalSecret without a namespace, a
 * ClusterSecretStore, a `dataFrom` key) shows here.
 */
import { resolve } from 'node:path';
import type {
  ExternalSecretDecl,
  LiveExternalSecretStatus,
  LiveStoreStatus,
  SecretsReport,
} from '@ameideio/plugin-secrets-common';
import { analyzeLive } from '../live/analyzeLive';
import type { ClusterSnapshot, VaultSnapshot } from '../live/types';
import { scoreCorpus } from './score';

const CORPUS = resolve(__dirname, '../../corpus');
const AT = '2026-12-01T00:00:00Z';

/** Where a release without a namespace in the repository was deployed. */
const DEPLOYED_NAMESPACE = 'deployed-here';

function healthyCluster(report: SecretsReport, env: string): ClusterSnapshot {
  const decls = report.externalSecrets.filter(
    (d): d is ExternalSecretDecl & { kind: 'ExternalSecret' } =>
      d.kind === 'ExternalSecret' && d.environment === env,
  );
  const externalSecrets: LiveExternalSecretStatus[] = decls.map(d => ({
    cluster: `${env}-cluster`,
    environment: env,
    namespace: d.namespace ?? DEPLOYED_NAMESPACE,
    name: d.name,
    ready: 'True',
    reason: 'SecretSynced',
    refreshTime: AT,
    ...(d.refreshInterval ? { refreshInterval: d.refreshInterval } : {}),
    ...(d.refreshPolicy ? { refreshPolicy: d.refreshPolicy } : {}),
    storeRef: d.storeRef,
    targetSecret: d.targetSecret,
    refreshable: true,
  }));
  const stores = new Map<string, LiveStoreStatus>();
  for (const d of decls) {
    const namespace =
      d.storeRef.kind === 'SecretStore'
        ? d.namespace ?? DEPLOYED_NAMESPACE
        : undefined;
    stores.set(`${d.storeRef.kind}/${namespace}/${d.storeRef.name}`, {
      cluster: `${env}-cluster`,
      environment: env,
      kind: d.storeRef.kind,
      ...(namespace ? { namespace } : {}),
      name: d.storeRef.name,
      ready: 'True',
      reason: 'Valid',
      provider: 'vault',
    });
  }
  return {
    cluster: `${env}-cluster`,
    environment: env,
    fetchedAt: AT,
    externalSecrets,
    stores: [...stores.values()],
    warnings: [],
    calls: 1,
  };
}

function healthyVault(report: SecretsReport, env: string): VaultSnapshot {
  const keys: VaultSnapshot['keys'] = {};
  for (const d of report.externalSecrets) {
    if (d.environment !== env) continue;
    for (const k of d.keys) {
      const meta = (keys[k.key] ??= {
        currentVersion: 1,
        createdTime: AT,
        updatedTime: AT,
        properties: [],
      });
      if (k.property && !meta.properties!.includes(k.property))
        meta.properties!.push(k.property);
    }
  }
  return {
    environment: env,
    mount: 'secret',
    fetchedAt: AT,
    keys,
    warnings: [],
    calls: 1,
  };
}

describe('live analysis over the corpus', () => {
  it('raises no live finding for clusters and Vaults that hold what each repository declares', async () => {
    const false_: string[] = [];
    let checked = 0;
    for (const { repo, report } of await scoreCorpus(CORPUS)) {
      const envs = report.environments;
      const live = analyzeLive(
        report,
        {
          clusters: envs.map(e => healthyCluster(report, e)),
          vaults: envs.map(e => healthyVault(report, e)),
        },
        {
          fixtureEnvironments: [],
          productionEnvironments: envs.filter(e => /prod/.test(e)),
          now: Date.parse(AT),
        },
      );
      checked += report.externalSecrets.length;
      for (const f of live.findings)
        false_.push(`${repo.name}: ${f.type} ${f.message}`);
    }
    expect(checked).toBeGreaterThan(50);
    expect(false_).toStrictEqual([]);
  }, 60_000);
});
