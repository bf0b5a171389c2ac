import { chart, externalSecret, fileTree } from '../__testUtils__/fileTree';
import { analyze } from './analyze';

const es = (name: string) =>
  `{{- if .Values.secrets.enabled }}\n${externalSecret({
    name,
    data: [{ secretKey: 'k', key: '{{ .Values.key }}', property: 'value' }],
  })}{{- end }}\n`;

const orders = chart(
  'apps',
  'orders',
  { 'es.yaml': es('orders') },
  'secrets:\n  enabled: true\nkey: from-chart\n',
);

const releaseOf = (
  files: Record<string, string>,
  environments = ['dev', 'production'],
) => {
  const r = analyze(fileTree(files), { environments });
  return {
    report: r,
    keys: r.externalSecrets.map(e => [
      e.release,
      e.environment,
      e.keys[0].key,
      e.namespace,
    ]),
  };
};

describe('release discovery', () => {
  it('falls back to the layout convention: chart values, globals, shared, then per-environment values', () => {
    const { report, keys } = releaseOf({
      ...orders,
      'sources/values/_shared/globals.yaml': 'key: from-globals\n',
      'sources/values/_shared/apps/apps-orders.yaml':
        'key: from-shared\nnamespace: ameide\n',
      'sources/values/env/production/apps/apps-orders.yaml':
        'key: from-production\n',
    });
    expect(report.releases).toStrictEqual([
      {
        name: 'apps-orders',
        chart: 'sources/charts/apps/orders',
        kind: 'helm',
        layer: 'service',
        environments: ['dev', 'production'],
        valueFiles: {
          dev: [
            'sources/charts/apps/orders/values.yaml',
            'sources/values/_shared/globals.yaml',
            'sources/values/_shared/apps/apps-orders.yaml',
          ],
          production: [
            'sources/charts/apps/orders/values.yaml',
            'sources/values/_shared/globals.yaml',
            'sources/values/_shared/apps/apps-orders.yaml',
            'sources/values/env/production/apps/apps-orders.yaml',
          ],
        },
        namespace: 'ameide',
      },
    ]);
    expect(keys).toStrictEqual([
      ['apps-orders', 'dev', 'from-shared', 'ameide'],
      ['apps-orders', 'production', 'from-production', 'ameide'],
    ]);
  });

  it('reads Argo CD Applications with multiple sources and $ref value files; installed only where declared', () => {
    const app = (env: string) => `
      apiVersion: argoproj.io/v1alpha1
      kind: Application
      metadata:
        name: orders-${env}
      spec:
        destination:
          namespace: shop-${env}
        sources:
          - repoURL: https://example.com/gitops.git
            ref: values
          - repoURL: https://example.com/gitops.git
            path: sources/charts/apps/orders
            helm:
              releaseName: orders
              valueFiles:
                - values.yaml
                - $values/config/${env}/orders.yaml
    `;
    const { report, keys } = releaseOf({
      ...orders,
      'argocd/production/orders.yaml': app('production'),
      'config/production/orders.yaml': 'key: argo-production\n',
    });
    expect(
      report.releases.map(r => [
        r.name,
        r.environments,
        r.valueFiles,
        r.namespace,
      ]),
    ).toStrictEqual([
      [
        'orders',
        ['production'],
        {
          production: [
            'sources/charts/apps/orders/values.yaml',
            'config/production/orders.yaml',
          ],
        },
        'shop-production',
      ],
    ]);
    expect(keys).toStrictEqual([
      ['orders', 'production', 'argo-production', 'shop-production'],
    ]);
  });

  it('reads Argo CD ApplicationSets with list generators', () => {
    const { keys } = releaseOf({
      ...orders,
      'argocd/appset.yaml': `
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata:
          name: orders
        spec:
          generators:
            - list:
                elements:
                  - env: dev
                  - env: production
          template:
            metadata:
              name: 'orders-{{env}}'
            spec:
              destination:
                namespace: 'orders-{{env}}'
              source:
                path: sources/charts/apps/orders
                helm:
                  valueFiles:
                    - ../../../../values/{{env}}.yaml
      `,
      'values/dev.yaml': 'key: set-dev\n',
      'values/production.yaml': 'key: set-production\n',
    });
    expect(keys).toStrictEqual([
      ['orders', 'dev', 'set-dev', 'orders-dev'],
      ['orders', 'production', 'set-production', 'orders-production'],
    ]);
  });

  it('reads Flux HelmReleases with valuesFiles and inline values (applied last)', () => {
    const { keys } = releaseOf({
      ...orders,
      'clusters/dev/orders.yaml': `
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: orders
          namespace: flux-system
        spec:
          targetNamespace: orders
          chart:
            spec:
              chart: ./sources/charts/apps/orders
              valuesFiles:
                - sources/charts/apps/orders/values.yaml
                - clusters/dev/orders-values.yaml
          values:
            secrets:
              enabled: true
      `,
      'clusters/dev/orders-values.yaml':
        'key: flux-dev\nsecrets:\n  enabled: false\n',
    });
    expect(keys).toStrictEqual([['orders', 'dev', 'flux-dev', 'orders']]);
  });

  it('a release disabled in an environment renders no ExternalSecret there', () => {
    const { report, keys } = releaseOf({
      ...orders,
      'sources/values/env/dev/apps/apps-orders.yaml': 'installed: false\n',
    });
    expect(keys.map(k => k[1])).toStrictEqual(['production']);
    expect(report.releases[0].environments).toStrictEqual(['production']);
  });

  it('values layering: maps deep-merge, lists replace, null deletes', () => {
    const tpl = `{{- range .Values.list }}\n---\n${externalSecret({
      name: '{{ . }}',
      data: [
        {
          secretKey: 'k',
          key: '{{ $.Values.db.key }}',
          property: '{{ $.Values.db.property | default "value" }}',
        },
      ],
    })}{{- end }}\n`;
    const { report } = releaseOf(
      {
        ...chart(
          'apps',
          'x',
          { 'es.yaml': tpl },
          'db:\n  key: base-key\n  property: custom\nlist: [a, b, c]\n',
        ),
        'sources/values/_shared/apps/apps-x.yaml':
          'db:\n  property: null\nlist: [z]\n',
      },
      ['dev'],
    );
    expect(
      report.externalSecrets.map(e => [
        e.name,
        e.keys[0].key,
        e.keys[0].property,
      ]),
    ).toStrictEqual([['z', 'base-key', 'value']]);
  });

  it('vendored subcharts are not releases', () => {
    const { report } = releaseOf({
      ...orders,
      ...chart('apps', 'orders/charts/redis', {}, ''),
    });
    expect(report.releases.map(r => r.name)).toStrictEqual(['apps-orders']);
  });

  it('links releases and findings to catalog entities via ameide.io/chart and ameide.io/helm-release', () => {
    const entity = (name: string, annotations: string) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  annotations:\n${annotations}spec:\n  type: service\n`;
    const { report } = releaseOf(
      {
        ...orders,
        ...chart('platform', 'keycloak', {}, ''),
        'catalog/orders.yaml': entity(
          'orders',
          '    ameide.io/chart: ./sources/charts/apps/orders/\n',
        ),
        'catalog/keycloak.yaml': entity(
          'keycloak',
          '    ameide.io/chart: sources/charts/platform/keycloak\n    ameide.io/helm-release: platform-keycloak\n',
        ),
        'sources/values/_shared/apps/apps-orders.yaml': 'key: orders-key\n',
      },
      ['dev'],
    );
    expect(report.releases.map(r => [r.name, r.entityRef])).toStrictEqual([
      ['apps-orders', 'component:default/orders'],
      ['platform-keycloak', 'component:default/keycloak'],
    ]);
    expect(
      report.findings
        .filter(f => f.release === 'apps-orders')
        .map(f => [f.type, f.entityRef]),
    ).toStrictEqual([['unserved-store', 'component:default/orders']]);
  });

  it('entities from the options override nothing and add links', () => {
    const r = analyze(fileTree(orders), {
      environments: ['dev'],
      entities: [
        {
          entityRef: 'component:shop/orders',
          chart: 'sources/charts/apps/orders',
          releases: ['apps-orders'],
        },
      ],
    });
    expect(r.releases.map(x => x.entityRef)).toStrictEqual([
      'component:shop/orders',
    ]);
  });

  it('reads ApplicationSets whose matrix combines environments with per-component definition files', () => {
    const { keys } = releaseOf({
      ...orders,
      'components/orders/component.yaml':
        'name: orders\nchart: sources/charts/apps/orders\nnamespace: shop\n',
      'components/README.yaml': 'not: a component\n',
      'argocd/components.yaml': `
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata:
          name: components
        spec:
          generators:
            - matrix:
                generators:
                  - list:
                      elements:
                        - env: dev
                        - env: production
                  - git:
                      repoURL: https://example.com/gitops.git
                      files:
                        - path: components/*/component.yaml
          template:
            metadata:
              name: '{{name}}-{{env}}'
            spec:
              destination:
                namespace: '{{ namespace }}-{{env}}'
              sources:
                - ref: values
                - path: '{{chart}}'
                  helm:
                    valueFiles:
                      - $values/values/{{env}}/{{path.basename}}.yaml
      `,
      'values/dev/orders.yaml': 'key: matrix-dev\n',
      'values/production/orders.yaml': 'key: matrix-production\n',
    });
    expect(keys).toStrictEqual([
      ['orders', 'dev', 'matrix-dev', 'shop-dev'],
      ['orders', 'production', 'matrix-production', 'shop-production'],
    ]);
  });

  it('discovery is configurable: declarations can be ignored', () => {
    const files = {
      ...orders,
      'clusters/dev/orders.yaml':
        'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: orders\nspec:\n  chart:\n    spec:\n      chart: sources/charts/apps/orders\n',
    };
    expect(
      analyze(fileTree(files), { environments: ['dev'] }).releases.map(
        r => r.name,
      ),
    ).toStrictEqual(['orders']);
    expect(
      analyze(fileTree(files), {
        environments: ['dev'],
        discovery: ['layout'],
      }).releases.map(r => r.name),
    ).toStrictEqual(['apps-orders']);
    expect(
      analyze(fileTree(files), { environments: ['dev'], discovery: ['argocd'] })
        .releases,
    ).toStrictEqual([]);
  });
});

describe('charts', () => {
  it('a chart under a folder named charts is a release; only a chart under another chart is vendored', () => {
    const r = analyze(
      fileTree({
        'infrastructure/argocd/charts/orders/Chart.yaml': 'name: orders\n',
        'infrastructure/argocd/charts/orders/charts/redis/Chart.yaml':
          'name: redis\n',
      }),
      { environments: ['dev'] },
    );
    expect(r.releases.map(x => x.chart)).toStrictEqual([
      'infrastructure/argocd/charts/orders',
    ]);
  });
});
