/*
 * One test per finding type, each on the smallest repository that produces
 * it, asserting the whole finding.
 */
import type {
  FindingType,
  SecretsReport,
} from '@ameideio/plugin-secrets-common';
import {
  chart,
  clusterStore,
  externalSecret,
  fileTree,
} from '../__testUtils__/fileTree';
import { fixtureRelease, platformStore, testEnvs } from '../__testUtils__/repo';
import { analyze } from './analyze';
import type { AnalyzeOptions } from './options';

const FIXTURES =
  'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml';

function run(
  files: Record<string, string>,
  options: AnalyzeOptions = {},
): SecretsReport {
  return analyze(fileTree(files), { ...testEnvs, ...options });
}
const only = (r: SecretsReport, type: FindingType) =>
  r.findings.filter(f => f.type === type);
const id = expect.any(String);

/** An app chart `apps/<name>` with one plain ExternalSecret in namespace `ameide`. */
const app = (
  name: string,
  es: string,
  extraTemplates: Record<string, string> = {},
  values = 'namespace: ameide\n',
) =>
  chart('apps', name, { 'externalsecret.yaml': es, ...extraTemplates }, values);

describe('findings', () => {
  it('missing-fixture: a Vault key with no fixture, reported in fixture environments only', () => {
    const r = run({
      ...fixtureRelease('orders-db: local-dev-x\n'),
      ...platformStore(),
      ...app(
        'orders',
        externalSecret({
          name: 'orders',
          data: [
            { secretKey: 'password', key: 'orders-db', property: 'value' },
            { secretKey: 'api', key: 'orders-api', property: 'value' },
          ],
        }),
      ),
    });
    expect(r.findings).toStrictEqual([
      {
        id,
        type: 'missing-fixture',
        severity: 'error',
        message:
          'Vault key "orders-api" (property "value") used by ExternalSecret orders has no fixture, so a fresh dev cluster cannot sync it.',
        subject: { kind: 'VaultKey', name: 'orders-api', property: 'value' },
        release: 'apps-orders',
        chart: 'sources/charts/apps/orders',
        environment: 'dev',
        sourceRef: {
          file: 'sources/charts/apps/orders/templates/externalsecret.yaml',
          line: 2,
        },
        proposedFix: {
          title: 'Add a fixture entry',
          actions: [`Add the key under \`fixtures:\` in ${FIXTURES}.`],
          command: '  orders-api: "placeholder-orders-api"',
        },
      },
    ]);
  });

  it('missing-fixture: coverage is per key and property', () => {
    const r = run({
      ...fixtureRelease('catalog-s3:\n  access-key: a\n  secret-key: b\n'),
      ...platformStore(),
      ...app(
        'catalog',
        externalSecret({
          name: 'catalog-s3',
          data: [
            { secretKey: 'AK', key: 'catalog-s3', property: 'access-key' },
            { secretKey: 'REGION', key: 'catalog-s3', property: 'region' },
          ],
        }),
      ),
    });
    expect(r.coverage.filter(c => c.environment === 'dev')).toStrictEqual([
      {
        key: 'catalog-s3',
        property: 'access-key',
        environment: 'dev',
        fixture: 'present',
        writers: [],
        fixtureRef: { file: FIXTURES, line: 2 },
        origin: 'external',
      },
      {
        key: 'catalog-s3',
        property: 'region',
        environment: 'dev',
        fixture: 'missing',
        writers: [],
        fixtureRef: { file: FIXTURES, line: 2 },
        origin: 'external',
      },
    ]);
    expect(only(r, 'missing-fixture')).toStrictEqual([
      expect.objectContaining({
        subject: { kind: 'VaultKey', name: 'catalog-s3', property: 'region' },
        environment: 'dev',
        proposedFix: expect.objectContaining({
          command: '  catalog-s3:\n    region: "placeholder-catalog-s3-region"',
        }),
      }),
    ]);
  });

  it('missing-fixture: a cluster-managed key is never a missing fixture; without one its coverage is not applicable', () => {
    const r = run({
      ...fixtureRelease('other: x\n'),
      ...platformStore(),
      ...app(
        'pg',
        externalSecret({
          name: 'pg-mirror',
          origin: 'cluster-managed',
          data: [{ secretKey: 'p', key: 'pg-superuser', property: 'value' }],
        }),
      ),
    });
    expect(only(r, 'missing-fixture')).toStrictEqual([]);
    expect(
      r.coverage.map(c => [c.key, c.environment, c.fixture, c.origin]),
    ).toStrictEqual([
      ['pg-superuser', 'dev', 'not-applicable', 'cluster-managed'],
      ['pg-superuser', 'production', 'not-applicable', 'cluster-managed'],
    ]);
  });

  it('missing-fixture: a cluster-managed key that has a fixture anyway shows it', () => {
    const r = run(
      {
        ...fixtureRelease('pg-superuser: local-dev\n'),
        ...platformStore(),
        ...app(
          'pg',
          externalSecret({
            name: 'pg-mirror',
            origin: 'cluster-managed',
            data: [{ secretKey: 'p', key: 'pg-superuser', property: 'value' }],
          }),
        ),
      },
      { environments: ['dev'] },
    );
    expect(
      r.coverage.map(c => [c.key, c.environment, c.fixture]),
    ).toStrictEqual([['pg-superuser', 'dev', 'present']]);
  });

  it('orphan-fixture: a fixture nobody reads, once per environment whose merged map holds it', () => {
    const r = run({
      ...fixtureRelease('used: x\nunused: y\n'),
      ...platformStore(),
      ...app(
        'orders',
        externalSecret({
          name: 'orders',
          data: [{ secretKey: 'p', key: 'used', property: 'value' }],
        }),
      ),
    });
    expect(r.findings).toStrictEqual([
      {
        id,
        type: 'orphan-fixture',
        severity: 'info',
        message:
          'Fixture "unused" is not referenced by any ExternalSecret in any environment.',
        subject: { kind: 'Fixture', name: 'unused' },
        release: 'foundation-vault-bootstrap',
        environment: 'dev',
        sourceRef: { file: FIXTURES, line: 3 },
        proposedFix: {
          title: 'Remove the fixture or wire its consumer',
          actions: [
            `Delete "unused" from ${FIXTURES}, or add the ExternalSecret that needs it.`,
          ],
        },
      },
      {
        id,
        type: 'orphan-fixture',
        severity: 'info',
        message:
          'Fixture "unused" is not referenced by any ExternalSecret in any environment.',
        subject: { kind: 'Fixture', name: 'unused' },
        release: 'foundation-vault-bootstrap',
        environment: 'production',
        sourceRef: { file: FIXTURES, line: 3 },
        proposedFix: {
          title: 'Remove the fixture or wire its consumer',
          actions: [
            `Delete "unused" from ${FIXTURES}, or add the ExternalSecret that needs it.`,
          ],
        },
      },
    ]);
  });

  it('duplicate-owner: two charts own one target Secret', () => {
    const es = externalSecret({
      name: 'kc-db',
      data: [{ secretKey: 'p', key: 'kc-db', property: 'value' }],
    });
    const r = run(
      {
        ...fixtureRelease('kc-db: x\n'),
        ...platformStore(),
        ...chart(
          'foundation',
          'platform-secrets',
          { 'es.yaml': es },
          'namespace: ameide\n',
        ),
        ...chart(
          'platform',
          'keycloak',
          { 'es.yaml': es },
          'namespace: ameide\n',
        ),
      },
      { environments: ['dev'] },
    );
    expect(r.findings).toStrictEqual([
      {
        id,
        type: 'duplicate-owner',
        severity: 'error',
        message:
          'Secret kc-db in ameide is claimed by foundation-platform-secrets and platform-keycloak.',
        subject: { kind: 'Secret', name: 'kc-db', namespace: 'ameide' },
        release: 'platform-keycloak',
        chart: 'sources/charts/platform/keycloak',
        environment: 'dev',
        sourceRef: {
          file: 'sources/charts/platform/keycloak/templates/es.yaml',
          line: 2,
        },
        proposedFix: {
          title: 'Keep one owner',
          actions: [
            'Disable the copy in all but one chart (foundation-platform-secrets, platform-keycloak), typically in the service chart that consumes it.',
          ],
        },
      },
    ]);
  });

  it('missing-producer: a consumed Secret that only a chart not installed in that environment produces', () => {
    const deploy = `
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: migrate
      spec:
        template:
          spec:
            containers:
              - name: m
                env:
                  - name: PW
                    valueFrom:
                      secretKeyRef:
                        name: threads-db
                        key: password
                  - name: OPT
                    valueFrom:
                      secretKeyRef:
                        name: maybe
                        key: x
                        optional: true
    `;
    const r = run(
      {
        ...fixtureRelease('threads-db: x\n'),
        ...platformStore(),
        ...chart(
          'apps',
          'db-migrations',
          { 'job.yaml': deploy },
          'namespace: ameide\n',
        ),
        ...app(
          'threads',
          externalSecret({
            name: 'threads-db',
            data: [{ secretKey: 'p', key: 'threads-db', property: 'value' }],
          }),
        ),
        'sources/values/env/dev/apps/apps-threads.yaml': 'enabled: false\n',
      },
      { environments: ['dev'] },
    );
    expect(r.findings).toStrictEqual([
      {
        id,
        type: 'missing-producer',
        severity: 'error',
        message:
          'Secret threads-db is consumed (secretKeyRef) by Job/migrate but nothing produces it in dev. Only release apps-threads produces it, and it is not installed in dev.',
        subject: { kind: 'Secret', name: 'threads-db', namespace: 'ameide' },
        release: 'apps-db-migrations',
        chart: 'sources/charts/apps/db-migrations',
        environment: 'dev',
        sourceRef: {
          file: 'sources/charts/apps/db-migrations/templates/job.yaml',
          line: 2,
        },
        proposedFix: {
          title: 'Produce the Secret independently of the disabled chart',
          actions: [
            'Move the ExternalSecret for threads-db into a foundation bundle installed in dev, or enable apps-threads there.',
          ],
        },
      },
    ]);
    expect(
      r.releases.find(x => x.name === 'apps-threads')?.environments,
    ).toStrictEqual([]);
  });

  it('missing-producer: every consumer form is read (envFrom, volumes, imagePullSecrets, existingSecret)', () => {
    const deploy = `
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        template:
          spec:
            imagePullSecrets:
              - name: pull
            containers:
              - name: web
                envFrom:
                  - secretRef:
                      name: env-secret
            volumes:
              - name: v
                secret:
                  secretName: vol-secret
    `;
    const r = run(
      {
        ...app(
          'web',
          '',
          { 'deploy.yaml': deploy },
          'namespace: ameide\nauth:\n  existingSecret: existing\n',
        ),
      },
      { environments: ['dev'] },
    );
    expect(
      only(r, 'missing-producer')
        .map(f => [f.subject.name, f.message.split(' but ')[0]])
        .sort(),
    ).toStrictEqual(
      [
        [
          'pull',
          'Secret pull is consumed (imagePullSecrets) by Deployment/web',
        ],
        [
          'env-secret',
          'Secret env-secret is consumed (envFrom) by Deployment/web',
        ],
        [
          'vol-secret',
          'Secret vol-secret is consumed (volume) by Deployment/web',
        ],
        [
          'existing',
          'Secret existing is consumed (existingSecret) by release apps-web',
        ],
      ].sort(),
    );
  });

  it('inline-credential in a ConfigMap: a warning for a value that looks like a credential, settings around credentials are fine', () => {
    const r = run(
      {
        'sources/manifests/notifier/config.yaml': `
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: notifier-config
          namespace: apps
        data:
          SMTP_HOST: smtp.example.net
          SMTP_USER: notifier@example.org
          SMTP_PASSWORD: "mR7#pL2qv9Xz"
          PASSWORD_MIN_LENGTH: "12"
          TOKEN_TTL: 1h
          AUTH_URL: https://auth.example.org
          AUTH_PROVIDER: github
          API_TOKEN: "\${API_TOKEN}"
      `,
      },
      { environments: ['dev'] },
    );
    expect(
      r.findings.map(f => [
        f.type,
        f.severity,
        f.subject.kind,
        f.subject.name,
        f.subject.property,
        f.sourceRef?.line,
      ]),
    ).toStrictEqual([
      [
        'inline-credential',
        'warning',
        'ConfigMap',
        'notifier-config',
        'SMTP_PASSWORD',
        9,
      ],
    ]);
  });

  it('inline-credential: literal credential values, but not templates or ${VAR}', () => {
    const r = run(
      {
        'sources/manifests/legacy/smtp.yaml': `
        apiVersion: v1
        kind: Secret
        metadata:
          name: smtp
          namespace: legacy
        stringData:
          username: relay
          password: hunter2-literal
          token: "\${SMTP_TOKEN}"
          apiKey: "{{ .Values.apiKey }}"
      `,
      },
      { environments: ['dev'] },
    );
    expect(r.findings).toStrictEqual([
      {
        id,
        type: 'inline-credential',
        severity: 'error',
        message:
          'Secret smtp holds a literal value for credential-like key "password" in Git.',
        subject: {
          kind: 'Secret',
          name: 'smtp',
          namespace: 'legacy',
          property: 'password',
        },
        release: 'legacy',
        sourceRef: { file: 'sources/manifests/legacy/smtp.yaml', line: 8 },
        proposedFix: {
          title: 'Move the credential to Vault',
          actions: [
            'Store the value in Vault, add a fixture for dev/CI, and replace the Secret with a chart-owned ExternalSecret.',
          ],
        },
      },
    ]);
  });

  it('sealed-secret: a SealedSecret in Git', () => {
    const r = run(
      {
        'sources/manifests/legacy/pull.yaml': `
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata:
          name: registry-pull
          namespace: legacy
        spec:
          encryptedData:
            .dockerconfigjson: AgBy3i4OJSWK
      `,
      },
      { environments: ['dev'] },
    );
    expect(r.findings).toStrictEqual([
      {
        id,
        type: 'sealed-secret',
        severity: 'warning',
        message:
          'SealedSecret registry-pull keeps an encrypted credential in Git, outside Vault and the fixture map.',
        subject: { kind: 'Secret', name: 'registry-pull', namespace: 'legacy' },
        release: 'legacy',
        sourceRef: { file: 'sources/manifests/legacy/pull.yaml', line: 1 },
        proposedFix: {
          title: 'Migrate to Vault + ExternalSecret',
          actions: [
            'Write the value to Vault, add a fixture, and replace the SealedSecret with a chart-owned ExternalSecret.',
          ],
        },
      },
    ]);
  });

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

  it('unevaluable-template: a template that cannot be evaluated is a finding with file:line; other templates still render', () => {
    const r = run(
      {
        ...fixtureRelease('k: x\n'),
        ...platformStore(),
        ...app(
          'c',
          externalSecret({
            name: 'c',
            data: [{ secretKey: 'a', key: 'k', property: 'value' }],
          }),
          {
            'deployment.yaml':
              'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: c\n  tag: {{ required "image.tag is required" .Values.image.tag }}\n',
          },
        ),
      },
      { environments: ['dev'] },
    );
    expect(r.findings).toStrictEqual([
      {
        id,
        type: 'unevaluable-template',
        severity: 'error',
        message:
          'Template could not be evaluated for dev: nil pointer evaluating interface {}.tag.',
        subject: {
          kind: 'File',
          name: 'sources/charts/apps/c/templates/deployment.yaml',
        },
        release: 'apps-c',
        chart: 'sources/charts/apps/c',
        environment: 'dev',
        sourceRef: {
          file: 'sources/charts/apps/c/templates/deployment.yaml',
          line: 5,
        },
        proposedFix: {
          title: 'Fix or simplify the template',
          actions: [
            'Open sources/charts/apps/c/templates/deployment.yaml:5; the rest of the repository was still analysed.',
          ],
        },
      },
    ]);
    expect(r.externalSecrets.map(e => e.name)).toStrictEqual(['c']);
  });

  it('unevaluable-template: lookup is reported as unknown at render (info)', () => {
    const r = run(
      {
        ...app('l', '', {
          'secret.yaml':
            'apiVersion: v1\nkind: Secret\nmetadata:\n  name: l\ndata:\n  token: {{ (lookup "v1" "Secret" "ameide" "l").data.token }}\n',
        }),
      },
      { environments: ['dev'] },
    );
    expect(r.findings).toStrictEqual([
      expect.objectContaining({
        type: 'unevaluable-template',
        severity: 'info',
        message:
          'Template uses a value only known at install time: `lookup` reads the live cluster and is unknown at render time.',
        sourceRef: {
          file: 'sources/charts/apps/l/templates/secret.yaml',
          line: 6,
        },
      }),
    ]);
  });

  it('invalid-yaml: a broken values file is a finding with file:line, and the rest is still analysed', () => {
    const r = run(
      {
        ...fixtureRelease('k: x\n'),
        ...platformStore(),
        ...app(
          's',
          externalSecret({
            name: 's',
            data: [{ secretKey: 'a', key: 'k', property: 'value' }],
          }),
        ),
        'sources/values/env/dev/apps/apps-s.yaml':
          'replicas: 2\nresources:\n  limits:\n cpu: 1\n   memory: 1Gi\n',
        'sources/manifests/broken/x.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n',
      },
      { environments: ['dev'] },
    );
    expect(
      r.findings.map(f => [f.type, f.sourceRef, f.environment]),
    ).toStrictEqual([
      [
        'invalid-yaml',
        { file: 'sources/manifests/broken/x.yaml', line: 3 },
        undefined,
      ],
      [
        'invalid-yaml',
        { file: 'sources/values/env/dev/apps/apps-s.yaml', line: 4 },
        'dev',
      ],
    ]);
    expect(only(r, 'invalid-yaml')[1]).toStrictEqual({
      id,
      type: 'invalid-yaml',
      severity: 'error',
      message: expect.stringMatching(
        /^YAML could not be evaluated for dev: invalid YAML: [a-z ]+\.$/,
      ),
      subject: {
        kind: 'File',
        name: 'sources/values/env/dev/apps/apps-s.yaml',
      },
      release: 'apps-s',
      chart: 'sources/charts/apps/s',
      environment: 'dev',
      sourceRef: { file: 'sources/values/env/dev/apps/apps-s.yaml', line: 4 },
      proposedFix: {
        title: 'Fix the YAML',
        actions: [
          'Open sources/values/env/dev/apps/apps-s.yaml:4; the rest of the repository was still analysed.',
        ],
      },
    });
    expect(r.externalSecrets.map(e => e.name)).toStrictEqual(['s']);
  });

  it('invalid-yaml: a template whose output is not YAML points at the template and the output line', () => {
    const r = run(
      {
        ...app(
          'o',
          'apiVersion: v1\nkind: ConfigMap\ndata: {{ .Values.broken }}\n',
          {},
          'broken: "[a"\n',
        ),
      },
      { environments: ['dev'] },
    );
    expect(r.findings).toStrictEqual([
      expect.objectContaining({
        type: 'invalid-yaml',
        message: expect.stringMatching(
          /^YAML could not be evaluated for dev: rendered output is not valid YAML at line 3 of the output \([a-z ]+\)\.$/,
        ),
        sourceRef: {
          file: 'sources/charts/apps/o/templates/externalsecret.yaml',
          line: 1,
        },
      }),
    ]);
  });

  it('invalid-yaml: a broken Chart.yaml is reported, and the chart is still rendered under its directory name', () => {
    const r = run(
      {
        ...app(
          'c',
          externalSecret({
            name: 'c',
            data: [{ secretKey: 'a', key: 'k', property: 'value' }],
          }),
        ),
        'sources/charts/apps/c/Chart.yaml': 'apiVersion: v2\nname: [c\n',
      },
      { environments: ['dev'] },
    );
    expect(only(r, 'invalid-yaml')).toStrictEqual([
      expect.objectContaining({
        chart: 'sources/charts/apps/c',
        sourceRef: { file: 'sources/charts/apps/c/Chart.yaml', line: 2 },
      }),
    ]);
    expect(r.externalSecrets.map(e => [e.name, e.release])).toStrictEqual([
      ['c', 'apps-c'],
    ]);
  });

  it('invalid-yaml: a values file that is not a map is reported, not silently ignored', () => {
    const r = run(
      {
        ...app('s', ''),
        'sources/values/_shared/apps/apps-s.yaml': '- a\n- b\n',
      },
      { environments: ['dev'] },
    );
    expect(r.findings).toStrictEqual([
      expect.objectContaining({
        type: 'invalid-yaml',
        message:
          'YAML could not be evaluated for dev: values file is not a map of values and was ignored.',
        sourceRef: { file: 'sources/values/_shared/apps/apps-s.yaml', line: 1 },
      }),
    ]);
  });

  it('invalid-yaml: duplicate keys in a values file and a manifest, one finding per repeated key with its line', () => {
    const r = run(
      {
        ...fixtureRelease('orders-db: local-dev\n'),
        ...platformStore(),
        ...app(
          'orders',
          externalSecret({
            name: 'orders',
            data: [{ secretKey: 'p', key: 'orders-db', property: 'value' }],
          }),
        ),
        'sources/values/_shared/apps/apps-orders.yaml':
          'replicas: 1\nnamespace: ameide\nreplicas: 2\nnamespace: other\n',
        'sources/manifests/apps/cm.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n',
      },
      { environments: ['dev'] },
    );
    expect(
      only(r, 'invalid-yaml').map(f => [f.message, f.environment, f.sourceRef]),
    ).toStrictEqual([
      [
        'YAML could not be evaluated: invalid YAML: duplicate mapping key (first at line 4); the later value silently replaces the earlier one.',
        undefined,
        { file: 'sources/manifests/apps/cm.yaml', line: 5 },
      ],
      [
        'YAML could not be evaluated for dev: invalid YAML: duplicate mapping key (first at line 1); the later value silently replaces the earlier one.',
        'dev',
        { file: 'sources/values/_shared/apps/apps-orders.yaml', line: 3 },
      ],
      [
        'YAML could not be evaluated for dev: invalid YAML: duplicate mapping key (first at line 2); the later value silently replaces the earlier one.',
        'dev',
        { file: 'sources/values/_shared/apps/apps-orders.yaml', line: 4 },
      ],
    ]);
    // the file is still read: the later namespace wins
    expect(r.externalSecrets.map(e => e.namespace)).toStrictEqual(['other']);
  });

  it('invalid-yaml: a duplicate key in the fixture map is reported; its later value is the one read', () => {
    const r = run(
      {
        ...fixtureRelease('orders-db: local-dev\norders-db: ""\n'),
        ...platformStore(),
        ...app(
          'orders',
          externalSecret({
            name: 'orders',
            data: [{ secretKey: 'p', key: 'orders-db', property: 'value' }],
          }),
        ),
      },
      { environments: ['dev'] },
    );
    expect(only(r, 'invalid-yaml').map(f => f.sourceRef)).toStrictEqual([
      { file: FIXTURES, line: 3 },
    ]);
    expect(r.coverage.map(c => [c.fixture, c.fixtureRef])).toStrictEqual([
      ['empty-override', { file: FIXTURES, line: 3 }],
    ]);
  });

  it('empty-production-override: production override left empty with no writer', () => {
    const r = run({
      ...fixtureRelease(
        'orders-db: local-dev\npayments-db: local-dev\n',
        'orders-db: ""\npayments-db: ""\n',
      ),
      ...platformStore(),
      ...app(
        'orders',
        externalSecret({
          name: 'orders',
          data: [{ secretKey: 'a', key: 'orders-db', property: 'value' }],
        }),
      ),
      ...app(
        'payments',
        externalSecret({
          name: 'payments',
          data: [{ secretKey: 'a', key: 'payments-db', property: 'value' }],
        }),
        {},
        'namespace: ameide\nsecretWriters:\n  - key: payments-db\n    writer: azure-key-vault-sync\n',
      ),
    });
    expect(r.findings).toStrictEqual([
      {
        id,
        type: 'empty-production-override',
        severity: 'error',
        message:
          'The production fixture override of "orders-db" is empty ("must be provided for real"), but no writer (external sync, job, PushSecret) provides it.',
        subject: { kind: 'VaultKey', name: 'orders-db', property: 'value' },
        release: 'apps-orders',
        chart: 'sources/charts/apps/orders',
        environment: 'production',
        sourceRef: {
          file: 'sources/values/env/production/foundation/foundation-vault-bootstrap.yaml',
          line: 2,
        },
        proposedFix: {
          title: 'Declare the real writer',
          actions: [
            'Declare the writer of "orders-db" under `secretWriters:` in the values of the release that writes it, or seed it in production Vault through the external key vault sync.',
          ],
        },
      },
    ]);
    expect(
      r.coverage
        .filter(c => c.environment === 'production')
        .map(c => [c.key, c.fixture, c.writers]),
    ).toStrictEqual([
      ['orders-db', 'empty-override', []],
      ['payments-db', 'empty-override', ['azure-key-vault-sync']],
    ]);
  });

  it('placeholder-in-vault: a production override that sets a placeholder where the real value belongs', () => {
    const r = run({
      ...fixtureRelease(
        'orders-db: local-dev\npayments-db: local-dev\n',
        'orders-db: changeme\npayments-db: ""\n',
      ),
      ...platformStore(),
      ...app(
        'orders',
        externalSecret({
          name: 'orders',
          data: [{ secretKey: 'a', key: 'orders-db', property: 'value' }],
        }),
      ),
      ...app(
        'payments',
        externalSecret({
          name: 'payments',
          data: [{ secretKey: 'a', key: 'payments-db', property: 'value' }],
        }),
        {},
        'namespace: ameide\nsecretWriters:\n  - key: payments-db\n    writer: azure-key-vault-sync\n',
      ),
    });
    // the shared placeholder of dev is no production override; only the production file's is
    expect(
      only(r, 'placeholder-in-vault').map(f => [
        f.severity,
        f.environment,
        f.subject.name,
        f.sourceRef?.file,
      ]),
    ).toStrictEqual([
      [
        'warning',
        'production',
        'orders-db',
        'sources/values/env/production/foundation/foundation-vault-bootstrap.yaml',
      ],
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
