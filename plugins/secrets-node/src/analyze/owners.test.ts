/*
 * Who owns a target Secret: several ExternalSecrets of one release, and an
 * ExternalSecret merging into a Secret an operator makes.
 */
import { fileTree } from '../__testUtils__/fileTree';
import { analyze } from './analyze';

const es = (name: string, target: string, policy?: string, extra = '') => `
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: ${name}
  namespace: apps
spec:
  secretStoreRef: { kind: ClusterSecretStore, name: onepassword }
  target:
    name: ${target}${policy ? `\n    creationPolicy: ${policy}` : ''}
  dataFrom:
    - extract: { key: ${name} }
${extra}`;

const store = `
apiVersion: external-secrets.io/v1
kind: ClusterSecretStore
metadata:
  name: onepassword
spec:
  provider:
    onepassword:
      connectHost: http://connect:8080
      vaults: { lab: 1 }
      auth:
        secretRef:
          connectTokenSecretRef: { name: op-token, key: token, namespace: eso }
`;

const cluster = `
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: pg
  namespace: apps
spec:
  instances: 1
`;

const findings = (files: Record<string, string>) =>
  analyze(fileTree({ 'deploy/store/store.yaml': store, ...files })).findings;

describe('owners of a target Secret', () => {
  it('two ExternalSecrets of one release that both own a Secret are a duplicate owner', () => {
    const dup = findings({
      'deploy/paperless/es.yaml': `${es(
        'paperless',
        'paperless-secret',
      )}---${es('paperless-db', 'paperless-secret')}`,
    }).filter(f => f.type === 'duplicate-owner');
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({
      severity: 'error',
      subject: { kind: 'Secret', name: 'paperless-secret' },
    });
    expect(dup[0].message).toContain(
      '2 ExternalSecrets of paperless (paperless, paperless-db)',
    );
  });

  it('an ExternalSecret that merges into the Secret another one owns is no second owner', () => {
    expect(
      findings({
        'deploy/paperless/es.yaml': `${es(
          'paperless',
          'paperless-secret',
        )}---${es('paperless-extra', 'paperless-secret', 'Merge')}`,
      }).filter(f => f.type === 'duplicate-owner'),
    ).toStrictEqual([]);
  });

  it('merging into a Secret an operator makes is a warning; owning it is an error', () => {
    const merge = findings({
      'deploy/db/cluster.yaml': cluster,
      'deploy/db/es.yaml': es('pg-password', 'pg-app', 'Merge'),
    }).filter(f => f.type === 'vault-drives-cluster-managed');
    expect(merge).toHaveLength(1);
    expect(merge[0].severity).toBe('warning');
    expect(merge[0].message).toContain('creationPolicy: Merge');
    const own = findings({
      'deploy/db/cluster.yaml': cluster,
      'deploy/db/es.yaml': es('pg-password', 'pg-app'),
    }).filter(f => f.type === 'vault-drives-cluster-managed');
    expect(own.map(f => f.severity)).toStrictEqual(['error']);
    const once = findings({
      'deploy/db/cluster.yaml': cluster,
      'deploy/db/es.yaml': es(
        'pg-password',
        'pg-app',
        'Merge',
        '  refreshPolicy: CreatedOnce\n',
      ),
    }).filter(f => f.type === 'vault-drives-cluster-managed');
    expect(once).toStrictEqual([]);
  });
});
