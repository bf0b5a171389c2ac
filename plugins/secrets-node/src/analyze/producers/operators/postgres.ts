/* Built-in producer rules of one operator family (see ../registry.ts for the rule syntax). */

import { ProducerRule, SecretTemplate } from '../types';

const zalando = (user: string, forEach?: string): SecretTemplate => ({
  name: `${user}.{{name}}.credentials.postgresql.acid.zalan.do`,
  ...(forEach ? { forEach } : {}),
});

/** The Secret `<name>-<suffix>` the operator makes unless the spec names its own at `path`. */
const unlessNamed = (suffix: string, path: string): SecretTemplate => ({
  name: `{{name}}-${suffix}`,
  unless: path,
});

/** Crunchy PGO and Percona: a Secret per `spec.users` entry, or one for the cluster's own user. */
const PG_USERS: SecretTemplate[] = [
  { name: '{{name}}-pguser-{{item.name}}', forEach: 'spec.users[]' },
  { name: '{{name}}-pguser-{{name}}', unless: 'spec.users' },
];

/** Secrets a Barman Cloud object store configuration (CloudNativePG backups) reads. */
const barmanCredentials = (at: string): SecretTemplate[] =>
  [
    's3Credentials.accessKeyId',
    's3Credentials.secretAccessKey',
    's3Credentials.sessionToken',
    's3Credentials.region',
    'azureCredentials.connectionString',
    'azureCredentials.storageAccount',
    'azureCredentials.storageKey',
    'azureCredentials.storageSasToken',
    'googleCredentials.applicationCredentials',
  ].map(p => ({ name: `{{${at}.${p}.name}}` }));

/** PostgreSQL operators: CloudNativePG (and its Barman Cloud plugin), Zalando, Crunchy Data, Percona. */
export const POSTGRES_PRODUCERS: ProducerRule[] = [
  {
    operator: 'CloudNativePG',
    apiVersion: 'postgresql.cnpg.io/*',
    kind: 'Cluster',
    secrets: [
      unlessNamed('app', 'spec.bootstrap.initdb.secret.name'),
      unlessNamed('superuser', 'spec.superuserSecret.name'),
      unlessNamed('ca', 'spec.certificates.serverCASecret'),
      unlessNamed('server', 'spec.certificates.serverTLSSecret'),
      unlessNamed('replication', 'spec.certificates.replicationTLSSecret'),
    ],
    consumes: [
      '{{spec.bootstrap.initdb.secret.name}}',
      '{{spec.superuserSecret.name}}',
      {
        name: '{{item.passwordSecret.name}}',
        forEach: 'spec.managed.roles[]',
      },
      // backups and recovery sources through Barman Cloud
      ...barmanCredentials('spec.backup.barmanObjectStore'),
      {
        name: '{{item.password.name}}',
        forEach: 'spec.externalClusters[]',
      },
    ],
  },
  {
    operator: 'CloudNativePG Barman Cloud plugin',
    apiVersion: 'barmancloud.cnpg.io/*',
    kind: 'ObjectStore',
    consumes: barmanCredentials('spec.configuration'),
  },
  {
    operator: 'Zalando postgres-operator',
    apiVersion: 'acid.zalan.do/*',
    kind: 'postgresql',
    secrets: [
      // `ns.user` names a user whose Secret lives in namespace `ns` (cross-namespace secrets)
      {
        ...zalando('{{key|dashes}}', 'spec.users.*'),
        namespace: '{{key|beforeDot}}',
      },
      zalando('postgres'),
      zalando('standby'),
      zalando('{{key|dashes}}-owner-user', 'spec.preparedDatabases.*'),
      zalando('{{key|dashes}}-reader-user', 'spec.preparedDatabases.*'),
      zalando('{{key|dashes}}-writer-user', 'spec.preparedDatabases.*'),
    ],
  },
  {
    operator: 'Crunchy PGO',
    apiVersion: 'postgres-operator.crunchydata.com/*',
    kind: 'PostgresCluster',
    secrets: [
      ...PG_USERS,
      '{{name}}-cluster-cert',
      '{{name}}-replication-cert',
      {
        name: '{{name}}-pgbouncer',
        when: 'spec.proxy.pgBouncer',
      },
    ],
  },
  {
    operator: 'Percona Operator for PostgreSQL',
    apiVersion: 'pgv2.percona.com/*',
    kind: 'PerconaPGCluster',
    secrets: [...PG_USERS],
  },
];
