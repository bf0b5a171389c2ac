import type { SecretsReport } from '@ameideio/plugin-secrets-common';
import { analyzeLive } from '../analyzeLive';
import { keyAgeDays, rotationLimit, rotationPolicyProblems } from '../rotation';
import type { VaultSnapshot } from '../types';

const NOW = Date.parse('2026-12-01T00:00:00Z');

const report: SecretsReport = {
  generatedAt: '2026-12-01T00:00:00Z',
  environments: ['dev', 'production'],
  fixtureEnvironments: ['dev'],
  productionEnvironments: ['production'],
  releases: [],
  externalSecrets: ['dev', 'production'].map(env => ({
    kind: 'ExternalSecret' as const,
    apiVersion: 'external-secrets.io/v1',
    name: 'payments',
    namespace: 'shop',
    storeRef: { kind: 'ClusterSecretStore' as const, name: 'vault' },
    targetSecret: 'payments',
    keys: [
      {
        key: 'payments/stripe',
        property: 'value',
        via: 'data' as const,
        origin: 'external' as const,
      },
      {
        key: 'payments/db',
        property: 'value',
        via: 'data' as const,
        origin: 'service-generated' as const,
      },
    ],
    release: 'payments',
    environment: env,
    origin: 'external' as const,
    sourceRef: { file: 'es.yaml' },
  })),
  coverage: [
    {
      key: 'payments/stripe',
      property: 'value',
      environment: 'production',
      fixture: 'other-writer',
      writers: ['azure-key-vault-sync'],
    },
    {
      key: 'payments/stripe',
      property: 'value',
      environment: 'dev',
      fixture: 'present',
      writers: [],
    },
  ],
  findings: [],
  readers: [
    {
      secret: 'payments',
      namespace: 'shop',
      environment: 'production',
      release: 'payments',
      workload: { kind: 'Deployment', name: 'payments' },
      how: 'envFrom',
      optional: false,
      sourceRef: { file: 'd.yaml' },
    },
  ],
  fixtureMap: { present: true, files: [] },
  stats: { files: 0, charts: 0, durationMs: 0 },
};

const vault = (
  environment: string,
  stripe: string,
  db: string,
): VaultSnapshot => ({
  environment,
  mount: 'secret',
  fetchedAt: '2026-12-01T00:00:00Z',
  keys: {
    'payments/stripe': {
      updatedTime: stripe,
      currentVersion: 3,
      properties: ['value'],
    },
    'payments/db': {
      updatedTime: db,
      currentVersion: 1,
      properties: ['value'],
    },
  },
  warnings: [],
  calls: 0,
});

describe('rotation-overdue', () => {
  const policy = {
    maxAgeDays: { external: 180, default: 365 },
    environments: { production: { external: 90 } },
    keys: [{ pattern: 'payments/d*', maxAgeDays: 400 }],
  };

  it('the most specific rule gives the limit', () => {
    expect(
      rotationLimit(policy, 'payments/stripe', 'external', 'production'),
    ).toStrictEqual({ days: 90, rule: 'production external' });
    expect(
      rotationLimit(policy, 'payments/stripe', 'external', 'dev'),
    ).toStrictEqual({ days: 180, rule: 'external' });
    expect(
      rotationLimit(policy, 'payments/db', 'service-generated', 'dev'),
    ).toStrictEqual({ days: 400, rule: 'keys "payments/d*"' });
    expect(rotationLimit(policy, 'other/x', 'unknown', 'dev')).toStrictEqual({
      days: 365,
      rule: 'default',
    });
    expect(rotationLimit(undefined, 'x', 'external', 'dev')).toBeUndefined();
    expect(keyAgeDays({ updatedTime: '2026-11-01T00:00:00Z' }, NOW)).toBe(30);
    expect(keyAgeDays({}, NOW)).toBeUndefined();
  });

  it('names the key, its age, the policy, its readers, and the rotation procedure of its writer', () => {
    const live = analyzeLive(
      report,
      {
        vaults: [
          vault('production', '2026-06-01T00:00:00Z', '2026-11-20T00:00:00Z'),
          vault('dev', '2026-11-25T00:00:00Z', '2025-01-01T00:00:00Z'),
        ],
      },
      {
        fixtureEnvironments: ['dev'],
        productionEnvironments: ['production'],
        rotation: policy,
        externalSyncWriter: /key-?vault/i,
        now: NOW,
      },
    );
    const overdue = live.findings.filter(f => f.type === 'rotation-overdue');
    expect(
      overdue.map(f => [f.environment, f.subject.name, f.severity]),
    ).toStrictEqual([
      ['dev', 'payments/db', 'warning'],
      ['production', 'payments/stripe', 'warning'],
    ]);
    const prod = overdue.find(f => f.environment === 'production')!;
    expect(prod.message).toBe(
      'Vault key "payments/stripe" in production was last written 183 days ago (2026-06-01); the rotation policy allows 90 days (production external). Read by Deployment/payments.',
    );
    expect(prod.proposedFix.actions[0]).toContain(
      'Rotate "payments/stripe" in the external key vault; azure-key-vault-sync writes',
    );
    expect(prod.id).toBe('live:rotation-overdue:production:payments/stripe');
  });

  it('without a policy nothing is overdue', () => {
    const live = analyzeLive(
      report,
      {
        vaults: [
          vault('production', '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z'),
        ],
      },
      {
        fixtureEnvironments: ['dev'],
        productionEnvironments: ['production'],
      },
    );
    expect(
      live.findings.filter(f => f.type === 'rotation-overdue'),
    ).toStrictEqual([]);
  });

  it('a wrong policy is refused naming the key', () => {
    expect(
      rotationPolicyProblems({
        maxAgeDays: { external: -1 },
        keys: [{ pattern: '', maxAgeDays: 1, x: 1 }],
      }).map(p => p.key),
    ).toStrictEqual([
      'rotation.maxAgeDays.external',
      'rotation.keys[0].pattern',
      'rotation.keys[0].x',
    ]);
  });
});
