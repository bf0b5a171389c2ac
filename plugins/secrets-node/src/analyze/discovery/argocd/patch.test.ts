import { applyTemplatePatch } from './patch';

const app = {
  metadata: { name: 'orders', labels: { team: 'shop' } },
  spec: {
    project: 'default',
    sources: [{ repoURL: 'r', path: 'charts/orders' }],
    source: { path: 'charts/orders', helm: { valueFiles: ['values.yaml'] } },
    syncPolicy: { automated: { prune: true }, syncOptions: ['A=true'] },
  },
};

describe('templatePatch merge', () => {
  it('merges maps key by key and replaces lists', () => {
    const out = applyTemplatePatch(app, {
      metadata: { labels: { env: 'dev' } },
      spec: {
        source: { helm: { valueFiles: ['values.yaml', 'values-dev.yaml'] } },
        syncPolicy: { syncOptions: ['B=true'] },
      },
    });
    expect(out.metadata).toStrictEqual({
      name: 'orders',
      labels: { team: 'shop', env: 'dev' },
    });
    expect(out.spec.source).toStrictEqual({
      path: 'charts/orders',
      helm: { valueFiles: ['values.yaml', 'values-dev.yaml'] },
    });
    expect(out.spec.syncPolicy).toStrictEqual({
      automated: { prune: true },
      syncOptions: ['B=true'],
    });
  });

  it('a sources list in the patch replaces the template sources', () => {
    const out = applyTemplatePatch(app, {
      spec: {
        sources: [
          { ref: 'values' },
          { path: 'charts/orders', helm: { valueFiles: ['$values/a.yaml'] } },
        ],
      },
    });
    expect(out.spec.sources).toHaveLength(2);
    expect(out.spec.sources[1].helm.valueFiles).toStrictEqual([
      '$values/a.yaml',
    ]);
  });

  it('null deletes, $patch directives apply, the project cannot change', () => {
    const out = applyTemplatePatch(app, {
      spec: {
        project: 'other',
        syncPolicy: { automated: null },
        source: { $patch: 'replace', path: 'x' },
      },
    });
    expect(out.spec.project).toBe('default');
    expect(out.spec.syncPolicy).toStrictEqual({ syncOptions: ['A=true'] });
    expect(out.spec.source).toStrictEqual({ path: 'x' });
    expect(
      applyTemplatePatch(app, { spec: { source: { $patch: 'delete' } } }).spec
        .source,
    ).toBeUndefined();
  });
});
