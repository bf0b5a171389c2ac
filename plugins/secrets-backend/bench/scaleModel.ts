/* The simulated platform of the scale benchmark: its sizes and its catalog and report. */
import type {
  ExternalSecretDecl,
  ReleaseInfo,
  SecretsReport,
} from '@ameideio/plugin-secrets-common';
import type { Entity } from '@backstage/catalog-model';

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

export const SCALE = arg('scale', 1);
export const ENVS = ['dev', 'qa', 'staging', 'preprod', 'production'];
export const CLUSTERS_PER_ENV = Math.max(
  1,
  Math.round(10 * Math.min(1, SCALE * 2)),
);
export const ENTITIES = Math.round(5000 * SCALE);
export const ES_PER_ENTITY = 4;
export const VAULT_KEYS = Math.round(50_000 * SCALE);
export const LATENCY_MS = arg('latency', 20);
export const PAGE = 500;

export const svc = (i: number) => `svc-${String(i).padStart(5, '0')}`;
export const keyOf = (i: number, j: number) => `${svc(i)}-key-${j}`;

export function syntheticReport(): SecretsReport {
  const releases: ReleaseInfo[] = [];
  const externalSecrets: ExternalSecretDecl[] = [];
  for (let i = 0; i < ENTITIES; i++) {
    const chart = `sources/charts/apps/${svc(i)}`;
    releases.push({
      name: `apps-${svc(i)}`,
      chart,
      kind: 'helm',
      layer: 'service',
      namespace: 'apps',
      environments: ENVS,
      valueFiles: {},
    });
    for (const env of ENVS) {
      for (let j = 0; j < ES_PER_ENTITY; j++) {
        externalSecrets.push({
          kind: 'ExternalSecret',
          apiVersion: 'external-secrets.io/v1',
          name: `${svc(i)}-${j}`,
          namespace: 'apps',
          storeRef: { kind: 'ClusterSecretStore', name: 'vault' },
          targetSecret: `${svc(i)}-${j}`,
          refreshInterval: '1h',
          keys: [
            {
              key: keyOf(i, j),
              property: 'value',
              via: 'data',
              origin: 'external',
            },
          ],
          release: `apps-${svc(i)}`,
          chart,
          environment: env,
          origin: 'external',
          sourceRef: { file: `${chart}/templates/externalsecret.yaml` },
        });
      }
    }
  }
  return {
    generatedAt: new Date().toISOString(),
    environments: ENVS,
    releases,
    externalSecrets,
    coverage: [],
    findings: [],
    fixtureMap: { present: false, files: [] },
    stats: { files: 0, charts: ENTITIES, durationMs: 0 },
  };
}

export function entities(): Entity[] {
  return Array.from({ length: ENTITIES }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: svc(i),
      namespace: 'default',
      annotations: {
        'ameide.io/chart': `sources/charts/apps/${svc(i)}`,
        'backstage.io/kubernetes-id': svc(i),
      },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  }));
}
