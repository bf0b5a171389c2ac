import { resolve } from 'node:path';
import { chart, externalSecret, fileTree } from '../__testUtils__/fileTree';
import { fixtureRelease, platformStore } from '../__testUtils__/repo';
import { readFileTree } from '../tree';
import { analyze } from './analyze';
import {
  IMPLICIT_ENVIRONMENT,
  inferEnvironments,
  looksLikeFixtureEnvironment,
  looksLikeProduction,
  resolveEnvironments,
  sortEnvironments,
} from './environments';

const DEMO = resolve(__dirname, '../../../../examples/gitops');
const layout = { valuesRoot: 'sources/values', envValuesDir: 'env' };
const names = (files: Record<string, string>, declared: string[] = []) =>
  inferEnvironments(fileTree(files), layout, declared).map(e => e.name);

describe('inferEnvironments', () => {
  it('reads per-environment values folders, in the usual order', () => {
    expect(
      names({
        'sources/values/env/production/apps/a.yaml': 'x: 1\n',
        'sources/values/env/local/apps/a.yaml': 'x: 1\n',
        'sources/values/env/staging/globals.yaml': 'x: 1\n',
        'sources/values/env/dev/apps/a.yaml': 'x: 1\n',
        'sources/values/env/README.md': 'not a folder',
      }),
    ).toStrictEqual(['local', 'dev', 'staging', 'production']);
  });

  it('reads Flux cluster folders and Kustomize overlays, not base/common folders', () => {
    expect(
      names({
        'clusters/homelab/flux-system/gotk-sync.yaml': 'kind: Kustomization\n',
        'clusters/homelab/apps.yaml': 'kind: Kustomization\n',
        'apps/base/podinfo/kustomization.yaml': 'resources: []\n',
        'apps/staging/kustomization.yaml': 'resources: [../base]\n',
        'kustomize/orders/overlays/prod/kustomization.yaml': 'resources: []\n',
        'kustomize/orders/overlays/base/kustomization.yaml': 'resources: []\n',
        'kustomize/orders/overlays/README.md': 'docs\n',
        'environments/qa/values.yaml': 'x: 1\n',
        'envs/common/values.yaml': 'x: 1\n',
      }),
    ).toStrictEqual(['qa', 'staging', 'homelab', 'prod']);
  });

  it('does not read app folders, plain docs or templates as environments', () => {
    expect(
      names({
        // Argo CD app-of-apps: apps/<app>/ are applications, not environments
        'apps/guestbook/kustomization.yaml': 'resources: []\n',
        'apps/podinfo/deployment.yaml': 'kind: Deployment\n',
        'overlays/dev/README.md': 'no kustomization here\n',
        'charts/orders/templates/env/dev.yaml': 'kind: ConfigMap\n',
        'docs/environments.md': 'dev, staging, production\n',
      }),
    ).toStrictEqual([]);
  });

  it('adds names Argo CD / Flux declarations give, and respects ignored paths', () => {
    expect(names({}, ['prod-eu', 'dev'])).toStrictEqual(['dev', 'prod-eu']);
    expect(
      inferEnvironments(
        fileTree({ 'vendor/clusters/x/kustomization.yaml': 'resources: []\n' }),
        { ...layout, ignorePaths: ['vendor'] },
      ),
    ).toStrictEqual([]);
  });

  it('finds the four environments of the demo', async () => {
    const tree = await readFileTree(DEMO);
    expect(
      inferEnvironments(tree, layout).map(e => [e.name, e.shape]),
    ).toStrictEqual([
      ['local', 'values-folder'],
      ['dev', 'values-folder'],
      ['staging', 'values-folder'],
      ['production', 'values-folder'],
    ]);
  });
});

describe('environment names', () => {
  it('reads production and dev/CI names', () => {
    expect(
      ['prod', 'production', 'prd', 'live', 'prod-eu', 'eu_prod'].filter(
        looksLikeProduction,
      ),
    ).toHaveLength(6);
    expect(
      ['preprod', 'pre-prod', 'non-prod', 'staging', 'dev', 'product'].filter(
        looksLikeProduction,
      ),
    ).toStrictEqual([]);
    expect(
      ['local', 'dev', 'development', 'ci', 'kind', 'test', 'dev-eu'].every(
        looksLikeFixtureEnvironment,
      ),
    ).toBe(true);
    expect(
      ['staging', 'production', 'qa', 'homelab', 'devops-prod'].filter(
        looksLikeFixtureEnvironment,
      ),
    ).toStrictEqual([]);
    expect(sortEnvironments(['production', 'homelab', 'dev'])).toStrictEqual([
      'dev',
      'homelab',
      'production',
    ]);
  });
});

describe('resolveEnvironments', () => {
  const ev = (...n: string[]) =>
    n.map(name => ({ name, shape: 'values-folder' as const }));

  it('explicit environments win; knownEnvironments stand in for them', () => {
    const r = resolveEnvironments({ environments: ['qa'] }, ev('dev', 'prod'));
    expect(r.environments).toStrictEqual(['qa']);
    expect(r.known).toStrictEqual(['qa', 'dev', 'prod']);
    expect(r.source).toBe('configured');
    expect(r.fixtureEnvironments).toStrictEqual(['dev']);
    expect(r.productionEnvironments).toStrictEqual(['prod']);
    const k = resolveEnvironments({ knownEnvironments: ['a', 'b'] }, ev('dev'));
    expect([k.environments, k.known]).toStrictEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
  });

  it('configured fixture and production environments win', () => {
    const r = resolveEnvironments(
      { fixtureEnvironments: ['ci'], productionEnvironments: ['live-eu'] },
      ev('dev', 'prod'),
    );
    expect(r.fixtureEnvironments).toStrictEqual(['ci']);
    expect(r.productionEnvironments).toStrictEqual(['live-eu']);
  });

  it('without configuration or evidence: one implicit environment, fixture one only with a fixture map', () => {
    const r = resolveEnvironments({}, []);
    expect(r.environments).toStrictEqual([IMPLICIT_ENVIRONMENT]);
    expect(r.source).toBe('implicit');
    expect(r.fixtureEnvironments).toBeUndefined();
    expect(r.productionEnvironments).toStrictEqual([]);
  });
});

describe('analysis of a repository without environment folders', () => {
  const service = (extra: Record<string, string> = {}) => ({
    ...platformStore(),
    ...chart('apps', 'orders', {
      'es.yaml': externalSecret({
        name: 'orders',
        data: [{ secretKey: 'k', key: 'orders-api', property: 'value' }],
      }),
    }),
    ...extra,
  });

  it('analyses one implicit environment, never local/dev/staging/production', () => {
    const r = analyze(fileTree(service()));
    expect(r.environments).toStrictEqual([IMPLICIT_ENVIRONMENT]);
    expect(r.environmentSource).toBe('implicit');
    expect(r.externalSecrets.map(e => e.environment)).toStrictEqual([
      IMPLICIT_ENVIRONMENT,
    ]);
    // no fixture map: not a fixture environment, so no missing fixture
    expect(r.fixtureEnvironments).toStrictEqual([]);
    expect(r.findings).toStrictEqual([]);
  });

  it('the implicit environment is a fixture environment when the repository has a fixture map, and messages do not name it', () => {
    const r = analyze(fileTree(service(fixtureRelease('other: x\n'))));
    expect(r.fixtureEnvironments).toStrictEqual([IMPLICIT_ENVIRONMENT]);
    const missing = r.findings.filter(f => f.type === 'missing-fixture');
    expect(missing.map(f => f.message)).toStrictEqual([
      'Vault key "orders-api" (property "value") used by ExternalSecret orders has no fixture, so a fresh cluster cannot sync it.',
    ]);
  });

  it('messages of every finding leave the implicit environment out', () => {
    const r = analyze(
      fileTree({
        ...chart('apps', 'orders', {
          'es.yaml': externalSecret({
            name: 'orders',
            store: { kind: 'ClusterSecretStore', name: 'missing-store' },
            data: [{ secretKey: 'k', key: 'orders-api', property: 'value' }],
          }),
          'job.yaml':
            'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          env:\n            - name: X\n              valueFrom:\n                secretKeyRef:\n                  name: nowhere\n                  key: k\n',
          'broken.yaml': 'a: [\n',
        }),
      }),
    );
    expect([...new Set(r.findings.map(f => f.type))].sort()).toStrictEqual([
      'invalid-yaml',
      'missing-producer',
      'unserved-store',
    ]);
    for (const f of r.findings) {
      expect(f.message).not.toMatch(/\bdefault\b/);
      expect(f.proposedFix.actions.join(' ')).not.toMatch(/\bin default\b/);
    }
  });

  it('a Flux repository with one cluster folder analyses that cluster only', () => {
    const r = analyze(
      fileTree({
        ...service(),
        'clusters/homelab/flux-system/gotk-sync.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
      }),
    );
    expect(r.environments).toStrictEqual(['homelab']);
    expect(r.environmentSource).toBe('inferred');
    expect(r.externalSecrets).toHaveLength(1);
  });

  it('an ApplicationSet naming its environments decides them', () => {
    const r = analyze(
      fileTree({
        ...service(),
        'argocd/appset.yaml': `
          apiVersion: argoproj.io/v1alpha1
          kind: ApplicationSet
          metadata:
            name: orders
          spec:
            generators:
              - list:
                  elements:
                    - env: prod-eu
                    - env: dev
            template:
              metadata:
                name: 'orders-{{env}}'
              spec:
                source:
                  path: sources/charts/apps/orders
        `,
      }),
    );
    expect(r.environments).toStrictEqual(['dev', 'prod-eu']);
    expect(r.productionEnvironments).toStrictEqual(['prod-eu']);
    expect(r.fixtureEnvironments).toStrictEqual(['dev']);
    expect(
      r.externalSecrets.map(e => [e.release, e.environment]).sort(),
    ).toStrictEqual([
      ['orders', 'dev'],
      ['orders', 'prod-eu'],
    ]);
  });

  it('keeps the demo on its four environments with the usual fixture and production ones', async () => {
    const r = analyze(await readFileTree(DEMO));
    expect(r.environments).toStrictEqual([
      'local',
      'dev',
      'staging',
      'production',
    ]);
    expect(r.environmentSource).toBe('inferred');
    expect(r.fixtureEnvironments).toStrictEqual(['local', 'dev']);
    expect(r.productionEnvironments).toStrictEqual(['production']);
  });
});
