/*
 * Secrets handed from one producer to another are not competing owners: a
 * bootstrap Secret of secret-manager references taken over by an
 * ExternalSecret, and an ExternalSecret that seeds once (CreatedOnce) the
 * Secret cert-manager then renews.
 */
import { fileTree } from '../__testUtils__/fileTree';
import { analyze } from './analyze';

const run = (files: Record<string, string>) =>
  analyze(fileTree(files), { environments: ['dev'] });
const owners = (r: ReturnType<typeof analyze>) =>
  r.findings
    .filter(
      f =>
        f.type === 'duplicate-owner' ||
        f.type === 'vault-drives-cluster-managed' ||
        f.type === 'inline-credential',
    )
    .map(f => [f.type, f.subject.name]);

const store = `
  apiVersion: external-secrets.io/v1
  kind: ClusterSecretStore
  metadata: { name: onepassword }
  spec:
    provider:
      onepassword: { connectHost: http://connect:8080 }
`;

describe('handover between producers', () => {
  it('a bootstrap Secret of op:// references and the ExternalSecret that takes it over', () => {
    const r = run({
      'platform/store.yaml': store,
      'bootstrap/secrets/secret.yaml': `
        apiVersion: v1
        kind: Secret
        metadata: { name: connect-token, namespace: eso }
        stringData:
          token: |-
            op://kubernetes/1password/OP_CONNECT_TOKEN
      `,
      'apps/eso/externalsecret.yaml': `
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: { name: connect-token, namespace: eso }
        spec:
          secretStoreRef: { kind: ClusterSecretStore, name: onepassword }
          target: { name: connect-token }
          data:
            - secretKey: token
              remoteRef: { key: 1password, property: OP_CONNECT_TOKEN }
      `,
    });
    expect(owners(r)).toStrictEqual([]);
  });

  it('a literal Secret and an ExternalSecret for the same name still compete', () => {
    const r = run({
      'platform/store.yaml': store,
      'bootstrap/secrets/secret.yaml': `
        apiVersion: v1
        kind: Secret
        metadata: { name: connect-token, namespace: eso }
        stringData: { region: eu-west-1 }
      `,
      'apps/eso/externalsecret.yaml': `
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: { name: connect-token, namespace: eso }
        spec:
          secretStoreRef: { kind: ClusterSecretStore, name: onepassword }
          target: { name: connect-token }
          data:
            - secretKey: token
              remoteRef: { key: 1password, property: token }
      `,
    });
    expect(owners(r)).toStrictEqual([['duplicate-owner', 'connect-token']]);
  });

  it('an ExternalSecret seeding a certificate once, then renewed by cert-manager', () => {
    const certificate = `
      apiVersion: cert-manager.io/v1
      kind: Certificate
      metadata: { name: wildcard, namespace: network }
      spec: { secretName: wildcard-tls, dnsNames: ['*.example.com'] }
    `;
    const importer = (policy: string) => `
      apiVersion: external-secrets.io/v1
      kind: ExternalSecret
      metadata: { name: wildcard-tls, namespace: network }
      spec:
        ${policy}
        secretStoreRef: { kind: ClusterSecretStore, name: onepassword }
        target: { name: wildcard-tls, creationPolicy: Orphan }
        dataFrom:
          - extract: { key: wildcard-tls }
    `;
    expect(
      owners(
        run({
          'platform/store.yaml': store,
          'network/certificates/export/certificate.yaml': certificate,
          'network/certificates/import/externalsecret.yaml': importer(
            'refreshPolicy: CreatedOnce',
          ),
        }),
      ),
    ).toStrictEqual([]);
    // refreshed from the store while cert-manager renews it: two authorities
    expect(
      owners(
        run({
          'platform/store.yaml': store,
          'network/certificates/export/certificate.yaml': certificate,
          'network/certificates/import/externalsecret.yaml': importer(
            'refreshInterval: 1h',
          ),
        }),
      ),
    ).toStrictEqual([['vault-drives-cluster-managed', 'wildcard-tls']]);
    expect(
      run({
        'platform/store.yaml': store,
        'network/certificates/export/certificate.yaml': certificate,
        'network/certificates/import/externalsecret.yaml': importer(
          'refreshInterval: 1h',
        ),
      }).findings[0].message,
    ).toBe(
      'Secret wildcard-tls is produced in the cluster by export, and an ExternalSecret of import also writes it from 1Password Connect.',
    );
  });
});

describe('one object in several files', () => {
  it('a raw manifest patched by Kustomize components is one owner, two objects are two', () => {
    const kafka = (file: string) => `
      apiVersion: kafka.strimzi.io/v1beta2
      kind: Kafka
      metadata: { name: events, namespace: kafka }
      spec: { kafka: { replicas: ${file === 'base' ? 1 : 3} } }
    `;
    expect(
      owners(
        run({
          'platform/kafka/base/cluster.yaml': kafka('base'),
          'platform/kafka/components/ha/cluster-patch.yaml': kafka('ha'),
        }),
      ),
    ).toStrictEqual([]);
    const es = (name: string) => `
      apiVersion: external-secrets.io/v1
      kind: ExternalSecret
      metadata: { name: ${name}, namespace: apps }
      spec:
        secretStoreRef: { kind: ClusterSecretStore, name: onepassword }
        target: { name: shared }
        dataFrom: [{ extract: { key: shared } }]
    `;
    expect(
      owners(
        run({
          'platform/store.yaml': store,
          'apps/one/es.yaml': es('one'),
          'apps/two/es.yaml': es('two'),
        }),
      ),
    ).toStrictEqual([['duplicate-owner', 'shared']]);
  });
});
