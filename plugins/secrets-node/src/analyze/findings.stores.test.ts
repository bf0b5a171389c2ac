/*
 * One test per finding type (stores, cluster-managed Secrets and conventions), each on the smallest repository that
 * produces it, asserting the whole finding.
 */
import { chart, clusterStore, externalSecret } from '../__testUtils__/fileTree';
import { fixtureRelease, platformStore } from '../__testUtils__/repo';
import { FIXTURES, run, only, id, app } from './__testUtils__/findings';

describe('findings', () => {
  it('unserved-store: a SecretStore of another namespace, and a ClusterSecretStore whose conditions do not admit it', () => {
    const r = run(
      {
        ...fixtureRelease('k: x\n'),
        'sources/manifests/stores/stores.yaml': `
        apiVersion: external-secrets.io/v1
        kind: SecretStore
        metadata:
          name: team-vault
          namespace: other
        spec: {}
        ---
        apiVersion: external-secrets.io/v1
        kind: ClusterSecretStore
        metadata:
          name: restricted
        spec:
          conditions:
            - namespaces: [payments]
      `,
        ...app(
          'a',
          externalSecret({
            name: 'a',
            store: { kind: 'SecretStore', name: 'team-vault' },
            data: [{ secretKey: 'p', key: 'k', property: 'value' }],
          }),
        ),
        ...app(
          'b',
          externalSecret({
            name: 'b',
            store: { kind: 'ClusterSecretStore', name: 'restricted' },
            data: [{ secretKey: 'p', key: 'k', property: 'value' }],
          }),
        ),
      },
      { environments: ['dev'] },
    );
    expect(only(r, 'unserved-store')).toStrictEqual([
      {
        id,
        type: 'unserved-store',
        severity: 'error',
        message:
          'ExternalSecret a uses SecretStore/team-vault, but a SecretStore only serves its own namespace (other), not ameide.',
        subject: {
          kind: 'SecretStore',
          name: 'team-vault',
          namespace: 'ameide',
        },
        release: 'apps-a',
        chart: 'sources/charts/apps/a',
        environment: 'dev',
        sourceRef: {
          file: 'sources/charts/apps/a/templates/externalsecret.yaml',
          line: 2,
        },
        proposedFix: {
          title: 'Point at a store that serves this namespace',
          actions: [
            'Declare SecretStore/team-vault for namespace ameide, or point the ExternalSecret at a store that serves it.',
          ],
        },
      },
      expect.objectContaining({
        type: 'unserved-store',
        release: 'apps-b',
        message:
          'ExternalSecret b uses ClusterSecretStore/restricted, but its conditions do not admit namespace ameide.',
      }),
    ]);
  });

  it('vault-drives-cluster-managed: an operator-declared Secret and a Helm-generated Secret also written from Vault', () => {
    const helmGenerated = `
      apiVersion: v1
      kind: Secret
      metadata:
        name: redis-auth
        namespace: ameide
      data:
        password: {{ randAlphaNum 24 | b64enc | quote }}
    `;
    const r = run(
      {
        ...fixtureRelease('pg: x\nredis: y\n'),
        ...platformStore(),
        ...chart(
          'data',
          'postgres',
          { 'secret.yaml': helmGenerated },
          'namespace: ameide\nclusterManagedSecrets:\n  - pg-auth\n',
        ),
        ...app(
          'pgadmin',
          externalSecret({
            name: 'pg-auth',
            data: [{ secretKey: 'p', key: 'pg', property: 'value' }],
          }),
        ),
        ...app(
          'cache',
          externalSecret({
            name: 'redis-auth',
            data: [{ secretKey: 'p', key: 'redis', property: 'value' }],
          }),
        ),
      },
      { environments: ['dev'] },
    );
    const byName = (
      a: { subject: { name: string } },
      b: { subject: { name: string } },
    ) => a.subject.name.localeCompare(b.subject.name);
    expect(only(r, 'vault-drives-cluster-managed').sort(byName)).toStrictEqual([
      {
        id,
        type: 'vault-drives-cluster-managed',
        severity: 'error',
        message:
          'Secret pg-auth is produced in the cluster by data-postgres, and an ExternalSecret of apps-pgadmin also writes it from Vault.',
        subject: { kind: 'Secret', name: 'pg-auth', namespace: 'ameide' },
        release: 'apps-pgadmin',
        chart: 'sources/charts/apps/pgadmin',
        environment: 'dev',
        sourceRef: {
          file: 'sources/charts/apps/pgadmin/templates/externalsecret.yaml',
          line: 2,
        },
        proposedFix: {
          title: 'Keep one authority',
          actions: [
            'Let the cluster-managed authority own the Secret and reference it (existingSecret), or drop the operator/Helm generation; Vault may only mirror it.',
          ],
        },
      },
      expect.objectContaining({
        type: 'vault-drives-cluster-managed',
        subject: { kind: 'Secret', name: 'redis-auth', namespace: 'ameide' },
        message:
          'Secret redis-auth is produced in the cluster by data-postgres, and an ExternalSecret of apps-cache also writes it from Vault.',
      }),
    ]);
    // a Helm-generated value is not an inline credential
    expect(only(r, 'inline-credential')).toStrictEqual([]);
  });

  it('unreplaceable-placeholder: a service-generated key seeded only by a placeholder', () => {
    const files = {
      ...fixtureRelease(
        'kc-client: placeholder-client\nkc-other: placeholder-other\n',
      ),
      ...platformStore(),
      ...app(
        'keycloak',
        externalSecret({
          name: 'kc',
          origin: 'service-generated',
          data: [
            { secretKey: 'a', key: 'kc-client', property: 'value' },
            { secretKey: 'b', key: 'kc-other', property: 'value' },
          ],
        }),
        {},
        'namespace: ameide\nsecretWriters:\n  - key: kc-other\n    writer: client-patcher\n',
      ),
    };
    const r = run(files, { environments: ['dev'] });
    expect(r.findings).toStrictEqual([
      {
        id,
        type: 'unreplaceable-placeholder',
        severity: 'warning',
        message:
          'Vault key "kc-client" is generated by a service, but only a placeholder fixture writes it and no extraction job or PushSecret is declared: the placeholder will never be replaced.',
        subject: { kind: 'VaultKey', name: 'kc-client', property: 'value' },
        release: 'apps-keycloak',
        chart: 'sources/charts/apps/keycloak',
        environment: 'dev',
        sourceRef: { file: FIXTURES, line: 2 },
        proposedFix: {
          title: 'Declare the writer',
          actions: [
            'Add { key: kc-client, writer: <job> } under `secretWriters:` in the values of the job that extracts it.',
          ],
        },
      },
    ]);
    expect(r.coverage.map(c => [c.key, c.fixture, c.writers])).toStrictEqual([
      ['kc-client', 'present', []],
      ['kc-other', 'present', ['client-patcher']],
    ]);
  });

  it('remote-ref-convention: no property, and the KV mount prefix in the key', () => {
    const r = run(
      {
        ...fixtureRelease('a: x\nb: y\n'),
        ...platformStore(),
        ...app(
          'x',
          externalSecret({
            name: 'x',
            data: [
              { secretKey: 'a', key: 'a' },
              { secretKey: 'b', key: 'secret/data/b', property: 'value' },
            ],
          }),
        ),
      },
      { environments: ['dev'] },
    );
    expect(r.findings).toStrictEqual([
      {
        id,
        type: 'remote-ref-convention',
        severity: 'warning',
        message:
          'ExternalSecret x: remoteRef "a" no property: ESO reads the whole Vault secret as JSON; the convention is `property: value`.',
        subject: { kind: 'ExternalSecret', name: 'x', namespace: 'ameide' },
        release: 'apps-x',
        chart: 'sources/charts/apps/x',
        environment: 'dev',
        sourceRef: {
          file: 'sources/charts/apps/x/templates/externalsecret.yaml',
          line: 2,
        },
        proposedFix: {
          title: 'Follow the remoteRef convention',
          actions: ['Reference `key: <key>` with `property: value`.'],
          command: 'remoteRef:\n  key: a\n  property: value',
        },
      },
      expect.objectContaining({
        type: 'remote-ref-convention',
        message:
          'ExternalSecret x: remoteRef "b" key includes the KV v2 mount prefix `secret/data/`; the store already adds the mount.',
      }),
    ]);
  });

  it('externalsecrets-disabled: secrets.enabled=false in one environment only', () => {
    const es = `{{- if .Values.secrets.enabled }}\n${externalSecret({
      name: 'wf',
      data: [{ secretKey: 'a', key: 'wf', property: 'value' }],
    })}{{- end }}\n`;
    const r = run({
      ...fixtureRelease('wf: x\n'),
      ...platformStore(),
      ...app(
        'workflows',
        es,
        {},
        'namespace: ameide\nsecrets:\n  enabled: true\n',
      ),
      'sources/values/env/dev/apps/apps-workflows.yaml':
        '# dev uses plain env vars\nsecrets:\n  enabled: false\n',
    });
    expect(r.findings).toStrictEqual([
      {
        id,
        type: 'externalsecrets-disabled',
        severity: 'warning',
        message:
          'ExternalSecrets of apps-workflows are disabled (secrets.enabled=false) in dev but enabled elsewhere: dev drifts from the Vault-managed path.',
        subject: { kind: 'Release', name: 'apps-workflows' },
        release: 'apps-workflows',
        chart: 'sources/charts/apps/workflows',
        environment: 'dev',
        sourceRef: {
          file: 'sources/values/env/dev/apps/apps-workflows.yaml',
          line: 3,
        },
        proposedFix: {
          title: 'Enable the ExternalSecrets',
          actions: [
            'Remove secrets.enabled=false from sources/values/env/dev/apps/apps-workflows.yaml; every environment should reconcile the same Vault-managed Secrets.',
          ],
        },
      },
    ]);
    expect(r.externalSecrets.map(e => e.environment)).toStrictEqual([
      'production',
    ]);
  });

  it('finding ids are stable across runs', () => {
    const files = { ...fixtureRelease('unused: x\n') };
    expect(run(files).findings.map(f => f.id)).toStrictEqual(
      run(files).findings.map(f => f.id),
    );
  });

  it('store admission: a ClusterSecretStore with namespaceRegexes admits matching namespaces', () => {
    const r = run(
      {
        ...fixtureRelease('k: x\n'),
        'sources/manifests/stores/s.yaml': `${clusterStore(
          'v',
        ).trimEnd()}\n  conditions:\n    - namespaceRegexes: ["^ame"]\n`,
        ...app(
          'a',
          externalSecret({
            name: 'a',
            store: { kind: 'ClusterSecretStore', name: 'v' },
            data: [{ secretKey: 'p', key: 'k', property: 'value' }],
          }),
        ),
      },
      { environments: ['dev'] },
    );
    expect(r.findings).toStrictEqual([]);
  });
});
