/*
 * ExternalSecrets whose creationPolicy never creates their target (Merge,
 * None) are not producers of it: a reader of a Secret only they write is
 * missing its producer, and the finding says why.
 */
import { fileTree } from '../../__testUtils__/fileTree';
import { analyze } from '../analyze';

const externalSecret = (name: string, policy: string) => `
  apiVersion: external-secrets.io/v1
  kind: ExternalSecret
  metadata: { name: ${name}, namespace: apps }
  spec:
    secretStoreRef: { kind: ClusterSecretStore, name: vault }
    target: { name: app-env, creationPolicy: ${policy} }
    data:
      - secretKey: TOKEN
        remoteRef: { key: apps/token, property: token }
`;

const files = (policy: string, base = '') => ({
  'deploy/store.yaml': `
    apiVersion: external-secrets.io/v1
    kind: ClusterSecretStore
    metadata: { name: vault }
    spec:
      provider:
        vault: { server: https://vault.example.test, path: kv, version: v2 }
  `,
  'deploy/es.yaml': externalSecret('app-extra', policy),
  'deploy/deploy.yaml': `
    apiVersion: apps/v1
    kind: Deployment
    metadata: { name: app, namespace: apps }
    spec:
      template:
        spec:
          containers:
            - name: app
              image: app
              envFrom:
                - secretRef: { name: app-env }
  `,
  ...(base ? { 'deploy/base.yaml': base } : {}),
});

const missing = (f: Record<string, string>) =>
  analyze(fileTree(f), {}).findings.filter(x => x.type === 'missing-producer');

describe('creationPolicy and producers', () => {
  it.each(['Owner', 'Orphan'])('creationPolicy %s creates the Secret', p => {
    expect(missing(files(p))).toStrictEqual([]);
  });

  it.each(['Merge', 'None'])(
    'creationPolicy %s alone leaves the reader without a producer, and says so',
    p => {
      const found = missing(files(p));
      expect(found.map(f => [f.severity, f.subject.name])).toStrictEqual([
        ['warning', 'app-env'],
      ]);
      expect(found[0].message).toContain(
        `ExternalSecret/app-extra (creationPolicy: ${p}) targets it, but creationPolicy Merge and None never create the Secret`,
      );
    },
  );

  it('Merge into a Secret another producer creates is fine', () => {
    const base = `
      apiVersion: v1
      kind: Secret
      metadata: { name: app-env, namespace: apps }
      stringData: { LOG_LEVEL: info }
    `;
    expect(missing(files('Merge', base))).toStrictEqual([]);
  });
});
