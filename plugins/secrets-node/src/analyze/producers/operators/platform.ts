/* Built-in producer rules of one operator family (see ../registry.ts for the rule syntax). */

import { ProducerRule } from '../types';

/** Platform operators: cert-manager, Strimzi, RabbitMQ, Keycloak, Grafana, MinIO, object buckets, Rook Ceph, VolSync. */
export const PLATFORM_PRODUCERS: ProducerRule[] = [
  {
    operator: 'cert-manager',
    apiVersion: 'cert-manager.io/*',
    kind: 'Certificate',
    secrets: ['{{spec.secretName}}'],
  },
  {
    operator: 'Strimzi',
    apiVersion: 'kafka.strimzi.io/*',
    kind: 'KafkaUser',
    secrets: ['{{name}}'],
  },
  {
    operator: 'Strimzi',
    apiVersion: 'kafka.strimzi.io/*',
    kind: 'Kafka',
    secrets: [
      '{{name}}-cluster-ca',
      '{{name}}-cluster-ca-cert',
      '{{name}}-clients-ca',
      '{{name}}-clients-ca-cert',
    ],
  },
  ...['ReplicationSource', 'ReplicationDestination'].map(kind => ({
    operator: 'VolSync',
    apiVersion: 'volsync.backube/*',
    kind,
    consumes: [
      '{{spec.restic.repository}}',
      '{{spec.rclone.rcloneConfig}}',
      '{{spec.kopia.repository}}',
    ],
  })),
  {
    operator: 'RabbitMQ cluster operator',
    apiVersion: 'rabbitmq.com/*',
    kind: 'RabbitmqCluster',
    secrets: ['{{name}}-default-user', '{{name}}-erlang-cookie'],
  },
  {
    operator: 'Keycloak operator',
    apiVersion: 'k8s.keycloak.org/*',
    kind: 'Keycloak',
    secrets: ['{{name}}-initial-admin'],
    consumes: [
      '{{spec.db.usernameSecret.name}}',
      '{{spec.db.passwordSecret.name}}',
      '{{spec.http.tlsSecret}}',
    ],
  },
  {
    operator: 'Grafana operator',
    apiVersion: 'grafana.integreatly.org/*',
    kind: 'Grafana',
    secrets: ['{{name}}-admin-credentials'],
    consumes: [
      '{{spec.external.adminUser.name}}',
      '{{spec.external.adminPassword.name}}',
      '{{spec.external.apiKey.name}}',
    ],
  },
  // values a datasource or contact point takes from Secrets (`valuesFrom[].valueFrom.secretKeyRef`)
  ...['GrafanaDatasource', 'GrafanaContactPoint'].map(kind => ({
    operator: 'Grafana operator',
    apiVersion: 'grafana.integreatly.org/*',
    kind,
    consumes: [
      {
        name: '{{item.valueFrom.secretKeyRef.name}}',
        forEach: 'spec.valuesFrom[]',
      },
    ],
  })),
  {
    operator: 'MinIO operator',
    apiVersion: 'minio.min.io/*',
    kind: 'Tenant',
    secrets: [{ name: '{{name}}-tls', when: 'spec.requestAutoCert' }],
    consumes: [
      '{{spec.configuration.name}}',
      '{{spec.credsSecret.name}}',
      { name: '{{item.name}}', forEach: 'spec.users[]' },
    ],
  },
  {
    operator: 'object bucket provisioner (Rook, NooBaa)',
    apiVersion: 'objectbucket.io/*',
    kind: 'ObjectBucketClaim',
    secrets: ['{{name}}'],
  },
  {
    operator: 'Rook',
    apiVersion: 'ceph.rook.io/*',
    kind: 'CephObjectStoreUser',
    secrets: ['rook-ceph-object-user-{{spec.store}}-{{name}}'],
  },
  {
    operator: 'Keycloak operator (hostzero)',
    apiVersion: 'keycloak.hostzero.com/*',
    kind: 'KeycloakClient',
    secrets: [
      {
        name: '{{spec.clientSecretRef.name}}',
        when: 'spec.clientSecretRef.create',
      },
    ],
  },
];
