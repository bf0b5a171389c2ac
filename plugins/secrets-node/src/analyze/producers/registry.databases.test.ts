/* The producer registry's built-in rules: PostgreSQL operators. */
import { consumed, produced } from './__testUtils__/registry';

describe('producer registry: built-in operators', () => {
  it('CloudNativePG Cluster: app, superuser, CA, server and replication Secrets', () => {
    const cluster = {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'pg' },
      spec: { instances: 3 },
    };
    expect(produced(cluster)).toStrictEqual([
      'pg-app',
      'pg-superuser',
      'pg-ca',
      'pg-server',
      'pg-replication',
    ]);
    expect(consumed(cluster)).toStrictEqual([]);
  });

  it('CloudNativePG Cluster: a bootstrap secret and managed role passwords are read, not produced', () => {
    const cluster = {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'pg' },
      spec: {
        bootstrap: { initdb: { secret: { name: 'pg-app-credentials' } } },
        superuserSecret: { name: 'pg-root' },
        managed: { roles: [{ name: 'ro', passwordSecret: { name: 'pg-ro' } }] },
      },
    };
    expect(produced(cluster)).toStrictEqual([
      'pg-ca',
      'pg-server',
      'pg-replication',
    ]);
    expect(consumed(cluster)).toStrictEqual([
      'pg-app-credentials',
      'pg-root',
      'pg-ro',
    ]);
  });

  it('CloudNativePG: backup credentials of the Cluster and of a Barman Cloud ObjectStore are read', () => {
    const s3 = {
      accessKeyId: { name: 'pg-backup-s3', key: 'ACCESS_KEY_ID' },
      secretAccessKey: { name: 'pg-backup-s3', key: 'SECRET_ACCESS_KEY' },
    };
    expect(
      consumed({
        apiVersion: 'postgresql.cnpg.io/v1',
        kind: 'Cluster',
        metadata: { name: 'pg' },
        spec: {
          backup: { barmanObjectStore: { s3Credentials: s3 } },
          externalClusters: [
            { name: 'origin', password: { name: 'origin-pass', key: 'p' } },
          ],
        },
      }),
    ).toStrictEqual(['pg-backup-s3', 'pg-backup-s3', 'origin-pass']);
    expect(
      consumed({
        apiVersion: 'barmancloud.cnpg.io/v1',
        kind: 'ObjectStore',
        metadata: { name: 'store' },
        spec: {
          configuration: {
            azureCredentials: { storageKey: { name: 'az', key: 'k' } },
          },
        },
      }),
    ).toStrictEqual(['az']);
  });

  it.each([
    [
      {
        apiVersion: 'addons.projectcapsule.dev/v1alpha1',
        kind: 'SopsSecret',
        spec: { secrets: [{ name: 'a' }, { name: 'b' }] },
      },
      ['a', 'b'],
    ],
    [
      {
        apiVersion: 'secrets.infisical.com/v1alpha1',
        kind: 'InfisicalSecret',
        spec: {
          managedKubeSecretReferences: [
            { secretName: 'inf', secretNamespace: 'apps' },
          ],
        },
      },
      ['apps/inf'],
    ],
    [
      {
        apiVersion: 'k8s.bitwarden.com/v1',
        kind: 'BitwardenSecret',
        spec: { secretName: 'bw' },
      },
      ['bw'],
    ],
    [
      {
        apiVersion: 'secrets.doppler.com/v1alpha1',
        kind: 'DopplerSecret',
        spec: { managedSecret: { name: 'dp', namespace: 'web' } },
      },
      ['web/dp'],
    ],
    [
      {
        apiVersion: 'keycloak.hostzero.com/v1beta1',
        kind: 'KeycloakClient',
        spec: { clientSecretRef: { name: 'kc', create: true } },
      },
      ['kc'],
    ],
    [
      {
        apiVersion: 'keycloak.hostzero.com/v1beta1',
        kind: 'KeycloakClient',
        spec: { clientSecretRef: { name: 'kc' } },
      },
      [],
    ],
  ])('secret-manager operators: %j produces %j', (obj, names) => {
    expect(produced({ metadata: { name: 'x' }, ...obj })).toStrictEqual(names);
  });

  it('Zalando postgresql: one Secret per user (underscores as dashes), postgres, standby and prepared databases', () => {
    const pg = {
      apiVersion: 'acid.zalan.do/v1',
      kind: 'postgresql',
      metadata: { name: 'acid-main', namespace: 'db' },
      spec: {
        users: { app_owner: ['superuser'], 'apps.reader': [] },
        preparedDatabases: { shop_db: {} },
      },
    };
    const suffix = 'acid-main.credentials.postgresql.acid.zalan.do';
    expect(produced(pg)).toStrictEqual([
      `app-owner.${suffix}`,
      // `namespace.user` (cross-namespace secrets): the Secret lives in that namespace
      `apps/apps.reader.${suffix}`,
      `postgres.${suffix}`,
      `standby.${suffix}`,
      `shop-db-owner-user.${suffix}`,
      `shop-db-reader-user.${suffix}`,
      `shop-db-writer-user.${suffix}`,
    ]);
  });

  it('Crunchy PGO PostgresCluster: <cluster>-pguser-<user>, and <cluster>-pguser-<cluster> without users', () => {
    const base = {
      apiVersion: 'postgres-operator.crunchydata.com/v1beta1',
      kind: 'PostgresCluster',
      metadata: { name: 'hippo' },
    };
    expect(
      produced({
        ...base,
        spec: { users: [{ name: 'rhino' }, { name: 'app' }] },
      }),
    ).toStrictEqual([
      'hippo-pguser-rhino',
      'hippo-pguser-app',
      'hippo-cluster-cert',
      'hippo-replication-cert',
    ]);
    expect(
      produced({ ...base, spec: { proxy: { pgBouncer: { replicas: 1 } } } }),
    ).toStrictEqual([
      'hippo-pguser-hippo',
      'hippo-cluster-cert',
      'hippo-replication-cert',
      'hippo-pgbouncer',
    ]);
  });
});
