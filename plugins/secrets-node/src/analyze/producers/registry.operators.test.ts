/* The producer registry's built-in rules: operators other than PostgreSQL ones. */
import { consumed, produced } from './__testUtils__/registry';

describe('producer registry: built-in operators', () => {
  it('cert-manager Certificate: spec.secretName', () => {
    expect(
      produced({
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: 'wildcard' },
        spec: { secretName: 'wildcard-tls' },
      }),
    ).toStrictEqual(['wildcard-tls']);
  });

  it('Strimzi KafkaUser and Kafka cluster CAs', () => {
    expect(
      produced({
        apiVersion: 'kafka.strimzi.io/v1beta2',
        kind: 'KafkaUser',
        metadata: { name: 'orders' },
      }),
    ).toStrictEqual(['orders']);
    expect(
      produced({
        apiVersion: 'kafka.strimzi.io/v1beta2',
        kind: 'Kafka',
        metadata: { name: 'events' },
      }),
    ).toStrictEqual([
      'events-cluster-ca',
      'events-cluster-ca-cert',
      'events-clients-ca',
      'events-clients-ca-cert',
    ]);
  });

  it('MongoDBCommunity: connection-string Secrets per user, password Secrets read', () => {
    const mongo = {
      apiVersion: 'mongodbcommunity.mongodb.com/v1',
      kind: 'MongoDBCommunity',
      metadata: { name: 'mongo' },
      spec: {
        users: [
          {
            name: 'app',
            db: 'admin',
            passwordSecretRef: { name: 'app-password' },
            scramCredentialsSecretName: 'app-scram',
          },
          {
            name: 'ops',
            db: 'admin',
            passwordSecretRef: { name: 'ops-password' },
            connectionStringSecretName: 'ops-uri',
          },
        ],
      },
    };
    expect(produced(mongo)).toStrictEqual([
      'ops-uri',
      'mongo-admin-app',
      'app-scram-scram-credentials',
    ]);
    expect(consumed(mongo)).toStrictEqual(['app-password', 'ops-password']);
  });

  it('RabbitmqCluster, Keycloak, Grafana, sops-secrets-operator, 1Password and Vault Secrets Operator', () => {
    expect(
      produced({
        apiVersion: 'rabbitmq.com/v1beta1',
        kind: 'RabbitmqCluster',
        metadata: { name: 'mq' },
      }),
    ).toStrictEqual(['mq-default-user', 'mq-erlang-cookie']);
    const kc = {
      apiVersion: 'k8s.keycloak.org/v2alpha1',
      kind: 'Keycloak',
      metadata: { name: 'kc' },
      spec: { db: { passwordSecret: { name: 'kc-db' } } },
    };
    expect(produced(kc)).toStrictEqual(['kc-initial-admin']);
    expect(consumed(kc)).toStrictEqual(['kc-db']);
    expect(
      produced({
        apiVersion: 'grafana.integreatly.org/v1beta1',
        kind: 'Grafana',
        metadata: { name: 'grafana' },
      }),
    ).toStrictEqual(['grafana-admin-credentials']);
    expect(
      produced({
        apiVersion: 'isindir.github.com/v1alpha3',
        kind: 'SopsSecret',
        metadata: { name: 's' },
        spec: { secretTemplates: [{ name: 'a' }, { name: 'b' }] },
      }),
    ).toStrictEqual(['a', 'b']);
    expect(
      produced({
        apiVersion: 'onepassword.com/v1',
        kind: 'OnePasswordItem',
        metadata: { name: 'op-item' },
      }),
    ).toStrictEqual(['op-item']);
    expect(
      produced({
        apiVersion: 'secrets.hashicorp.com/v1beta1',
        kind: 'VaultStaticSecret',
        metadata: { name: 'v' },
        spec: { destination: { name: 'v-dest', create: true } },
      }),
    ).toStrictEqual(['v-dest']);
  });

  it('ObjectBucketClaim and Rook CephObjectStoreUser', () => {
    expect(
      produced({
        apiVersion: 'objectbucket.io/v1alpha1',
        kind: 'ObjectBucketClaim',
        metadata: { name: 'backups' },
      }),
    ).toStrictEqual(['backups']);
    expect(
      produced({
        apiVersion: 'ceph.rook.io/v1',
        kind: 'CephObjectStoreUser',
        metadata: { name: 'loki' },
        spec: { store: 'ceph-objectstore' },
      }),
    ).toStrictEqual(['rook-ceph-object-user-ceph-objectstore-loki']);
  });

  it('ECK Elasticsearch: elastic user, HTTP and transport certificates; secure settings and custom certificates read', () => {
    const es = {
      apiVersion: 'elasticsearch.k8s.elastic.co/v1',
      kind: 'Elasticsearch',
      metadata: { name: 'logs' },
      spec: {
        version: '8.15.2',
        nodeSets: [{ name: 'default', count: 3 }],
        secureSettings: [{ secretName: 'logs-s3-keys' }],
        http: { tls: { certificate: { secretName: 'logs-http-tls' } } },
      },
    };
    expect(produced(es)).toStrictEqual([
      'logs-es-elastic-user',
      'logs-es-http-certs-public',
      'logs-es-http-certs-internal',
      'logs-es-http-ca-internal',
      'logs-es-transport-ca-internal',
      'logs-es-transport-certs-public',
      'logs-es-default-es-transport-certs',
      'logs-es-default-es-config',
      'logs-es-internal-users',
      'logs-es-xpack-file-realm',
      'logs-es-remote-ca',
    ]);
    expect(consumed(es)).toStrictEqual(['logs-s3-keys', 'logs-http-tls']);
    const plain = {
      ...es,
      spec: {
        nodeSets: [],
        auth: { disableElasticUser: true },
        http: { tls: { selfSignedCertificate: { disabled: true } } },
      },
    };
    expect(produced(plain)).not.toContain('logs-es-elastic-user');
    expect(produced(plain)).not.toContain('logs-es-http-certs-public');
  });

  it('ECK Kibana and APM Server: HTTP certificates, the Kibana user of its Elasticsearch, the APM token', () => {
    expect(
      produced({
        apiVersion: 'kibana.k8s.elastic.co/v1',
        kind: 'Kibana',
        metadata: { name: 'logs' },
        spec: { elasticsearchRef: { name: 'logs' } },
      }),
    ).toStrictEqual([
      'logs-kb-http-certs-public',
      'logs-kb-http-certs-internal',
      'logs-kb-http-ca-internal',
      'logs-kb-config',
      'logs-kibana-user',
      'logs-kb-es-ca',
    ]);
    expect(
      produced({
        apiVersion: 'apm.k8s.elastic.co/v1',
        kind: 'ApmServer',
        metadata: { name: 'apm' },
        spec: {},
      }),
    ).toContain('apm-apm-token');
  });

  it('mariadb-operator: a password Secret with generate: true is produced, without it read; no reference defaults to a generated one', () => {
    const mariadb = (spec: Record<string, unknown>) => ({
      apiVersion: 'k8s.mariadb.com/v1alpha1',
      kind: 'MariaDB',
      metadata: { name: 'db' },
      spec,
    });
    expect(produced(mariadb({}))).toStrictEqual(['db-root']);
    expect(consumed(mariadb({}))).toStrictEqual([]);
    const explicit = mariadb({
      rootPasswordSecretKeyRef: {
        name: 'db-root-pw',
        key: 'password',
        generate: true,
      },
      username: 'app',
      passwordSecretKeyRef: { name: 'db-app', key: 'password' },
    });
    expect(produced(explicit)).toStrictEqual(['db-root-pw']);
    expect(consumed(explicit)).toStrictEqual(['db-app']);
    expect(produced(mariadb({ username: 'app' }))).toStrictEqual([
      'db-root',
      'db-password',
    ]);
    const user = (generate: boolean) => ({
      apiVersion: 'k8s.mariadb.com/v1alpha1',
      kind: 'User',
      metadata: { name: 'app' },
      spec: {
        mariaDbRef: { name: 'db' },
        passwordSecretKeyRef: { name: 'app-pw', key: 'password', generate },
      },
    });
    expect([produced(user(true)), consumed(user(true))]).toStrictEqual([
      ['app-pw'],
      [],
    ]);
    expect([produced(user(false)), consumed(user(false))]).toStrictEqual([
      [],
      ['app-pw'],
    ]);
  });

  it('Percona operators generate their users Secrets; Dragonfly, Redis operator, MySQL Operator and VolSync read theirs', () => {
    expect(
      produced({
        apiVersion: 'pxc.percona.com/v1',
        kind: 'PerconaXtraDBCluster',
        metadata: { name: 'pxc' },
        spec: {},
      }),
    ).toStrictEqual(['pxc-secrets', 'internal-pxc']);
    expect(
      produced({
        apiVersion: 'psmdb.percona.com/v1',
        kind: 'PerconaServerMongoDB',
        metadata: { name: 'mongo' },
        spec: { secrets: { users: 'mongo-users' } },
      }),
    ).toStrictEqual(['mongo-users', 'internal-mongo-users']);
    expect(
      produced({
        apiVersion: 'pgv2.percona.com/v2',
        kind: 'PerconaPGCluster',
        metadata: { name: 'pg' },
        spec: { users: [{ name: 'app' }] },
      }),
    ).toStrictEqual(['pg-pguser-app']);
    expect(
      consumed({
        apiVersion: 'dragonflydb.io/v1alpha1',
        kind: 'Dragonfly',
        metadata: { name: 'cache' },
        spec: {
          authentication: {
            passwordFromSecret: { name: 'cache-auth', key: 'password' },
          },
        },
      }),
    ).toStrictEqual(['cache-auth']);
    expect(
      consumed({
        apiVersion: 'redis.redis.opstreelabs.in/v1beta2',
        kind: 'RedisCluster',
        metadata: { name: 'redis' },
        spec: {
          kubernetesConfig: {
            redisSecret: { name: 'redis-auth', key: 'password' },
          },
        },
      }),
    ).toStrictEqual(['redis-auth']);
    const innodb = {
      apiVersion: 'mysql.oracle.com/v2',
      kind: 'InnoDBCluster',
      metadata: { name: 'my' },
      spec: { secretName: 'my-root' },
    };
    expect(consumed(innodb)).toStrictEqual(['my-root']);
    expect(produced(innodb)).toStrictEqual([
      'my-backup',
      'my-privsecrets',
      'my-router',
    ]);
    expect(
      consumed({
        apiVersion: 'volsync.backube/v1alpha1',
        kind: 'ReplicationSource',
        metadata: { name: 'data' },
        spec: { sourcePVC: 'data', restic: { repository: 'data-restic' } },
      }),
    ).toStrictEqual(['data-restic']);
  });

  it('Grafana operator: external instance credentials and datasource valuesFrom Secrets are read', () => {
    expect(
      consumed({
        apiVersion: 'grafana.integreatly.org/v1beta1',
        kind: 'GrafanaDatasource',
        metadata: { name: 'es' },
        spec: {
          valuesFrom: [
            {
              targetPath: 'basicAuthUser',
              valueFrom: { secretKeyRef: { name: 'grafana-es', key: 'user' } },
            },
            {
              targetPath: 'url',
              valueFrom: { configMapKeyRef: { name: 'es-url', key: 'url' } },
            },
          ],
        },
      }),
    ).toStrictEqual(['grafana-es']);
    expect(
      consumed({
        apiVersion: 'grafana.integreatly.org/v1beta1',
        kind: 'Grafana',
        metadata: { name: 'external' },
        spec: {
          external: {
            url: 'https://grafana.example.org',
            adminPassword: { name: 'grafana-admin', key: 'password' },
          },
        },
      }),
    ).toStrictEqual(['grafana-admin']);
  });

  it('an unknown apiVersion group or kind matches nothing', () => {
    expect(
      produced({
        apiVersion: 'example.com/v1',
        kind: 'Cluster',
        metadata: { name: 'x' },
      }),
    ).toStrictEqual([]);
  });
});
