import { resolve } from 'node:path';
import type {
  ExternalSecretDecl,
  SecretsReport,
} from '@ameideio/plugin-secrets-common';
import { analyze } from '../analyze';
import { readFileTree } from '../tree';
import { computeImpact } from './impact';

const es = (env: string, extra: Partial<ExternalSecretDecl> = {}) =>
  ({
    kind: 'ExternalSecret',
    apiVersion: 'external-secrets.io/v1',
    name: 'orders-db',
    namespace: 'shop',
    storeRef: { kind: 'ClusterSecretStore', name: 'vault' },
    targetSecret: 'orders-db',
    keys: [
      {
        key: 'orders/db',
        property: 'password',
        via: 'data',
        origin: 'external',
      },
    ],
    release: 'orders',
    environment: env,
    origin: 'external',
    sourceRef: { file: 'charts/orders/templates/es.yaml' },
    ...extra,
  } as ExternalSecretDecl);

const report: SecretsReport = {
  generatedAt: '2026-01-01T00:00:00Z',
  environments: ['dev', 'production'],
  releases: [
    {
      name: 'orders',
      kind: 'helm',
      layer: 'service',
      environments: ['dev', 'production'],
      valueFiles: {},
      entityRef: 'component:default/orders',
    },
    {
      name: 'reports',
      kind: 'helm',
      layer: 'service',
      environments: ['production'],
      valueFiles: {},
      entityRef: 'component:default/reports',
    },
  ],
  externalSecrets: [
    es('dev'),
    es('production'),
    es('production', { name: 'other', targetSecret: 'other', keys: [] }),
  ],
  coverage: [
    {
      key: 'orders/db',
      property: 'password',
      environment: 'dev',
      fixture: 'present',
      writers: [],
      fixtureRef: { file: 'values/dev.yaml', line: 3 },
    },
    {
      key: 'orders/db',
      property: 'password',
      environment: 'production',
      fixture: 'empty-override',
      writers: ['azure-key-vault-sync'],
    },
  ],
  findings: [],
  readers: [
    {
      secret: 'orders-db',
      namespace: 'shop',
      environment: 'production',
      release: 'orders',
      workload: { kind: 'Deployment', name: 'orders' },
      how: 'secretKeyRef',
      optional: false,
      sourceRef: { file: 'charts/orders/templates/deploy.yaml' },
    },
    {
      secret: 'orders-db',
      namespace: 'shop',
      environment: 'production',
      release: 'reports',
      workload: { kind: 'CronJob', name: 'nightly' },
      how: 'envFrom',
      optional: true,
      sourceRef: { file: 'charts/reports/templates/cron.yaml' },
    },
    // another namespace: a different Secret of the same name
    {
      secret: 'orders-db',
      namespace: 'other',
      environment: 'production',
      release: 'x',
      workload: { kind: 'Deployment', name: 'x' },
      how: 'envFrom',
      optional: false,
      sourceRef: { file: 'x.yaml' },
    },
  ],
  fixtureMap: { present: true, files: [] },
  stats: { files: 0, charts: 0, durationMs: 0 },
};

describe('blast radius', () => {
  it('of a Vault key: writers, ExternalSecrets, Secrets, readers and their owners, per environment', () => {
    const imp = computeImpact(report, {
      vaultKey: 'orders/db',
      environment: 'production',
    });
    expect(
      imp.edges.map(e => `${e.from} -${e.label}-> ${e.to}`).sort(),
    ).toStrictEqual([
      'es:production:shop/orders-db -owned by-> entity:component:default/orders',
      'es:production:shop/orders-db -produces-> secret:production:shop/orders-db',
      'key:production:orders/db -read by-> es:production:shop/orders-db',
      'secret:production:shop/orders-db -envFrom (optional)-> workload:production:shop/CronJob/nightly',
      'secret:production:shop/orders-db -secretKeyRef-> workload:production:shop/Deployment/orders',
      'workload:production:shop/CronJob/nightly -owned by-> entity:component:default/reports',
      'workload:production:shop/Deployment/orders -owned by-> entity:component:default/orders',
      'writer:production:azure-key-vault-sync -writes-> key:production:orders/db',
    ]);
    expect(imp.summary).toStrictEqual({
      environments: ['production'],
      externalSecrets: 1,
      secrets: 1,
      readers: 1,
      optionalReaders: 1,
      entities: ['component:default/orders', 'component:default/reports'],
    });
  });

  it('of a Secret and of a store start from what produces or serves them', () => {
    expect(
      computeImpact(report, { secret: 'orders-db' }).summary.environments,
    ).toStrictEqual(['dev', 'production']);
    const byStore = computeImpact(report, {
      store: 'vault',
      environment: 'production',
    });
    expect(byStore.summary.externalSecrets).toBe(2);
    expect(
      byStore.nodes.filter(n => n.kind === 'SecretStore').map(n => n.name),
    ).toStrictEqual(['vault']);
  });

  it('asks for exactly one starting point', () => {
    expect(() => computeImpact(report, {})).toThrow(/exactly one/);
    expect(() => computeImpact(report, { vaultKey: 'a', store: 'b' })).toThrow(
      /exactly one/,
    );
  });

  it('on the demo repository, a key reaches the workload that reads its Secret', async () => {
    const r = analyze(
      await readFileTree(resolve(__dirname, '../../../../examples/gitops')),
    );
    const imp = computeImpact(r, {
      vaultKey: 'payments-stripe-api-key',
      environment: 'dev',
    });
    expect(imp.summary.externalSecrets).toBeGreaterThan(0);
    expect(imp.nodes.some(n => n.kind === 'Workload')).toBe(true);
    expect(JSON.stringify(imp)).not.toMatch(/placeholder-payments/);
  });
});
