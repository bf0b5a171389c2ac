/*
 * A ClusterSecretStore whose conditions admit namespaces by label: judged
 * on the labels of the Namespace objects the repository declares (a refusal
 * is a warning: labels can also be set outside the repository); a namespace
 * it does not declare is reported at info, never as an error.
 */
import type { SecretsReport } from '@ameideio/plugin-secrets-common';
import { fileTree } from '../../__testUtils__/fileTree';
import { analyze } from '../analyze';

const store = `apiVersion: external-secrets.io/v1
kind: ClusterSecretStore
metadata:
  name: shared
spec:
  conditions:
    - namespaces: [legacy]
    - namespaceSelector:
        matchLabels:
          shared-secrets: allowed
  provider:
    vault:
      server: https://vault.example.test
      path: kv
      version: v2
`;
const namespace = (name: string, labels = '') =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${
    labels ? `  labels:\n    ${labels}\n` : ''
  }`;
const es = (name: string, ns: string) => `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  secretStoreRef:
    kind: ClusterSecretStore
    name: shared
  target:
    name: ${name}
  data:
    - secretKey: key
      remoteRef:
        key: partners/${name}
        property: key
`;
const unserved = (r: SecretsReport) =>
  r.findings
    .filter(f => f.type === 'unserved-store')
    .map(f => [f.severity, f.subject.namespace, f.message]);

describe('unserved-store: conditions.namespaceSelector', () => {
  const r = analyze(
    fileTree({
      'manifests/store.yaml': store,
      'manifests/namespaces.yaml': [
        namespace('vetted', 'shared-secrets: allowed'),
        namespace('other', 'team: other'),
        namespace('legacy'),
      ].join('---\n'),
      'manifests/es.yaml': [
        es('a', 'vetted'),
        es('b', 'other'),
        es('c', 'legacy'),
        es('d', 'elsewhere'),
      ].join('---\n'),
    }),
  );

  it('admits a declared namespace with the labels, refuses one without them', () => {
    expect(unserved(r)).toContainEqual([
      'warning',
      'other',
      'ExternalSecret b uses ClusterSecretStore/shared, but its conditions do not admit namespace other (the labels of Namespace other as the repository declares it do not match its namespaceSelector; labels set outside the repository are not seen).',
    ]);
    expect(unserved(r).map(u => u[1])).not.toContain('vetted');
    // another condition (by name) admits it: conditions are ORed
    expect(unserved(r).map(u => u[1])).not.toContain('legacy');
  });

  it('says at info that it cannot tell for a namespace the repository does not declare', () => {
    expect(unserved(r)).toContainEqual([
      'info',
      'elsewhere',
      'ExternalSecret d uses ClusterSecretStore/shared, but its conditions admit namespaces by label (conditions.namespaceSelector) and namespace elsewhere is not declared in the repository, so whether the store serves it is not evaluated.',
    ]);
    expect(unserved(r)).toHaveLength(2);
  });
});

describe('unserved-store: the ExternalSecrets a ClusterExternalSecret writes', () => {
  it('checks the store for each namespace the ClusterExternalSecret reaches', () => {
    const ces = `apiVersion: external-secrets.io/v1
kind: ClusterExternalSecret
metadata:
  name: partner
spec:
  externalSecretName: partner
  namespaces: [vetted]
  namespaceSelectors:
    - matchLabels:
        team: other
  externalSecretSpec:
    secretStoreRef:
      kind: ClusterSecretStore
      name: shared
    target:
      name: partner
    data:
      - secretKey: key
        remoteRef:
          key: partners/partner
          property: key
`;
    const r = analyze(
      fileTree({
        'manifests/store.yaml': store,
        'manifests/namespaces.yaml': [
          namespace('vetted', 'shared-secrets: allowed'),
          namespace('other', 'team: other'),
        ].join('---\n'),
        'manifests/ces.yaml': ces,
      }),
    );
    expect(unserved(r)).toStrictEqual([
      [
        'warning',
        'other',
        'ClusterExternalSecret partner (its ExternalSecret in namespace other) uses ClusterSecretStore/shared, but its conditions do not admit namespace other (the labels of Namespace other as the repository declares it do not match its namespaceSelector; labels set outside the repository are not seen).',
      ],
    ]);
  });
});

const files = (labels: string, declare = true) =>
  fileTree({
    'deploy/store.yaml': `
      apiVersion: external-secrets.io/v1
      kind: ClusterSecretStore
      metadata: { name: vault-production }
      spec:
        conditions:
          - namespaceSelector:
              matchLabels: { tier: production }
        provider:
          vault: { server: https://vault.example.test, path: kv, version: v2 }
    `,
    ...(declare
      ? {
          'deploy/ns.yaml': `
            apiVersion: v1
            kind: Namespace
            metadata: { name: identity, labels: ${labels} }
          `,
        }
      : {}),
    'deploy/es.yaml': `
      apiVersion: external-secrets.io/v1
      kind: ExternalSecret
      metadata: { name: admin, namespace: identity }
      spec:
        secretStoreRef: { kind: ClusterSecretStore, name: vault-production }
        target: { name: admin }
        data:
          - secretKey: password
            remoteRef: { key: identity/admin, property: password }
    `,
  });

const unservedOf = (t: ReturnType<typeof files>) =>
  analyze(t, {}).findings.filter(f => f.type === 'unserved-store');

describe('unserved-store: a store admitting by label only', () => {
  it('a declared Namespace whose labels do not match: a warning that says why', () => {
    const found = unservedOf(files('{ team: platform }'));
    expect(found.map(f => [f.severity, f.subject.name])).toStrictEqual([
      ['warning', 'vault-production'],
    ]);
    expect(found[0].message).toContain(
      'the labels of Namespace identity as the repository declares it do not match its namespaceSelector',
    );
  });

  it('a declared Namespace whose labels match: admitted; a namespace the repository does not declare: info', () => {
    expect(unservedOf(files('{ tier: production }'))).toStrictEqual([]);
    expect(
      unservedOf(files('{}', false)).map(f => [f.severity, f.subject.name]),
    ).toStrictEqual([['info', 'vault-production']]);
  });
});
