import {
  chart,
  clusterStore,
  dedent,
  fileTree,
} from '../__testUtils__/fileTree';
import { fixtureRelease, platformStore } from '../__testUtils__/repo';
import {
  externalSecretsTemplate,
  secretsEnabledValues,
} from '../__testUtils__/templates';
import { analyze } from './analyze';

describe('ExternalSecret extraction', () => {
  it('reads map and string remoteRef forms from values-driven templates', () => {
    const r = analyze(
      fileTree({
        ...fixtureRelease('orders-db: x\norders-s3:\n  access-key: a\n'),
        ...platformStore(),
        ...chart(
          'apps',
          'orders',
          { 'es.yaml': externalSecretsTemplate() },
          secretsEnabledValues +
            dedent(`
          namespace: ameide
          externalSecrets:
            - name: orders-db
              data:
                - secretKey: password
                  remoteRef: orders-db
            - name: orders-s3
              target: orders-object-store
              data:
                - secretKey: AWS_ACCESS_KEY_ID
                  remoteRef:
                    key: orders-s3
                    property: access-key
        `),
        ),
      }),
      { environments: ['dev'] },
    );
    expect(r.externalSecrets).toStrictEqual([
      {
        kind: 'ExternalSecret',
        apiVersion: 'external-secrets.io/v1',
        name: 'orders-db',
        namespace: 'ameide',
        storeRef: { kind: 'ClusterSecretStore', name: 'vault' },
        targetSecret: 'orders-db',
        refreshInterval: '1h',
        creationPolicy: 'Owner',
        keys: [
          {
            key: 'orders-db',
            property: 'value',
            secretKey: 'password',
            via: 'data',
            origin: 'external',
          },
        ],
        release: 'apps-orders',
        chart: 'sources/charts/apps/orders',
        environment: 'dev',
        origin: 'external',
        sourceRef: {
          file: 'sources/charts/apps/orders/templates/es.yaml',
          line: 5,
        },
        provider: 'vault',
      },
      expect.objectContaining({
        name: 'orders-s3',
        targetSecret: 'orders-object-store',
        keys: [
          {
            key: 'orders-s3',
            property: 'access-key',
            secretKey: 'AWS_ACCESS_KEY_ID',
            via: 'data',
            origin: 'external',
          },
        ],
      }),
    ]);
    expect(r.coverage.map(c => [c.key, c.property, c.fixture])).toStrictEqual([
      ['orders-db', 'value', 'present'],
      ['orders-s3', 'access-key', 'present'],
    ]);
    expect(r.findings).toStrictEqual([]);
  });

  it('reads v1beta1, dataFrom.extract/find, ClusterExternalSecret and PushSecret (a writer)', () => {
    const r = analyze(
      fileTree({
        ...fixtureRelease('bundle:\n  a: x\n  b: y\napp-one: x\n'),
        ...platformStore(),
        'sources/manifests/shared/es.yaml': `
          apiVersion: external-secrets.io/v1beta1
          kind: ExternalSecret
          metadata:
            name: bundle
            namespace: shared
          spec:
            refreshInterval: 15m
            secretStoreRef:
              kind: ClusterSecretStore
              name: vault
            target:
              name: bundle
            dataFrom:
              - extract:
                  key: secret/data/bundle
              - find:
                  name:
                    regexp: ^app-
          ---
          apiVersion: external-secrets.io/v1
          kind: ClusterExternalSecret
          metadata:
            name: registry
          spec:
            namespaceSelectors:
              - matchLabels: { registry: "true" }
            externalSecretSpec:
              secretStoreRef:
                kind: ClusterSecretStore
                name: vault
              target:
                name: registry-pull
              data:
                - secretKey: token
                  remoteRef:
                    key: registry-token
                    property: value
          ---
          apiVersion: external-secrets.io/v1alpha1
          kind: PushSecret
          metadata:
            name: push-client
            namespace: shared
          spec:
            secretStoreRefs:
              - kind: ClusterSecretStore
                name: vault
            selector:
              secret:
                name: keycloak-client
            data:
              - match:
                  secretKey: client-secret
                  remoteRef:
                    remoteKey: registry-token
                    property: value
        `,
      }),
      { environments: ['dev'] },
    );
    expect(
      r.externalSecrets.map(e => [
        e.kind,
        e.apiVersion,
        e.name,
        e.targetSecret,
        e.refreshInterval,
        e.keys,
      ]),
    ).toStrictEqual([
      [
        'ExternalSecret',
        'external-secrets.io/v1beta1',
        'bundle',
        'bundle',
        '15m',
        [
          { key: 'bundle', via: 'dataFrom.extract', origin: 'external' },
          { key: '^app-', via: 'dataFrom.find', origin: 'external' },
        ],
      ],
      [
        'ClusterExternalSecret',
        'external-secrets.io/v1',
        'registry',
        'registry-pull',
        '1h',
        [
          {
            key: 'registry-token',
            property: 'value',
            secretKey: 'token',
            via: 'data',
            origin: 'external',
          },
        ],
      ],
      [
        'PushSecret',
        'external-secrets.io/v1alpha1',
        'push-client',
        'keycloak-client',
        undefined,
        [
          {
            key: 'registry-token',
            property: 'value',
            secretKey: 'client-secret',
            via: 'data',
            origin: 'service-generated',
          },
        ],
      ],
    ]);
    expect(
      r.coverage.map(c => [c.key, c.property, c.fixture, c.writers]),
    ).toStrictEqual([
      ['bundle', '*', 'present', []],
      ['registry-token', 'value', 'other-writer', ['PushSecret/push-client']],
    ]);
    // app-one is matched by dataFrom.find: not an orphan; the only finding
    // is the Secret the PushSecret pushes, which nothing here produces
    expect(
      r.findings.map(f => [f.type, f.severity, f.subject.name]),
    ).toStrictEqual([['missing-producer', 'warning', 'keycloak-client']]);
  });

  it('real-world repositories: raw YAML, other providers, no fixture map -> coverage not applicable, not missing', () => {
    const r = analyze(
      fileTree({
        'clusters/production/apps/podinfo/externalsecret.yaml': `
          apiVersion: external-secrets.io/v1beta1
          kind: ExternalSecret
          metadata:
            name: podinfo
            namespace: podinfo
          spec:
            secretStoreRef:
              kind: ClusterSecretStore
              name: onepassword
            target:
              name: podinfo-secret
            data:
              - secretKey: token
                remoteRef:
                  key: podinfo
                  property: token
        `,
        'infrastructure/stores/onepassword.yaml': `
          apiVersion: external-secrets.io/v1beta1
          kind: ClusterSecretStore
          metadata:
            name: onepassword
          spec:
            provider:
              onepassword:
                connectHost: http://onepassword-connect:8080
                vaults:
                  homelab: 1
          ---
          apiVersion: external-secrets.io/v1
          kind: SecretStore
          metadata:
            name: k8s
            namespace: podinfo
          spec:
            provider:
              kubernetes:
                remoteNamespace: source
                server:
                  caProvider: { type: ConfigMap, name: kube-root-ca.crt, key: ca.crt }
        `,
        'clusters/production/apps/podinfo/copied.yaml': `
          apiVersion: external-secrets.io/v1
          kind: ExternalSecret
          metadata:
            name: copied
            namespace: podinfo
          spec:
            secretStoreRef:
              kind: SecretStore
              name: k8s
            target:
              name: copied
            dataFrom:
              - extract:
                  key: source-secret
        `,
      }),
      { environments: ['production'] },
    );
    expect(r.fixtureMap).toStrictEqual({ present: false, files: [] });
    expect(
      r.externalSecrets.map(e => [e.name, e.release, e.storeRef.name]),
    ).toStrictEqual([
      ['copied', 'podinfo', 'k8s'],
      ['podinfo', 'podinfo', 'onepassword'],
    ]);
    expect(r.coverage).toStrictEqual([
      {
        key: 'source-secret',
        property: '*',
        environment: 'production',
        fixture: 'not-applicable',
        writers: [],
        origin: 'external',
      },
      {
        key: 'podinfo',
        property: 'token',
        environment: 'production',
        fixture: 'not-applicable',
        writers: [],
        origin: 'external',
      },
    ]);
    // the kubernetes provider reads Secret source-secret of namespace source: a consumer
    // of a Secret the repository does not produce, which is only worth an info
    expect(
      r.findings.map(f => [
        f.type,
        f.severity,
        f.subject.name,
        f.subject.namespace,
      ]),
    ).toStrictEqual([['missing-producer', 'info', 'source-secret', 'source']]);
    expect(r.externalSecrets.map(e => e.provider)).toStrictEqual([
      'kubernetes',
      'onepassword',
    ]);
  });

  it('ClusterSecretStore declared once serves every environment when its file has no environment folder', () => {
    const r = analyze(fileTree({ 'infra/store.yaml': clusterStore('vault') }), {
      environments: ['dev', 'staging'],
    });
    expect(r.findings).toStrictEqual([]);
  });
});
