/* Built-in producer rules of one operator family (see ../registry.ts for the rule syntax). */

import { ProducerRule, SecretTemplate } from '../types';

/** The HTTP certificate Secrets ECK makes for a resource of prefix `es`, `kb`, `apm`. */
const eckHttpCerts = (prefix: string): SecretTemplate[] => [
  {
    name: `{{name}}-${prefix}-http-certs-public`,
    unless: 'spec.http.tls.selfSignedCertificate.disabled',
  },
  {
    name: `{{name}}-${prefix}-http-certs-internal`,
    unless: 'spec.http.tls.selfSignedCertificate.disabled',
  },
  {
    name: `{{name}}-${prefix}-http-ca-internal`,
    unless: 'spec.http.tls.selfSignedCertificate.disabled',
  },
];

/** Secrets an ECK resource reads: secure settings and a custom HTTP certificate. */
const eckReads: SecretTemplate[] = [
  { name: '{{item.secretName}}', forEach: 'spec.secureSettings[]' },
  { name: '{{spec.http.tls.certificate.secretName}}' },
];

/** Elastic Cloud on Kubernetes: Elasticsearch, Kibana, APM Server. */
export const ELASTIC_PRODUCERS: ProducerRule[] = [
  {
    operator: 'ECK',
    apiVersion: 'elasticsearch.k8s.elastic.co/*',
    kind: 'Elasticsearch',
    secrets: [
      {
        name: '{{name}}-es-elastic-user',
        unless: 'spec.auth.disableElasticUser',
      },
      ...eckHttpCerts('es'),
      '{{name}}-es-transport-ca-internal',
      '{{name}}-es-transport-certs-public',
      {
        name: '{{name}}-es-{{item.name}}-es-transport-certs',
        forEach: 'spec.nodeSets[]',
      },
      {
        name: '{{name}}-es-{{item.name}}-es-config',
        forEach: 'spec.nodeSets[]',
      },
      '{{name}}-es-internal-users',
      '{{name}}-es-xpack-file-realm',
      '{{name}}-es-remote-ca',
    ],
    consumes: [
      ...eckReads,
      { name: '{{spec.transport.tls.certificate.secretName}}' },
      { name: '{{item.secretName}}', forEach: 'spec.auth.fileRealm[]' },
      { name: '{{item.secretName}}', forEach: 'spec.auth.roles[]' },
    ],
  },
  {
    operator: 'ECK',
    apiVersion: 'kibana.k8s.elastic.co/*',
    kind: 'Kibana',
    secrets: [
      ...eckHttpCerts('kb'),
      '{{name}}-kb-config',
      { name: '{{name}}-kibana-user', when: 'spec.elasticsearchRef.name' },
      { name: '{{name}}-kb-es-ca', when: 'spec.elasticsearchRef.name' },
    ],
    consumes: eckReads,
  },
  {
    operator: 'ECK',
    apiVersion: 'apm.k8s.elastic.co/*',
    kind: 'ApmServer',
    secrets: [
      ...eckHttpCerts('apm'),
      '{{name}}-apm-token',
      '{{name}}-apm-config',
    ],
    consumes: eckReads,
  },
];
