/*
 * Secrets produced (and read) by operators, declared as data: a rule names
 * the objects it applies to (apiVersion glob and kind) and the Secret names
 * they produce as templates over the object's fields. Built-in rules cover
 * common operators; a team adds its own with the `producers` option and
 * switches the built-ins off with `defaultProducers: false`.
 *
 * Template syntax: `{{path}}` is a dotted path into the object
 * (`{{spec.secretName}}`); `{{name}}` and `{{namespace}}` are the object's
 * metadata; under `forEach` (a path with `[]` for list elements and `*` for
 * map values), `{{item}}` / `{{item.<path>}}` is the element and `{{key}}`
 * its map key. Filters: `{{key|dashes}}` turns `_` into `-`, `|lower`
 * lower-cases, `|afterDot` keeps what follows the first `.`, `|beforeDot`
 * what precedes it (empty without a dot). A placeholder that resolves to
 * nothing (absent, empty, not a string or number) drops that name.
 */
import { getPath, parsePath, selectPath } from '../paths';

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** One Secret name (or a family of them) a rule produces or reads. @public */
export interface SecretTemplate {
  /** Name template, e.g. `{{name}}-app`. */
  name: string;
  /** Iterate: one name per element reached by this path (`spec.users[]`, `spec.users.*`). */
  forEach?: string;
  /** Only when this path (relative to the object) is set and not `false`. */
  when?: string;
  /** Only when this path is absent, empty or `false`. */
  unless?: string;
  /** Namespace template; empty or absent means the object's namespace. */
  namespace?: string;
  /** A read Secret marked optional is not required to exist. */
  optional?: boolean;
}

/** An operator's declaration: which objects, which Secrets they produce and read. @public */
export interface ProducerRule {
  /** `group/version` glob, e.g. `postgresql.cnpg.io/*`. */
  apiVersion: string;
  /** Kind, exactly as written (`Cluster`). */
  kind: string;
  /** Secrets the operator creates for such an object. */
  secrets?: Array<string | SecretTemplate>;
  /** Secrets the operator reads for such an object (they need a producer). */
  consumes?: Array<string | SecretTemplate>;
  /** Shown in messages, e.g. `CloudNativePG`. Default: the kind. */
  operator?: string;
}

const zalando = (user: string, forEach?: string): SecretTemplate => ({
  name: `${user}.{{name}}.credentials.postgresql.acid.zalan.do`,
  ...(forEach ? { forEach } : {}),
});

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

/** The built-in rules (`defaultProducers`). @public */
export const DEFAULT_PRODUCERS: ProducerRule[] = [
  {
    operator: 'CloudNativePG',
    apiVersion: 'postgresql.cnpg.io/*',
    kind: 'Cluster',
    secrets: [
      { name: '{{name}}-app', unless: 'spec.bootstrap.initdb.secret.name' },
      { name: '{{name}}-superuser', unless: 'spec.superuserSecret.name' },
      { name: '{{name}}-ca', unless: 'spec.certificates.serverCASecret' },
      { name: '{{name}}-server', unless: 'spec.certificates.serverTLSSecret' },
      {
        name: '{{name}}-replication',
        unless: 'spec.certificates.replicationTLSSecret',
      },
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
      { name: '{{name}}-pguser-{{item.name}}', forEach: 'spec.users[]' },
      { name: '{{name}}-pguser-{{name}}', unless: 'spec.users' },
      '{{name}}-cluster-cert',
      '{{name}}-replication-cert',
      {
        name: '{{name}}-pgbouncer',
        when: 'spec.proxy.pgBouncer',
      },
    ],
  },
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
    operator: 'Percona Operator for PostgreSQL',
    apiVersion: 'pgv2.percona.com/*',
    kind: 'PerconaPGCluster',
    secrets: [
      { name: '{{name}}-pguser-{{item.name}}', forEach: 'spec.users[]' },
      { name: '{{name}}-pguser-{{name}}', unless: 'spec.users' },
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
    operator: 'sops-secrets-operator',
    apiVersion: 'isindir.github.com/*',
    kind: 'SopsSecret',
    secrets: [{ name: '{{item.name}}', forEach: 'spec.secretTemplates[]' }],
  },
  {
    operator: 'Capsule sops-operator',
    apiVersion: 'addons.projectcapsule.dev/*',
    kind: 'SopsSecret',
    secrets: [{ name: '{{item.name}}', forEach: 'spec.secrets[]' }],
  },
  {
    operator: 'Infisical operator',
    apiVersion: 'secrets.infisical.com/*',
    kind: 'InfisicalSecret',
    secrets: [
      {
        name: '{{spec.managedSecretReference.secretName}}',
        namespace: '{{spec.managedSecretReference.secretNamespace}}',
      },
      {
        name: '{{item.secretName}}',
        forEach: 'spec.managedKubeSecretReferences[]',
        namespace: '{{item.secretNamespace}}',
      },
    ],
  },
  {
    operator: 'Bitwarden Secrets Manager operator',
    apiVersion: 'k8s.bitwarden.com/*',
    kind: 'BitwardenSecret',
    secrets: ['{{spec.secretName}}'],
  },
  {
    operator: 'Doppler operator',
    apiVersion: 'secrets.doppler.com/*',
    kind: 'DopplerSecret',
    secrets: [
      {
        name: '{{spec.managedSecret.name}}',
        namespace: '{{spec.managedSecret.namespace}}',
      },
    ],
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
  {
    operator: '1Password operator',
    apiVersion: 'onepassword.com/*',
    kind: 'OnePasswordItem',
    secrets: ['{{name}}'],
  },
  ...[
    'VaultStaticSecret',
    'VaultDynamicSecret',
    'VaultPKISecret',
    'HCPVaultSecretsApp',
  ].map(kind => ({
    operator: 'Vault Secrets Operator',
    apiVersion: 'secrets.hashicorp.com/*',
    kind,
    secrets: ['{{spec.destination.name}}'],
  })),
];

/** A rule ready to match: its apiVersion glob compiled. */
export interface CompiledRule extends ProducerRule {
  apiVersionPattern: RegExp;
}

const globToRegExp = (glob: string) =>
  new RegExp(
    `^${glob
      .split('*')
      .map(p => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

/** The rules in force: the built-ins (unless switched off) and the configured ones. */
export function compileProducers(
  configured: ProducerRule[] = [],
  defaults = true,
): CompiledRule[] {
  return [...(defaults ? DEFAULT_PRODUCERS : []), ...configured].map(r => ({
    ...r,
    apiVersionPattern: globToRegExp(r.apiVersion),
  }));
}

const PLACEHOLDER = /\{\{\s*([^}|\s]+)\s*((?:\|\s*[a-zA-Z]+\s*)*)\}\}/g;
const FILTERS: Record<string, (s: string) => string> = {
  dashes: s => s.replace(/_/g, '-'),
  lower: s => s.toLowerCase(),
  afterDot: s => (s.includes('.') ? s.slice(s.indexOf('.') + 1) : s),
  beforeDot: s => (s.includes('.') ? s.slice(0, s.indexOf('.')) : ''),
};

interface Scope {
  obj: Record<string, any>;
  item?: unknown;
  key?: string;
}

function lookup(scope: Scope, path: string): unknown {
  if (path === 'name') return scope.obj.metadata?.name;
  if (path === 'namespace') return scope.obj.metadata?.namespace;
  if (path === 'key') return scope.key;
  if (path === 'item') return scope.item;
  if (path.startsWith('item.')) return getPath(scope.item, path.slice(5));
  return getPath(scope.obj, path);
}

/** Renders a template; undefined when a placeholder has no usable value. */
export function renderName(template: string, scope: Scope): string | undefined {
  let missing = false;
  const out = template.replace(
    PLACEHOLDER,
    (_m, path: string, filters: string) => {
      const v = lookup(scope, path);
      if (typeof v !== 'string' && typeof v !== 'number') {
        missing = true;
        return '';
      }
      let s = String(v);
      for (const f of filters
        .split('|')
        .map(x => x.trim())
        .filter(Boolean))
        s = FILTERS[f]?.(s) ?? s;
      return s;
    },
  );
  if (missing) return undefined;
  return out;
}

const truthy = (v: unknown) =>
  v !== undefined &&
  v !== null &&
  v !== false &&
  v !== '' &&
  !(Array.isArray(v) && !v.length) &&
  !(isMap(v) && !Object.keys(v).length);

const scoped = (scope: Scope, path: string) =>
  path === 'item' || path.startsWith('item.') || path === 'key'
    ? lookup(scope, path)
    : getPath(scope.obj, path);

/** A Secret a rule names for an object. */
export interface RuleSecret {
  name: string;
  /** Namespace when the template names one, else undefined (the object's). */
  namespace?: string;
  optional: boolean;
}

function expand(
  obj: Record<string, any>,
  list: Array<string | SecretTemplate> | undefined,
): RuleSecret[] {
  const out: RuleSecret[] = [];
  for (const raw of list ?? []) {
    const t: SecretTemplate = typeof raw === 'string' ? { name: raw } : raw;
    const scopes: Scope[] = t.forEach
      ? selectPath(obj, t.forEach).map(m => ({
          obj,
          item: m.value,
          key: m.key,
        }))
      : [{ obj }];
    for (const scope of scopes) {
      if (t.when && !truthy(scoped(scope, t.when))) continue;
      if (t.unless && truthy(scoped(scope, t.unless))) continue;
      const name = renderName(t.name, scope);
      if (!name) continue;
      const namespace = t.namespace
        ? renderName(t.namespace, scope)
        : undefined;
      out.push({
        name,
        ...(namespace ? { namespace } : {}),
        optional: Boolean(t.optional),
      });
    }
  }
  return out;
}

/** What the rules say of one object: Secrets produced and Secrets read, and the operators. */
export function applyProducers(
  obj: Record<string, any>,
  rules: CompiledRule[],
): { produces: RuleSecret[]; consumes: RuleSecret[]; operators: string[] } {
  const produces: RuleSecret[] = [];
  const consumes: RuleSecret[] = [];
  const operators: string[] = [];
  const apiVersion = String(obj.apiVersion ?? '');
  for (const r of rules) {
    if (obj.kind !== r.kind || !r.apiVersionPattern.test(apiVersion)) continue;
    operators.push(r.operator ?? r.kind);
    produces.push(...expand(obj, r.secrets));
    consumes.push(...expand(obj, r.consumes));
  }
  return { produces, consumes, operators };
}

/**
 * What is wrong with a name template, if anything: a `{{` or `}}` that is
 * not a placeholder, a placeholder path that does not parse, an unknown
 * filter.
 */
export function templateProblem(template: string): string | undefined {
  let problem: string | undefined;
  const rest = template.replace(
    PLACEHOLDER,
    (_m, path: string, filters: string) => {
      const inner = path.startsWith('item.') ? path.slice(5) : path;
      try {
        parsePath(inner);
      } catch (e) {
        problem ??= `placeholder "{{${path}}}": ${(e as Error).message}`;
      }
      for (const f of filters
        .split('|')
        .map(x => x.trim())
        .filter(Boolean)) {
        if (!Object.prototype.hasOwnProperty.call(FILTERS, f))
          problem ??= `unknown filter "|${f}" (known: ${Object.keys(
            FILTERS,
          ).join(', ')})`;
      }
      return '';
    },
  );
  if (problem) return problem;
  if (rest.includes('{{') || rest.includes('}}'))
    return `malformed placeholder in "${template}": write {{path}} or {{path|filter}}`;
  return undefined;
}

/** One problem of an option value: the key (`producers[0].kind`) and what is wrong. */
export interface OptionProblem {
  key: string;
  message: string;
}

const TEMPLATE_FIELDS = [
  'name',
  'forEach',
  'when',
  'unless',
  'namespace',
  'optional',
];

/** Every problem of configured rules, each naming the rule and field that is wrong. */
export function producerRuleProblems(raw: unknown): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const add = (key: string, text: string) =>
    problems.push({
      key,
      message: `"${key}"${text.startsWith(':') ? '' : ' '}${text}`,
    });
  if (!Array.isArray(raw)) {
    add(
      'producers',
      'must be a list of { apiVersion, kind, secrets?, consumes?, operator? }',
    );
    return problems;
  }
  raw.forEach((r, i) => {
    const at = `producers[${i}]`;
    if (!isMap(r)) {
      add(at, 'must be an object');
      return;
    }
    for (const k of Object.keys(r))
      if (
        !['apiVersion', 'kind', 'secrets', 'consumes', 'operator'].includes(k)
      )
        add(at, `has unknown field "${k}"`);
    if (typeof r.apiVersion !== 'string' || !r.apiVersion)
      add(
        `${at}.apiVersion`,
        'must be a non-empty string (a glob such as "postgresql.cnpg.io/*")',
      );
    if (typeof r.kind !== 'string' || !r.kind)
      add(`${at}.kind`, 'must be a non-empty string');
    if (r.operator !== undefined && typeof r.operator !== 'string')
      add(`${at}.operator`, 'must be a string');
    for (const field of ['secrets', 'consumes'] as const) {
      const list = r[field];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        add(`${at}.${field}`, 'must be a list');
        continue;
      }
      list.forEach((t, j) => {
        const tat = `${at}.${field}[${j}]`;
        if (typeof t === 'string') {
          const problem = t ? templateProblem(t) : 'must be a non-empty string';
          if (problem) add(tat, t ? `: ${problem}` : problem);
          return;
        }
        if (!isMap(t) || typeof t.name !== 'string' || !t.name) {
          add(
            tat,
            'must be a name template or { name, forEach?, when?, unless?, namespace?, optional? }',
          );
          return;
        }
        for (const k of Object.keys(t))
          if (!TEMPLATE_FIELDS.includes(k))
            add(tat, `has unknown field "${k}"`);
        for (const k of ['forEach', 'when', 'unless', 'namespace'] as const) {
          if (t[k] !== undefined && (typeof t[k] !== 'string' || !t[k]))
            add(`${tat}.${k}`, 'must be a non-empty string');
        }
        for (const k of ['forEach', 'when', 'unless'] as const) {
          if (typeof t[k] !== 'string' || !t[k]) continue;
          try {
            parsePath(t[k] as string);
          } catch (e) {
            add(`${tat}.${k}`, `: ${(e as Error).message}`);
          }
        }
        for (const k of ['name', 'namespace'] as const) {
          if (typeof t[k] !== 'string' || !t[k]) continue;
          const problem = templateProblem(t[k] as string);
          if (problem) add(`${tat}.${k}`, `: ${problem}`);
        }
        if (t.optional !== undefined && typeof t.optional !== 'boolean')
          add(`${tat}.optional`, 'must be true or false');
      });
    }
  });
  return problems;
}

/** Checks configured rules; throws the first problem, naming the rule and field that is wrong. */
export function validateProducerRules(raw: unknown): ProducerRule[] {
  const [first] = producerRuleProblems(raw);
  if (first) throw new Error(first.message);
  return raw as ProducerRule[];
}
