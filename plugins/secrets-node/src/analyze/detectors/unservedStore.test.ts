/*
 * unserved-store and a ClusterSecretStore's namespaceSelector: matched
 * against the labels of the Namespace the repository declares (a warning:
 * labels can be set outside the repository); a namespace it does not
 * declare is admitted.
 */
import { fileTree } from '../../__testUtils__/fileTree';
import { analyze } from '../analyze';

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

const unserved = (t: ReturnType<typeof files>) =>
  analyze(t, {}).findings.filter(f => f.type === 'unserved-store');

describe('namespaceSelector conditions', () => {
  it('a declared Namespace whose labels do not match: a warning that says why', () => {
    const found = unserved(files('{ team: platform }'));
    expect(found.map(f => [f.severity, f.subject.name])).toStrictEqual([
      ['warning', 'vault-production'],
    ]);
    expect(found[0].message).toContain(
      'the labels of Namespace identity as the repository declares it do not match its namespaceSelector',
    );
  });

  it('a declared Namespace whose labels match, or a namespace the repository does not declare: admitted', () => {
    expect(unserved(files('{ tier: production }'))).toStrictEqual([]);
    expect(unserved(files('{}', false))).toStrictEqual([]);
  });
});
