import { parse } from 'yaml';
import { dedent } from '../../../__testUtils__/fileTree';
import { contextOf } from '../../../__testUtils__/argoContext';
import { readApplication } from './application';
import type { ArgoSettings } from './types';

const origin = { file: 'argocd/app.yaml', line: 1, what: 'Application/x' };
const read = (
  yaml: string,
  files: Record<string, string> = {},
  settings: Partial<ArgoSettings> = {},
) => {
  const ctx = contextOf(
    {
      'charts/orders/Chart.yaml': 'name: orders\n',
      'charts/orders/values.yaml': '',
      'charts/orders/values-dev.yaml': '',
      ...files,
    },
    settings,
    ['charts/orders'],
  );
  const out = readApplication(parse(dedent(yaml)), ctx, origin);
  return { ...out, notes: ctx.notes.map(n => n.message) };
};

describe('Application sources', () => {
  it('multi-source: $ref value files at the root of the ref source, chart-relative files, inline values with precedence', () => {
    const { releases, notes } = read(
      `
      metadata: {name: orders-dev}
      spec:
        destination: {namespace: shop}
        sources:
          - {repoURL: https://x/repo.git, ref: values}
          - repoURL: https://x/repo.git
            path: charts/orders
            helm:
              releaseName: orders
              valueFiles: [values-dev.yaml, $values/config/dev/orders.yaml, $values/config/dev/missing.yaml]
              values: |
                a: from-values
              valuesObject: {b: from-object}
              parameters:
                - {name: image.tag, value: "1.2"}
                - {name: replicas, value: "3"}
                - {name: 'list[1].name', value: x}
                - {name: port, value: "80", forceString: true}
      `,
      { 'config/dev/orders.yaml': 'key: v\n' },
    );
    expect(releases).toStrictEqual([
      {
        name: 'orders',
        chartDir: 'charts/orders',
        env: 'dev',
        valueFiles: ['charts/orders/values-dev.yaml', 'config/dev/orders.yaml'],
        inline: {
          b: 'from-object',
          image: { tag: '1.2' },
          replicas: 3,
          list: [null, { name: 'x' }],
          port: '80',
        },
        namespace: 'shop',
        application: 'orders-dev',
        file: 'argocd/app.yaml',
        line: 1,
      },
    ]);
    expect(notes).toStrictEqual([
      'Application/x: value file $values/config/dev/missing.yaml (config/dev/missing.yaml) does not exist; Argo CD fails to render the Application unless ignoreMissingValueFiles is set',
    ]);
  });

  it('values as a string when there is no valuesObject; missing files silently dropped with ignoreMissingValueFiles; globs expand in order', () => {
    const { releases, notes } = read(
      `
      metadata: {name: orders}
      spec:
        source:
          path: charts/orders
          helm:
            ignoreMissingValueFiles: true
            valueFiles: [nope.yaml, 'envs/*.yaml']
            values: "a: 1"
      `,
      { 'charts/orders/envs/b.yaml': '', 'charts/orders/envs/a.yaml': '' },
    );
    expect(
      releases.map(r => [r.name, r.env, r.valueFiles, r.inline]),
    ).toStrictEqual([
      [
        'orders',
        undefined,
        ['charts/orders/envs/a.yaml', 'charts/orders/envs/b.yaml'],
        { a: 1 },
      ],
    ]);
    expect(notes).toStrictEqual([]);
  });

  it('a remote chart is a release of a remote chart with an info note, inline values kept', () => {
    const { releases, notes } = read(
      `
      metadata: {name: redis-production}
      spec:
        sources:
          - repoURL: https://charts.bitnami.com/bitnami
            chart: redis
            targetRevision: 18.1.0
            helm:
              valueFiles: [$values/redis/production.yaml]
              valuesObject: {auth: {existingSecret: redis-auth}}
          - {repoURL: https://x/repo.git, ref: values}
    `,
      { 'redis/production.yaml': '' },
    );
    expect(releases).toStrictEqual([
      {
        name: 'redis',
        remoteChart: 'https://charts.bitnami.com/bitnami/redis',
        env: 'production',
        valueFiles: ['redis/production.yaml'],
        inline: { auth: { existingSecret: 'redis-auth' } },
        application: 'redis-production',
        file: 'argocd/app.yaml',
        line: 1,
      },
    ]);
    expect(notes).toStrictEqual([
      'Application/x: chart redis comes from https://charts.bitnami.com/bitnami (version 18.1.0), which is not in the repository: its templates are not rendered, its inline values are still read',
    ]);
  });

  it('Kustomize overlays and plain directories become directory sources, with their environment', () => {
    const { releases, directories } = read(
      `
      metadata: {name: shop}
      spec:
        destination: {namespace: shop}
        sources:
          - {repoURL: https://x/repo.git, path: apps/shop/overlays/staging}
          - {repoURL: https://x/repo.git, path: manifests/plain}
      `,
      {
        'apps/shop/overlays/staging/kustomization.yaml':
          'resources: [../../base]\n',
        'manifests/plain/cm.yaml': 'kind: ConfigMap\n',
      },
    );
    expect(releases).toStrictEqual([]);
    expect(directories).toStrictEqual([
      {
        name: 'shop',
        path: 'apps/shop/overlays/staging',
        namespace: 'shop',
        environment: 'staging',
        file: 'argocd/app.yaml',
        line: 1,
      },
      {
        name: 'shop',
        path: 'manifests/plain',
        namespace: 'shop',
        file: 'argocd/app.yaml',
        line: 1,
      },
    ]);
  });

  it('sources of another repository and $ref files of another repository are notes, when the options name this repository', () => {
    const { releases, notes } = read(
      `
      metadata: {name: orders}
      spec:
        sources:
          - {repoURL: https://x/other.git, ref: cfg}
          - repoURL: https://x/repo.git
            path: charts/orders
            helm: {valueFiles: [$cfg/orders.yaml]}
          - {repoURL: 'https://bot:hunter2@x/other.git', path: apps}
      `,
      {},
      { repoURLs: ['https://x/repo'] },
    );
    expect(releases.map(r => r.valueFiles)).toStrictEqual([[]]);
    expect(notes).toStrictEqual([
      'Application/x: value file $cfg/orders.yaml lives in another repository (https://x/other.git), which the engine cannot read',
      // credentials in a URL never reach a message
      'Application/x: source apps lives in another repository (https://x/other.git), which the engine cannot read',
    ]);
  });
});
