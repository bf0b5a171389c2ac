/*
 * The worked example of the top-level README ("Configuring a repository
 * that does not follow the demo layout"), run on the repository it
 * describes: the app-config YAML and the --config JSON shown there must be
 * the same valid options, and each must do what the README says it does.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileTree } from '../__testUtils__/fileTree';
import { parseYaml, toData } from '../yaml';
import { analyze } from './analyze';
import type { AnalyzeOptions } from './options';
import { parseEngineOptions } from './parseEngineOptions';

const HEADING =
  '## Configuring a repository that does not follow the demo layout';

function readmeExample() {
  const readme = readFileSync(
    resolve(__dirname, '../../../../README.md'),
    'utf8',
  );
  const start = readme.indexOf(HEADING);
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + HEADING.length);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const block = (lang: string) => {
    const m = new RegExp(`\`\`\`${lang}\n([\\s\\S]*?)\`\`\``).exec(section);
    expect(m).not.toBeNull();
    return m![1];
  };
  const doc = parseYaml(block('yaml'), 'README.md').documents[0];
  const data = toData(doc);
  if (!('value' in data)) throw new Error(data.error);
  return {
    yaml: (data.value as any).secrets.engine as unknown,
    json: JSON.parse(block('json')) as unknown,
  };
}

/** The repository the README describes. */
const repository = fileTree({
  'argocd/platform.yaml': `
    apiVersion: argoproj.io/v1alpha1
    kind: ApplicationSet
    metadata:
      name: platform
      namespace: argocd
    spec:
      goTemplate: true
      goTemplateOptions: ["missingkey=error"]
      generators:
        - matrix:
            generators:
              - list:
                  elements:
                    - { name: stores, chart: platform/stores, namespace: external-secrets }
                    - { name: vault-seed, chart: platform/vault-seed, namespace: vault }
                    - { name: orders, chart: services/orders, namespace: orders }
              - git:
                  repoURL: https://git.example.com/acme/platform.git
                  revision: main
                  files:
                    - path: envs/*/env.yaml
      template:
        metadata:
          name: '{{ .name }}-{{ .env }}'
        spec:
          project: default
          source:
            repoURL: https://git.example.com/acme/platform.git
            targetRevision: main
            path: 'charts/{{ .chart }}'
            helm:
              releaseName: '{{ .name }}'
              ignoreMissingValueFiles: true
              valueFiles:
                - '../../../values/{{ .name }}/common.yaml'
                - '../../../values/{{ .name }}/{{ .env }}.yaml'
          destination:
            server: '{{ .cluster }}'
            namespace: '{{ .namespace }}'
  `,
  'charts/platform/stores/Chart.yaml': `
    apiVersion: v2
    name: stores
    version: 1.0.0
  `,
  'charts/platform/stores/templates/onepassword-token.yaml': `
    apiVersion: external-secrets.io/v1
    kind: ExternalSecret
    metadata:
      name: onepassword-token
      namespace: external-secrets
    spec:
      secretStoreRef:
        kind: ClusterSecretStore
        name: vault
      target:
        name: onepassword-token
      data:
        - secretKey: token
          remoteRef:
            key: platform/onepassword
            property: token
  `,
  'charts/platform/stores/templates/onepassword.yaml': `
    apiVersion: external-secrets.io/v1
    kind: ClusterSecretStore
    metadata:
      name: onepassword
    spec:
      provider:
        onepasswordSDK:
          vault: platform
          auth:
            serviceAccountSecretRef:
              name: onepassword-token
              namespace: external-secrets
              key: token
  `,
  'charts/platform/stores/templates/vault.yaml': `
    apiVersion: external-secrets.io/v1
    kind: ClusterSecretStore
    metadata:
      name: vault
    spec:
      provider:
        vault:
          server: https://vault.example.com
          path: secret
          version: v2
          auth:
            kubernetes:
              mountPath: kubernetes
              role: external-secrets
  `,
  'charts/platform/vault-seed/Chart.yaml': `
    apiVersion: v2
    name: vault-seed
    version: 1.0.0
  `,
  'charts/platform/vault-seed/templates/job.yaml': `
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: vault-seed
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: seed
              image: hashicorp/vault:1.17
              args: ["/seed.sh"]
  `,
  'charts/platform/vault-seed/values.yaml': `
    seedData: {}
    bootstrap:
      placeholders: {}
  `,
  'charts/services/orders/Chart.yaml': `
    apiVersion: v2
    name: orders
    version: 1.0.0
  `,
  'charts/services/orders/templates/cache.yaml': `
    apiVersion: cache.acme.io/v1
    kind: Cache
    metadata:
      name: orders-cache
    spec:
      size: 1Gi
  `,
  'charts/services/orders/templates/deployment.yaml': `
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: orders
    spec:
      template:
        spec:
          containers:
            - name: orders
              image: registry.example.com/orders:1.0.0
              envFrom:
                - secretRef:
                    name: orders-db
                - secretRef:
                    name: orders-stripe
                - secretRef:
                    name: orders-cache-credentials
  `,
  'charts/services/orders/templates/externalsecrets.yaml': `
    apiVersion: external-secrets.io/v1
    kind: ExternalSecret
    metadata:
      name: orders-db
    spec:
      secretStoreRef:
        kind: ClusterSecretStore
        name: vault
      target:
        name: orders-db
      data:
        - secretKey: password
          remoteRef:
            key: orders/db
            property: password
    ---
    apiVersion: external-secrets.io/v1
    kind: ExternalSecret
    metadata:
      name: orders-stripe
    spec:
      secretStoreRef:
        kind: ClusterSecretStore
        name: onepassword
      target:
        name: orders-stripe
      data:
        - secretKey: api-key
          remoteRef:
            key: stripe/api-key
  `,
  'charts/services/orders/values.yaml': `
    azureKeyVault:
      secrets: []
  `,
  'envs/dev/env.yaml': `
    env: dev
    cluster: https://dev.k8s.example.com
  `,
  'envs/prod/env.yaml': `
    env: prod
    cluster: https://prod.k8s.example.com
  `,
  'envs/staging/env.yaml': `
    env: staging
    cluster: https://staging.k8s.example.com
  `,
  'legacy/smtp.yaml': `
    apiVersion: v1
    kind: Secret
    metadata:
      name: smtp
      namespace: mail
    stringData:
      password: s3cr3t-Pa55word
  `,
  'values/orders/prod.yaml': `
    azureKeyVault:
      secrets:
        - vaultKey: orders/db
  `,
  'values/vault-seed/common.yaml': `
    seedData:
      orders/db:
        username: orders
        password: local-dev-orders-db
    bootstrap:
      placeholders:
        platform/onepassword:
          token: placeholder-op-token
  `,
  'values/vault-seed/prod.yaml': `
    seedData:
      orders/db:
        username: orders
        password: ""
  `,
});

const types = (options: AnalyzeOptions) =>
  analyze(repository, options)
    .findings.map(f => `${f.severity} ${f.type} ${f.environment ?? ''}`.trim())
    .sort();

describe('the README example of a repository with its own layout', () => {
  const { yaml, json } = readmeExample();
  const parsed = parseEngineOptions(json);

  it('shows the same valid options as app-config YAML and as --config JSON', () => {
    expect(parsed.errors).toStrictEqual([]);
    expect(parseEngineOptions(yaml)).toStrictEqual(parsed);
  });

  it('checks clean with them, and reads the repository as the README says', () => {
    const report = analyze(repository, parsed.options);
    expect(report.findings).toStrictEqual([]);
    expect(report.environments).toStrictEqual(['dev', 'staging', 'prod']);
    expect(report.fixtureEnvironments).toStrictEqual(['dev']);
    expect(report.productionEnvironments).toStrictEqual(['prod']);
    const row = (key: string, env: string) =>
      report.coverage.find(c => c.key === key && c.environment === env);
    expect(row('orders/db', 'prod')).toMatchObject({
      fixture: 'empty-override',
      writers: ['azure-keyvault-sync'],
    });
    expect(row('stripe/api-key', 'dev')?.fixture).toBe('not-applicable');
    expect(row('platform/onepassword', 'dev')?.fixture).toBe('present');
  });

  it('without options: no fixture map, the legacy credential, the unknown producer', () => {
    expect(analyze(repository, {}).fixtureMap.present).toBe(false);
    expect(types({})).toStrictEqual([
      'error inline-credential',
      'warning missing-producer dev',
      'warning missing-producer prod',
      'warning missing-producer staging',
    ]);
  });

  it.each([
    ['fixtureKey', ['error missing-fixture dev']],
    ['placeholderPaths', ['error missing-fixture dev']],
    ['writerSelectors', ['error empty-production-override prod']],
    [
      'producers',
      [
        'warning missing-producer dev',
        'warning missing-producer prod',
        'warning missing-producer staging',
      ],
    ],
    ['ignorePaths', ['error inline-credential']],
  ])('without %s: what the README table says', (key, expected) => {
    const { [key as keyof AnalyzeOptions]: _left, ...rest } = parsed.options;
    expect(types(rest)).toStrictEqual(expected);
  });
});
