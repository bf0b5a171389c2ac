/* Argo CD discovery end to end: the releases a platform repository declares. */
import {
  chart,
  externalSecret,
  fileTree,
} from '../../../__testUtils__/fileTree';
import { analyze } from '../../analyze';

const es = (name: string) =>
  externalSecret({
    name,
    data: [{ secretKey: 'k', key: `{{ .Values.key }}`, property: 'value' }],
  });

/** A platform repository whose releases are declared by one ApplicationSet. */
const platform = {
  ...chart('apps', 'orders', { 'es.yaml': es('orders') }, 'key: chart\n'),
  ...chart('apps', 'billing', { 'es.yaml': es('billing') }, 'key: chart\n'),
  'platform/envs/dev/env.yaml': 'env: dev\nclusterName: dev-1\n',
  'platform/envs/production/env.yaml': 'env: production\nclusterName: prod-1\n',
  'platform/components/orders/component.yaml':
    'name: orders\nchart: sources/charts/apps/orders\nnamespace: shop\n',
  'platform/components/billing/component.yaml':
    'name: billing\nchart: sources/charts/apps/billing\nnamespace: money\nextraValues: [tuning.yaml]\n',
  'config/common/orders.yaml': 'key: common\n',
  'config/dev/orders.yaml': 'key: orders-dev\n',
  'config/production/orders.yaml': 'key: orders-production\n',
  'config/production/billing.yaml': 'key: billing-production\n',
  'config/production/tuning.yaml': 'tuning: true\n',
  'platform/appset.yaml': `
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
              - git:
                  repoURL: https://git.example.com/platform.git
                  revision: HEAD
                  files:
                    - path: platform/envs/*/env.yaml
              - git:
                  repoURL: https://git.example.com/platform.git
                  revision: HEAD
                  pathParamPrefix: component
                  files:
                    - path: platform/components/*/component.yaml
      template:
        metadata:
          name: '{{ .name }}-{{ .env }}'
        spec:
          project: platform
          destination:
            name: '{{ .clusterName }}'
            namespace: '{{ .namespace }}'
          sources:
            - repoURL: https://git.example.com/platform.git
              targetRevision: HEAD
              ref: values
            - repoURL: https://git.example.com/platform.git
              targetRevision: HEAD
              path: '{{ .chart }}'
      templatePatch: |
        spec:
          sources:
            - repoURL: https://git.example.com/platform.git
              targetRevision: HEAD
              ref: values
            - repoURL: https://git.example.com/platform.git
              targetRevision: HEAD
              path: '{{ .chart }}'
              helm:
                releaseName: '{{ .component.path.basename }}'
                ignoreMissingValueFiles: true
                valueFiles:
                  - $values/config/common/{{ .name }}.yaml
                  - $values/config/{{ .env }}/{{ .name }}.yaml
                {{- range (dig "extraValues" (list) .) }}
                  - $values/config/{{ $.env }}/{{ . }}
                {{- end }}
  `,
};

describe('Argo CD discovery end to end', () => {
  it('an ApplicationSet matrix of two git-files generators, goTemplate and templatePatch declares every release with its value files in order and its environment', () => {
    const report = analyze(fileTree(platform), {
      environments: ['dev', 'production'],
    });
    expect(
      report.releases.map(r => [
        r.name,
        r.chart,
        r.environments,
        r.valueFiles,
        r.namespace,
      ]),
    ).toStrictEqual([
      [
        'billing',
        'sources/charts/apps/billing',
        ['dev', 'production'],
        {
          dev: ['sources/charts/apps/billing/values.yaml'],
          production: [
            'sources/charts/apps/billing/values.yaml',
            'config/production/billing.yaml',
            'config/production/tuning.yaml',
          ],
        },
        'money',
      ],
      [
        'orders',
        'sources/charts/apps/orders',
        ['dev', 'production'],
        {
          dev: [
            'sources/charts/apps/orders/values.yaml',
            'config/common/orders.yaml',
            'config/dev/orders.yaml',
          ],
          production: [
            'sources/charts/apps/orders/values.yaml',
            'config/common/orders.yaml',
            'config/production/orders.yaml',
          ],
        },
        'shop',
      ],
    ]);
    expect(
      report.externalSecrets.map(e => [
        e.release,
        e.environment,
        e.keys[0].key,
      ]),
    ).toStrictEqual([
      ['billing', 'dev', 'chart'],
      ['billing', 'production', 'billing-production'],
      ['orders', 'dev', 'orders-dev'],
      ['orders', 'production', 'orders-production'],
    ]);
    expect(
      report.findings.filter(f => f.type === 'unevaluable-declaration'),
    ).toStrictEqual([]);
  });

  it('releases declared by an Application rendered by a chart (app-of-apps), in the environment of the parent', () => {
    const files = {
      ...chart('apps', 'orders', { 'es.yaml': es('orders') }, 'key: chart\n'),
      ...chart(
        'platform',
        'apps',
        {
          'apps.yaml': `{{- range $name, $app := .Values.applications }}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: {{ $name }}-{{ $.Values.env }}
spec:
  destination:
    namespace: {{ $app.namespace }}
  source:
    repoURL: https://git.example.com/platform.git
    path: {{ $app.path }}
    helm:
      valueFiles:
        - values-{{ $.Values.env }}.yaml
{{- end }}
`,
        },
        'applications:\n  orders:\n    namespace: shop\n    path: sources/charts/apps/orders\n',
      ),
      'sources/charts/apps/orders/values-dev.yaml': 'key: from-app-of-apps\n',
      'sources/values/env/dev/platform/platform-apps.yaml': 'env: dev\n',
      'sources/values/env/production/platform/platform-apps.yaml':
        'env: production\n',
    };
    const report = analyze(fileTree(files), {
      environments: ['dev', 'production'],
      knownEnvironments: ['dev', 'production'],
    });
    expect(
      report.releases.map(r => [
        r.name,
        r.environments,
        r.valueFiles.dev,
        r.namespace,
      ]),
    ).toStrictEqual([
      [
        'orders',
        ['dev', 'production'],
        [
          'sources/charts/apps/orders/values.yaml',
          'sources/charts/apps/orders/values-dev.yaml',
        ],
        'shop',
      ],
      ['platform-apps', ['dev', 'production'], expect.any(Array), undefined],
    ]);
    expect(
      report.externalSecrets.map(e => [
        e.release,
        e.environment,
        e.keys[0].key,
      ]),
    ).toStrictEqual([
      ['orders', 'dev', 'from-app-of-apps'],
      ['orders', 'production', 'chart'],
    ]);
    // the missing production value file is reported at info level, never as an error
    expect(
      report.findings
        .filter(f => f.type === 'unevaluable-declaration')
        .map(f => [f.severity, f.message]),
    ).toStrictEqual([
      [
        'info',
        'Application/orders-production: value file values-production.yaml (sources/charts/apps/orders/values-production.yaml) does not exist; Argo CD fails to render the Application unless ignoreMissingValueFiles is set.',
      ],
    ]);
  });

  it('the argocd-apps chart from its Helm repository: its values declare the Applications', () => {
    const report = analyze(
      fileTree({
        ...chart('apps', 'orders', { 'es.yaml': es('orders') }, 'key: chart\n'),
        'sources/charts/apps/orders/values-production.yaml':
          'key: via-argocd-apps\n',
        'argocd/root.yaml': `
          apiVersion: argoproj.io/v1alpha1
          kind: Application
          metadata: {name: root-production}
          spec:
            source:
              repoURL: https://argoproj.github.io/argo-helm
              chart: argocd-apps
              targetRevision: 2.0.2
              helm:
                valuesObject:
                  applications:
                    orders:
                      project: default
                      source:
                        repoURL: https://git.example.com/platform.git
                        path: sources/charts/apps/orders
                        helm: {valueFiles: [values-production.yaml]}
                      destination: {namespace: shop}
        `,
      }),
      {
        environments: ['dev', 'production'],
        knownEnvironments: ['dev', 'production'],
      },
    );
    expect(
      report.releases.map(r => [r.name, r.chart, r.environments]),
    ).toStrictEqual([
      ['orders', 'sources/charts/apps/orders', ['production']],
      [
        'root',
        'https://argoproj.github.io/argo-helm/argocd-apps',
        ['production'],
      ],
    ]);
    expect(
      report.externalSecrets.map(e => [
        e.release,
        e.environment,
        e.keys[0].key,
      ]),
    ).toStrictEqual([['orders', 'production', 'via-argocd-apps']]);
  });

  it('an app-of-apps cycle ends', () => {
    const files = {
      ...chart(
        'platform',
        'root',
        {
          'self.yaml':
            'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: root\nspec:\n  source:\n    path: sources/charts/platform/root\n',
        },
        '',
      ),
    };
    const report = analyze(fileTree(files), { environments: ['dev'] });
    expect(report.releases.map(r => r.name)).toStrictEqual(['root']);
  });

  it('SCM generators and remote charts become info findings, never errors', () => {
    const report = analyze(
      fileTree({
        'argocd/scm.yaml': `
          apiVersion: argoproj.io/v1alpha1
          kind: ApplicationSet
          metadata: {name: repos}
          spec:
            generators:
              - scmProvider: {github: {organization: example}}
            template:
              metadata: {name: '{{repository}}'}
              spec: {source: {path: deploy}}
        `,
        'argocd/redis.yaml': `
          apiVersion: argoproj.io/v1alpha1
          kind: Application
          metadata: {name: redis}
          spec:
            destination: {namespace: cache}
            source:
              repoURL: oci://registry.example.com/charts
              chart: redis
              helm:
                valuesObject: {auth: {existingSecret: redis-auth}}
        `,
      }),
      { environments: ['dev'] },
    );
    expect(
      report.findings.map(f => [f.type, f.severity, f.sourceRef?.file]),
    ).toStrictEqual([
      // the inline values of the remote chart are read: its existingSecret has
      // no producer in the repository, but the remote chart may create it
      ['missing-producer', 'info', 'argocd/redis.yaml'],
      ['unevaluable-declaration', 'info', 'argocd/redis.yaml'],
      ['unevaluable-declaration', 'info', 'argocd/scm.yaml'],
    ]);
    expect(
      report.releases.map(r => [r.name, r.chart, r.environments]),
    ).toStrictEqual([
      ['redis', 'oci://registry.example.com/charts/redis', ['dev']],
    ]);
  });
});
