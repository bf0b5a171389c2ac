import { applyProducers, compileProducers, renderName } from './registry';
import { validateProducerRules } from './validate';

const rules = compileProducers();

const produced = (obj: Record<string, any>) =>
  applyProducers(obj, rules).produces.map(p =>
    p.namespace ? `${p.namespace}/${p.name}` : p.name,
  );

const consumed = (obj: Record<string, any>) =>
  applyProducers(obj, rules).consumes.map(p => p.name);

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

describe('producer registry: configuration', () => {
  it('a configured rule adds to the built-ins, and defaultProducers: false switches them off', () => {
    const rule = {
      apiVersion: 'redis.example.com/*',
      kind: 'Redis',
      secrets: [
        '{{name}}-auth',
        { name: '{{item}}-acl', forEach: 'spec.acls[]' },
      ],
    };
    const redis = {
      apiVersion: 'redis.example.com/v1',
      kind: 'Redis',
      metadata: { name: 'cache' },
      spec: { acls: ['ro', 'rw'] },
    };
    expect(
      applyProducers(redis, compileProducers([rule])).produces.map(p => p.name),
    ).toStrictEqual(['cache-auth', 'ro-acl', 'rw-acl']);
    const cnpg = {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'pg' },
    };
    expect(
      applyProducers(cnpg, compileProducers([rule], false)).produces,
    ).toStrictEqual([]);
  });

  it('templates: a placeholder with no value drops the name; filters apply in order', () => {
    const obj = { metadata: { name: 'Db_One' }, spec: { n: 3 } };
    expect(renderName('{{name|dashes|lower}}-{{spec.n}}', { obj })).toBe(
      'db-one-3',
    );
    expect(renderName('{{spec.absent}}-x', { obj })).toBeUndefined();
    expect(renderName('{{key|afterDot}}', { obj, key: 'ns.user' })).toBe(
      'user',
    );
  });

  it('refuses malformed rules with the place that is wrong', () => {
    expect(() => validateProducerRules({})).toThrow(
      '"producers" must be a list',
    );
    expect(() => validateProducerRules([{ kind: 'X' }])).toThrow(
      '"producers[0].apiVersion" must be a non-empty string',
    );
    expect(() =>
      validateProducerRules([{ apiVersion: 'a/*', kind: 'X', secrets: [{}] }]),
    ).toThrow('"producers[0].secrets[0]" must be a name template');
    expect(() =>
      validateProducerRules([
        {
          apiVersion: 'a/*',
          kind: 'X',
          secrets: [{ name: 'n', forEach: 'a..b' }],
        },
      ]),
    ).toThrow('"producers[0].secrets[0].forEach": malformed path');
    expect(() =>
      validateProducerRules([{ apiVersion: 'a/*', kind: 'X', extra: 1 }]),
    ).toThrow('unknown field "extra"');
  });
});
