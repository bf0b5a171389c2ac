import { contextOf } from '../../../__testUtils__/argoContext';
import { argocdAppsObjects, argoFromRenderedDocs } from './appOfApps';

describe('declarations in rendered documents', () => {
  it('reads rendered Applications and ApplicationSets in the environment they were rendered for', () => {
    const ctx = contextOf(
      {
        'charts/orders/Chart.yaml': 'name: orders\n',
        'charts/orders/values-dev.yaml': '',
      },
      {},
      ['charts/orders'],
    );
    const found = argoFromRenderedDocs(
      [
        {
          obj: {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'ApplicationSet',
            metadata: { name: 'set' },
            spec: {
              generators: [{ list: { elements: [{ app: 'orders' }] } }],
              template: {
                metadata: { name: '{{app}}' },
                spec: {
                  source: {
                    path: 'charts/{{app}}',
                    helm: { valueFiles: ['values-dev.yaml'] },
                  },
                },
              },
            },
          },
          file: 'charts/root/templates/set.yaml',
          line: 3,
          environment: 'dev',
        },
        {
          obj: { apiVersion: 'v1', kind: 'ConfigMap' },
          file: 'x.yaml',
          environment: 'dev',
        },
      ],
      ctx,
    );
    expect(
      found.releases.map(r => [r.name, r.env, r.valueFiles, r.file]),
    ).toStrictEqual([
      [
        'orders',
        'dev',
        ['charts/orders/values-dev.yaml'],
        'charts/root/templates/set.yaml',
      ],
    ]);
  });

  it('the argocd-apps chart values, as a map by name or a list', () => {
    const objs = argocdAppsObjects({
      applications: {
        orders: { project: 'p', source: { path: 'a' }, extra: 1 },
      },
      applicationsets: [
        { name: 'set', generators: [], template: {}, goTemplate: true },
      ],
    });
    expect(objs).toStrictEqual([
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'orders' },
        spec: { project: 'p', source: { path: 'a' } },
      },
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: 'set' },
        spec: { generators: [], template: {}, goTemplate: true },
      },
    ]);
  });
});
