/*
 * Vault conventions apply to ExternalSecrets whose store is a Vault store
 * of the repository; other providers get none, an undeclared store leaves
 * the provider unknown (info at most).
 */
import type { SecretsReport } from '@ameideio/plugin-secrets-common';
import { chart, externalSecret, fileTree } from '../__testUtils__/fileTree';
import { fixtureRelease } from '../__testUtils__/repo';
import { analyze } from './analyze';
import { providerName } from './providers';

const store = (name: string, provider: string) =>
  `apiVersion: external-secrets.io/v1\nkind: ClusterSecretStore\nmetadata:\n  name: ${name}\nspec:\n  provider:\n    ${provider}\n`;

/** The fixture map, one app reading `app-db` (no fixture, no property) through `store`. */
const repo = (storeName: string, stores: Record<string, string>) => ({
  ...fixtureRelease('other: x\n'),
  ...stores,
  ...chart(
    'apps',
    'app',
    {
      'es.yaml': externalSecret({
        name: 'app',
        store: { kind: 'ClusterSecretStore', name: storeName },
        data: [{ secretKey: 'p', key: 'app-db' }],
      }),
    },
    'namespace: apps\n',
  ),
});
const run = (files: Record<string, string>) =>
  analyze(fileTree(files), { environments: ['dev'] });
const summary = (r: SecretsReport) =>
  r.findings
    .filter(f => f.type !== 'orphan-fixture')
    .map(f => [f.type, f.severity]);

describe('providers', () => {
  it('the provider is the key under spec.provider', () => {
    expect(providerName({ provider: { vault: { server: 'x' } } })).toBe(
      'vault',
    );
    expect(providerName({ provider: {} })).toBeUndefined();
    expect(providerName(undefined)).toBeUndefined();
  });

  it('a Vault store: missing fixture and remoteRef convention, as before', () => {
    const r = run(
      repo('vault', {
        'platform/store.yaml': store(
          'vault',
          'vault:\n      server: http://vault:8200',
        ),
      }),
    );
    expect(summary(r)).toStrictEqual([
      ['missing-fixture', 'error'],
      ['remote-ref-convention', 'warning'],
    ]);
    expect(r.externalSecrets[0].provider).toBe('vault');
  });

  it('a 1Password store: no Vault advice, coverage not applicable', () => {
    const r = run(
      repo('op', {
        'platform/store.yaml': store(
          'op',
          'onepassword:\n      connectHost: http://connect:8080',
        ),
      }),
    );
    expect(summary(r)).toStrictEqual([]);
    expect(r.externalSecrets[0].provider).toBe('onepassword');
    expect(r.coverage.map(c => c.fixture)).toStrictEqual(['not-applicable']);
  });

  it('a store not declared in the repository: provider unknown, no Vault error, an info that says so', () => {
    const r = run(repo('elsewhere', {}));
    // the repository declares no store at all: both are info
    expect(summary(r).sort()).toStrictEqual([
      ['missing-fixture', 'info'],
      ['unserved-store', 'info'],
    ]);
    expect(r.externalSecrets[0].provider).toBeUndefined();
    expect(r.findings.find(f => f.type === 'missing-fixture')?.message).toBe(
      'Vault key "app-db" (property "value") used by ExternalSecret app has no fixture, so a fresh dev cluster cannot sync it. Its store ClusterSecretStore/elsewhere is not declared in the repository, so its provider is unknown.',
    );
  });
});

describe('stores managed outside the repository', () => {
  it('no store declared anywhere: the unserved store is an info that says so', () => {
    const r = analyze(
      fileTree({
        'apps/web/es.yaml': externalSecret({
          name: 'web',
          namespace: 'apps',
          store: { kind: 'ClusterSecretStore', name: 'platform' },
          data: [{ secretKey: 'p', key: 'web', property: 'value' }],
        }),
      }),
      { environments: ['dev'] },
    );
    expect(r.findings.map(f => [f.type, f.severity, f.message])).toStrictEqual([
      [
        'unserved-store',
        'info',
        'ExternalSecret web uses ClusterSecretStore/platform, but no ClusterSecretStore "platform" is declared in dev; the repository declares no SecretStore or ClusterSecretStore at all, so its stores are managed outside it.',
      ],
    ]);
  });
});
