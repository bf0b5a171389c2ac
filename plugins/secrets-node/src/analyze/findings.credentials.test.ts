/*
 * One test per finding type (credentials in Git, and placeholders where real values belong), each on the smallest repository that
 * produces it, asserting the whole finding.
 */
import { externalSecret } from '../__testUtils__/fileTree';
import { fixtureRelease, platformStore } from '../__testUtils__/repo';
import { run, only, id, app } from './__testUtils__/findings';

describe('findings', () => {
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
});
