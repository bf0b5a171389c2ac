/*
 * A seeded random platform for property tests of the serving index: an
 * engine report, catalog entities that own its releases, cluster and Vault
 * snapshots, and random changes of one snapshot at a time (a sync error
 * appearing or clearing, a store failing, an ExternalSecret deployed or
 * removed, a Vault key written or deleted, a refresh with nothing new),
 * now and then a new report.
 */
import type {
  ExternalSecretDecl,
  LiveExternalSecretStatus,
  SecretsReport,
} from '@ameideio/plugin-secrets-common';
import type { Entity } from '@backstage/catalog-model';
import type { ClusterSnapshot, VaultSnapshot } from '../sources/types';

/** xorshift32: the same sequence for the same seed. */
export function seeded(seed: number) {
  let x = seed * 2654435761 || 1;
  const float = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  return {
    float,
    int: (n: number) => Math.floor(float() * n),
    oneOf: <T>(xs: readonly T[]): T => xs[Math.floor(float() * xs.length)],
    odds: (p: number) => float() < p,
  };
}
export type Seeded = ReturnType<typeof seeded>;

const ENVS = ['dev', 'staging', 'production'];
const APPS = ['cart', 'billing', 'search', 'auth', 'mail'];
const VAULT_KEYS = APPS.flatMap(a => [`${a}/db`, `${a}/api-key`]);

export interface RandomPlatform {
  report: SecretsReport;
  entities: Entity[];
  clusters: ClusterSnapshot[];
  vaults: VaultSnapshot[];
}

function declarations(r: Seeded): ExternalSecretDecl[] {
  const out: ExternalSecretDecl[] = [];
  for (const app of APPS) {
    for (const environment of ENVS) {
      if (r.odds(0.2)) continue;
      for (let j = 0; j < 1 + r.int(3); j++) {
        const key = r.oneOf(VAULT_KEYS.filter(k => k.startsWith(app)));
        out.push({
          kind: r.odds(0.1) ? 'PushSecret' : 'ExternalSecret',
          apiVersion: 'external-secrets.io/v1',
          name: `${app}-${j}`,
          ...(r.odds(0.85) ? { namespace: app } : {}),
          storeRef: r.odds(0.8)
            ? { kind: 'ClusterSecretStore', name: 'vault' }
            : { kind: 'SecretStore', name: `${app}-store` },
          targetSecret: `${app}-${j}`,
          keys: [
            {
              key,
              property: r.oneOf(['value', 'password']),
              via: r.oneOf(['data', 'data', 'dataFrom.extract'] as const),
              origin: r.oneOf(['external', 'service-generated'] as const),
            },
          ],
          release: `apps-${app}`,
          chart: `charts/${app}`,
          environment,
          origin: 'external',
          sourceRef: { file: `charts/${app}/templates/es.yaml`, line: 1 + j },
        });
      }
    }
  }
  return out;
}

export function randomReport(r: Seeded, at = 0): SecretsReport {
  return {
    generatedAt: new Date(Date.UTC(2026, 10, 1) + at * 1000).toISOString(),
    environments: ENVS,
    fixtureEnvironments: ['dev'],
    productionEnvironments: ['production'],
    releases: APPS.map(app => ({
      name: `apps-${app}`,
      chart: `charts/${app}`,
      kind: 'helm',
      layer: 'service',
      namespace: app,
      environments: ENVS.filter(() => r.odds(0.8)),
      valueFiles: {},
    })),
    externalSecrets: declarations(r),
    stores: APPS.filter(() => r.odds(0.4)).map(app => ({
      kind: 'SecretStore',
      name: `${app}-store`,
      namespace: app,
      release: `apps-${app}`,
      chart: `charts/${app}`,
      environment: r.oneOf(ENVS),
      sourceRef: { file: `charts/${app}/templates/store.yaml` },
    })),
    coverage: VAULT_KEYS.map(key => ({
      key,
      property: 'value',
      environment: r.oneOf(ENVS),
      fixture: r.oneOf(['present', 'missing', 'other-writer'] as const),
      writers: [],
    })),
    findings: [],
    fixtureMap: { present: true, files: [] },
    stats: { files: 0, charts: APPS.length, durationMs: 0 },
  };
}

export function randomEntities(): Entity[] {
  return APPS.map((app, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: app,
      namespace: 'default',
      annotations: {
        'ameide.io/chart': `charts/${app}`,
        ...(i % 2
          ? { 'backstage.io/kubernetes-id': app }
          : { 'backstage.io/kubernetes-label-selector': `team=${app}` }),
      },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  }));
}

function status(r: Seeded, cluster: string, app: string, n: number) {
  const failing = r.odds(0.25);
  const es: LiveExternalSecretStatus = {
    cluster,
    namespace: r.odds(0.97) ? app : 'other',
    name: `${app}-${n}`,
    ready: failing ? r.oneOf(['False', 'Unknown'] as const) : 'True',
    reason: failing ? 'SecretSyncedError' : 'SecretSynced',
    refreshTime: new Date(Date.UTC(2026, 10, 1 + r.int(20))).toISOString(),
    refreshable: r.odds(0.8),
    labels: { team: app },
    kubernetesId: app,
    storeRef: { kind: 'ClusterSecretStore', name: 'vault' },
  };
  if (failing && r.odds(0.6))
    es.lastWarning = {
      reason: 'UpdateFailed',
      message: r.oneOf(['permission denied', 'not found']),
    };
  return es;
}

export function randomCluster(
  r: Seeded,
  cluster: string,
  environment: string | undefined,
): ClusterSnapshot {
  return {
    cluster,
    ...(environment ? { environment } : {}),
    fetchedAt: new Date(Date.UTC(2026, 10, 25)).toISOString(),
    externalSecrets: APPS.flatMap(app =>
      Array.from({ length: r.int(4) }, (_, n) => status(r, cluster, app, n)),
    ),
    stores: [
      {
        cluster,
        kind: 'ClusterSecretStore',
        name: 'vault',
        ready: r.odds(0.9) ? 'True' : 'False',
      },
      ...APPS.filter(() => r.odds(0.3)).map(app => ({
        cluster,
        kind: 'SecretStore' as const,
        namespace: app,
        name: `${app}-store`,
        ready: r.oneOf(['True', 'False'] as const),
      })),
    ],
    warnings: [],
    calls: 4,
  };
}

export function randomVault(r: Seeded, environment: string): VaultSnapshot {
  const keys: VaultSnapshot['keys'] = {};
  for (const k of VAULT_KEYS) {
    if (r.odds(0.2)) continue;
    keys[k] = {
      currentVersion: 1 + r.int(4),
      updatedTime: new Date(Date.UTC(2026, 10, 1 + r.int(28))).toISOString(),
      properties: r.odds(0.8) ? ['value'] : ['password', 'value'],
      ...(r.odds(0.2) ? { placeholder: { value: r.odds(0.5) } } : {}),
      ...(r.odds(0.05) ? { deleted: true } : {}),
    };
  }
  return {
    environment,
    mount: 'secret',
    fetchedAt: new Date(Date.UTC(2026, 10, 25)).toISOString(),
    keys,
    ...(r.odds(0.05) ? { truncated: true } : {}),
    warnings: [],
    calls: 3,
  };
}

export function randomPlatform(r: Seeded): RandomPlatform {
  const clusters = [
    ...ENVS.flatMap(env =>
      [0, 1].map(i => randomCluster(r, `${env}-${i}`, env)),
    ),
    randomCluster(r, 'tools', undefined),
  ];
  return {
    report: randomReport(r),
    entities: randomEntities(),
    clusters,
    vaults: ENVS.map(env => randomVault(r, env)),
  };
}

/** A new cluster snapshot: one random change of the old one (or none but the time). */
export function changedCluster(r: Seeded, c: ClusterSnapshot, at: number) {
  const next: ClusterSnapshot = {
    ...c,
    fetchedAt: new Date(Date.UTC(2026, 10, 25) + at * 1000).toISOString(),
    externalSecrets: [...c.externalSecrets],
  };
  const es = next.externalSecrets;
  const pick = r.int(es.length);
  const what = r.int(6);
  if (what <= 1 && es.length) {
    // a sync error appears or clears
    const { lastWarning: _cleared, ...rest } = es[pick];
    es[pick] = r.odds(0.5)
      ? {
          ...rest,
          ready: 'False',
          reason: 'SecretSyncedError',
          lastWarning: { reason: 'UpdateFailed', message: 'permission denied' },
        }
      : { ...rest, ready: 'True', reason: 'SecretSynced' };
  } else if (what === 2) {
    es.splice(
      r.int(es.length + 1),
      0,
      status(r, c.cluster, r.oneOf(APPS), r.int(4)),
    );
  } else if (what === 3 && es.length) {
    es.splice(pick, 1);
  } else if (what === 4) {
    next.stores = c.stores.map(s => ({
      ...s,
      ready: r.oneOf(['True', 'False'] as const),
    }));
  }
  return next;
}

/** A new Vault snapshot: one random change of the old one (or none but the time). */
export function changedVault(r: Seeded, v: VaultSnapshot, at: number) {
  const next: VaultSnapshot = {
    ...v,
    fetchedAt: new Date(Date.UTC(2026, 10, 25) + at * 1000).toISOString(),
    keys: { ...v.keys },
  };
  const key = r.oneOf(VAULT_KEYS);
  const what = r.int(5);
  if (what <= 1)
    next.keys[key] = {
      currentVersion: (v.keys[key]?.currentVersion ?? 0) + 1,
      updatedTime: new Date(Date.UTC(2026, 10, 25) + at * 1000).toISOString(),
      properties: r.odds(0.8) ? ['value'] : ['password'],
    };
  else if (what === 2) delete next.keys[key];
  else if (what === 3 && v.keys[key])
    next.keys[key] = { ...v.keys[key], placeholder: { value: r.odds(0.5) } };
  return next;
}
