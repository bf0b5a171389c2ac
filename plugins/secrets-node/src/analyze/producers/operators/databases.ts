/* Built-in producer rules of one operator family (see ../registry.ts for the rule syntax). */

import { ProducerRule, SecretTemplate } from '../types';

/**
 * A mariadb-operator `...SecretKeyRef` with `generate`: the operator makes
 * the Secret when `generate` is true and reads it otherwise.
 */
const mariadbGenerated = (
  path: string,
): { secrets: SecretTemplate[]; consumes: SecretTemplate[] } => ({
  secrets: [{ name: `{{${path}.name}}`, when: `${path}.generate` }],
  consumes: [{ name: `{{${path}.name}}`, unless: `${path}.generate` }],
});

/** Other database operators: MongoDB Community, mariadb-operator, Percona XtraDB and MongoDB, Dragonfly, Redis (OT-Container-Kit), MySQL Operator. */
export const DATABASE_PRODUCERS: ProducerRule[] = [
  {
    operator: 'MongoDB Community',
    apiVersion: 'mongodbcommunity.mongodb.com/*',
    kind: 'MongoDBCommunity',
    secrets: [
      {
        name: '{{item.connectionStringSecretName}}',
        forEach: 'spec.users[]',
        when: 'item.connectionStringSecretName',
      },
      {
        name: '{{name}}-{{item.db}}-{{item.name}}',
        forEach: 'spec.users[]',
        unless: 'item.connectionStringSecretName',
      },
      {
        name: '{{item.scramCredentialsSecretName}}-scram-credentials',
        forEach: 'spec.users[]',
      },
    ],
    consumes: [
      { name: '{{item.passwordSecretRef.name}}', forEach: 'spec.users[]' },
    ],
  },
  {
    operator: 'mariadb-operator',
    apiVersion: 'k8s.mariadb.com/*',
    kind: 'MariaDB',
    secrets: [
      // without a reference the operator defaults one and generates it
      { name: '{{name}}-root', unless: 'spec.rootPasswordSecretKeyRef' },
      {
        name: '{{name}}-password',
        when: 'spec.username',
        unless: 'spec.passwordSecretKeyRef',
      },
      ...mariadbGenerated('spec.rootPasswordSecretKeyRef').secrets,
      ...mariadbGenerated('spec.passwordSecretKeyRef').secrets,
    ],
    consumes: [
      ...mariadbGenerated('spec.rootPasswordSecretKeyRef').consumes,
      ...mariadbGenerated('spec.passwordSecretKeyRef').consumes,
    ],
  },
  {
    operator: 'mariadb-operator',
    apiVersion: 'k8s.mariadb.com/*',
    kind: 'User',
    secrets: mariadbGenerated('spec.passwordSecretKeyRef').secrets,
    consumes: [
      ...mariadbGenerated('spec.passwordSecretKeyRef').consumes,
      '{{spec.passwordHashSecretKeyRef.name}}',
    ],
  },
  {
    operator: 'mariadb-operator',
    apiVersion: 'k8s.mariadb.com/*',
    kind: 'Connection',
    secrets: [
      { name: '{{spec.secretName}}' },
      { name: '{{name}}', unless: 'spec.secretName' },
    ],
    consumes: ['{{spec.passwordSecretKeyRef.name}}'],
  },
  {
    operator: 'Percona Operator for MySQL (XtraDB Cluster)',
    apiVersion: 'pxc.percona.com/*',
    kind: 'PerconaXtraDBCluster',
    // the users Secret is generated when it does not exist
    secrets: [
      '{{spec.secretsName}}',
      { name: '{{name}}-secrets', unless: 'spec.secretsName' },
      'internal-{{name}}',
    ],
  },
  {
    operator: 'Percona Operator for MongoDB',
    apiVersion: 'psmdb.percona.com/*',
    kind: 'PerconaServerMongoDB',
    secrets: [
      '{{spec.secrets.users}}',
      { name: '{{name}}-secrets', unless: 'spec.secrets.users' },
      'internal-{{name}}-users',
    ],
  },
  {
    operator: 'Dragonfly operator',
    apiVersion: 'dragonflydb.io/*',
    kind: 'Dragonfly',
    consumes: [
      '{{spec.authentication.passwordFromSecret.name}}',
      '{{spec.tlsSecretRef.name}}',
    ],
  },
  ...['Redis', 'RedisCluster', 'RedisReplication', 'RedisSentinel'].map(
    kind => ({
      operator: 'Redis operator (OT-Container-Kit)',
      apiVersion: 'redis.redis.opstreelabs.in/*',
      kind,
      consumes: ['{{spec.kubernetesConfig.redisSecret.name}}'],
    }),
  ),
  {
    operator: 'MySQL Operator for Kubernetes',
    apiVersion: 'mysql.oracle.com/*',
    kind: 'InnoDBCluster',
    secrets: ['{{name}}-backup', '{{name}}-privsecrets', '{{name}}-router'],
    consumes: ['{{spec.secretName}}', '{{spec.tlsSecretName}}'],
  },
];
