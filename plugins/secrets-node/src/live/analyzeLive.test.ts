import type {
  ExternalSecretDecl,
  LiveExternalSecretStatus,
  SecretsReport,
} from '@ameideio/plugin-secrets-common';
import type { ClusterSnapshot, VaultSnapshot } from './types';
import { analyzeLive } from './analyzeLive';
import { isSynced, vaultStateOf } from './state';

// ---- in-memory fixture builders ----
const decl = (
  name: string,
  env: string,
  keys: string[],
  over: Partial<ExternalSecretDecl> = {},
): ExternalSecretDecl => ({
  kind: 'ExternalSecret',
  apiVersion: 'external-secrets.io/v1',
  name,
  namespace: 'shop',
  storeRef: { kind: 'ClusterSecretStore', name: 'vault' },
  targetSecret: name,
  keys: keys.map(key => ({
    key,
    property: 'value',
    via: 'data' as const,
    origin: 'external' as const,
  })),
  release: 'apps-shop',
  chart: 'sources/charts/apps/shop',
  environment: env,
  origin: 'external',
  sourceRef: {
    file: 'sources/charts/apps/shop/templates/externalsecret.yaml',
    line: 3,
  },
  ...over,
});
const report = (externalSecrets: ExternalSecretDecl[]): SecretsReport => ({
  generatedAt: '2026-11-25T00:00:00Z',
  environments: ['dev', 'production'],
  releases: [],
  externalSecrets,
  coverage: [],
  findings: [],
  fixtureMap: { present: true, files: [] },
  stats: { files: 0, charts: 0, durationMs: 0 },
});
const live = (
  name: string,
  over: Partial<LiveExternalSecretStatus> = {},
): LiveExternalSecretStatus => ({
  cluster: 'prod-eu',
  environment: 'production',
  namespace: 'shop',
  name,
  ready: 'True',
  reason: 'SecretSynced',
  refreshTime: '2026-11-25T01:00:00Z',
  refreshable: true,
  storeRef: { kind: 'ClusterSecretStore', name: 'vault' },
  ...over,
});
const cluster = (
  externalSecrets: LiveExternalSecretStatus[],
  stores: ClusterSnapshot['stores'] = [],
): ClusterSnapshot => ({
  cluster: 'prod-eu',
  environment: 'production',
  fetchedAt: '2026-11-25T02:00:00Z',
  externalSecrets,
  stores,
  warnings: [],
  calls: 4,
});
const vault = (keys: VaultSnapshot['keys']): VaultSnapshot => ({
  environment: 'production',
  mount: 'secret',
  fetchedAt: '2026-11-25T02:00:00Z',
  keys,
  warnings: [],
  calls: 3,
});
const options = {
  fixtureEnvironments: ['dev'],
  productionEnvironments: ['production'],
};

describe('isSynced', () => {
  it.each([
    ['True', 'SecretSynced', true],
    ['True', undefined, true],
    ['True', 'SecretDeleted', false],
    ['True', 'SecretMissing', false],
    ['False', 'SecretSyncedError', false],
    ['Unknown', undefined, false],
  ] as const)('Ready=%s reason %s -> %s', (ready, reason, expected) => {
    expect(isSynced(live('x', { ready, reason }))).toBe(expected);
  });
});

describe('analyzeLive', () => {
  it('finds a missing ExternalSecret, a missing Vault key and a missing property', () => {
    const index = analyzeLive(
      report([
        decl('db', 'production', ['shop-db']),
        decl('api', 'production', ['shop-api']),
      ]),
      {
        clusters: [cluster([live('db')])],
        vaults: [vault({ 'shop-db': { properties: ['password'] } })],
      },
      options,
    );
    expect(index.findings).toStrictEqual([
      {
        id: 'live:missing-in-vault:production:apps-shop:shop-db:value',
        type: 'missing-in-vault',
        severity: 'error',
        message:
          'Vault key "shop-db" in production has no property "value", which ExternalSecret db reads.',
        subject: { kind: 'VaultKey', name: 'shop-db', property: 'value' },
        release: 'apps-shop',
        chart: 'sources/charts/apps/shop',
        environment: 'production',
        sourceRef: {
          file: 'sources/charts/apps/shop/templates/externalsecret.yaml',
          line: 3,
        },
        proposedFix: {
          title: 'Write the key to Vault',
          actions: [
            'Have the key\'s writer (external key vault sync, job) write secret/data/shop-db with property "value".',
          ],
        },
      },
      {
        id: 'live:missing-in-cluster:production:shop:api',
        type: 'missing-in-cluster',
        severity: 'warning',
        message:
          'ExternalSecret shop/api is declared by apps-shop for production but is not in the production cluster (Argo CD/Flux not synced, or the release is not deployed).',
        subject: { kind: 'ExternalSecret', name: 'api', namespace: 'shop' },
        release: 'apps-shop',
        chart: 'sources/charts/apps/shop',
        environment: 'production',
        sourceRef: {
          file: 'sources/charts/apps/shop/templates/externalsecret.yaml',
          line: 3,
        },
        proposedFix: {
          title: 'Sync the release',
          actions: [
            'Check the apps-shop application in Argo CD/Flux for production and sync it.',
          ],
        },
      },
      {
        id: 'live:missing-in-vault:production:apps-shop:shop-api:value',
        type: 'missing-in-vault',
        severity: 'error',
        message:
          'Vault key "shop-api" referenced by ExternalSecret api does not exist in the production Vault.',
        subject: { kind: 'VaultKey', name: 'shop-api', property: 'value' },
        release: 'apps-shop',
        chart: 'sources/charts/apps/shop',
        environment: 'production',
        sourceRef: {
          file: 'sources/charts/apps/shop/templates/externalsecret.yaml',
          line: 3,
        },
        proposedFix: {
          title: 'Write the key to Vault',
          actions: [
            'Have the key\'s writer (external key vault sync, job) write secret/data/shop-api with property "value".',
          ],
        },
      },
    ]);
  });

  it('reports a sync error with the provider error and a command only when it works', () => {
    const index = analyzeLive(
      report([
        decl('db', 'production', ['shop-db']),
        decl('once', 'production', ['shop-once']),
      ]),
      {
        clusters: [
          cluster([
            live('db', {
              ready: 'False',
              reason: 'SecretSyncedError',
              message: 'could not get secret data from provider',
              lastWarning: {
                reason: 'UpdateFailed',
                message: 'Code: 503. Errors: * Vault is sealed',
              },
              forceSyncCommand:
                'kubectl annotate externalsecret db -n shop force-sync=$(date +%s) --overwrite',
            }),
            live('once', {
              ready: 'True',
              reason: 'SecretDeleted',
              refreshable: false,
              refreshPolicy: 'CreatedOnce',
            }),
          ]),
        ],
        vaults: [],
      },
      options,
    );
    const [db, once] = index.findings;
    expect(db.message).toBe(
      'ExternalSecret shop/db in cluster prod-eu is not synced (Ready=False, SecretSyncedError): Code: 503. Errors: * Vault is sealed',
    );
    expect(db.proposedFix).toStrictEqual({
      title: 'Fix the provider error, then resync',
      actions: [
        'Vault is sealed: unseal it (or wait for auto-unseal); ESO retries on its own.',
        'After fixing the cause, force a sync with the command below.',
      ],
      command:
        'kubectl annotate externalsecret db -n shop force-sync=$(date +%s) --overwrite',
      docsLink: 'https://external-secrets.io/latest/introduction/faq/',
    });
    // Ready=True with SecretDeleted is not synced; no command since the annotation would be ignored
    expect(once.type).toBe('sync-error');
    expect(once.proposedFix.command).toBeUndefined();
    expect(once.proposedFix.actions[1]).toContain(
      'force-sync annotation is ignored',
    );
  });

  it('flags an invalid store once, unowned ExternalSecrets, placeholders and ignored refreshes', () => {
    const index = analyzeLive(
      report([
        decl('db', 'production', ['shop-db']),
        decl('db2', 'production', ['shop-db']),
        decl('db', 'dev', ['shop-db']),
      ]),
      {
        clusters: [
          cluster(
            [
              live('db', { refreshable: false, refreshPolicy: 'CreatedOnce' }),
              live('db2'),
              live('stray', { kubernetesId: 'shop' }),
            ],
            [
              {
                cluster: 'prod-eu',
                kind: 'ClusterSecretStore',
                name: 'vault',
                ready: 'False',
                reason: 'InvalidProviderConfig',
                message: 'unable to validate store',
              },
            ],
          ),
        ],
        vaults: [
          vault({
            'shop-db': {
              properties: ['value'],
              updatedTime: '2026-11-25T01:30:00Z',
              placeholder: { value: true },
            },
          }),
        ],
      },
      options,
    );
    expect(
      index.findings.map(f => `${f.type}:${f.subject.kind}:${f.subject.name}`),
    ).toEqual([
      'sync-error:SecretStore:vault',
      'refresh-ignored:ExternalSecret:db',
      'placeholder-in-vault:VaultKey:shop-db',
      'unowned-externalsecret:ExternalSecret:stray',
    ]);
    expect(index.findings[2].severity).toBe('error');
    expect(index.unowned.map(u => u.name)).toEqual(['stray']);
    expect(vaultStateOf(index, 'production', 'shop-db', 'value')).toStrictEqual(
      { present: true, placeholder: true, updatedTime: '2026-11-25T01:30:00Z' },
    );
    expect(vaultStateOf(index, 'dev', 'shop-db', 'value')).toStrictEqual({
      present: null,
      placeholder: null,
    });
  });

  it('says nothing about an environment without live data', () => {
    const index = analyzeLive(
      report([decl('db', 'dev', ['shop-db'])]),
      { clusters: [cluster([])], vaults: [] },
      options,
    );
    expect(index.findings).toEqual([]);
  });
});

describe('buildLiveIndex without a GitOps report', () => {
  it('does not call every cluster ExternalSecret unowned', () => {
    const index = analyzeLive(
      undefined,
      { clusters: [cluster([live('db')])], vaults: [] },
      options,
    );
    expect(index.unowned).toEqual([]);
    expect(index.findings).toEqual([]);
  });
});

describe('ownership of cluster ExternalSecrets', () => {
  it('counts a declaration without a namespace as the owner in any namespace, and a namespaced one only in its own', () => {
    const index = analyzeLive(
      report([
        decl('orders-api', 'production', ['orders-api-token'], {
          namespace: undefined,
        }),
        decl('db', 'production', ['db-password']),
      ]),
      {
        clusters: [
          cluster([
            live('orders-api', { namespace: 'orders' }),
            live('db'),
            live('db', { namespace: 'other' }),
          ]),
        ],
        vaults: [],
      },
      options,
    );
    expect(index.unowned.map(u => `${u.namespace}/${u.name}`)).toEqual([
      'other/db',
    ]);
  });
});
