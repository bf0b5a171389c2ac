import { fileTree } from '../__testUtils__/fileTree';
import { appliedManifests } from './applied';
import { buildDirectorySource } from './applied/directorySources';
import { resolveOptions } from './options';
import type { Problem } from './render';
import { YamlCache } from './yamlCache';

const es = (name: string) =>
  `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: ${name}\nspec:\n  secretStoreRef: { kind: ClusterSecretStore, name: vault }\n  target: { name: ${name} }\n`;

function setup(files: Record<string, string>) {
  const tree = fileTree(files);
  const cache = new YamlCache();
  cache.use(tree);
  return { tree, cache, problems: [] as Problem[] };
}

describe('directory sources of other tools', () => {
  const o = resolveOptions({ environments: ['dev', 'production'] });

  it('builds a Kustomize source with the destination namespace and environment', () => {
    const { tree, cache, problems } = setup({
      'apps/web/kustomization.yaml': 'resources: [es.yaml, store.yaml]\n',
      'apps/web/es.yaml': es('web'),
      'apps/web/store.yaml':
        'apiVersion: external-secrets.io/v1\nkind: ClusterSecretStore\nmetadata:\n  name: vault\n',
      'apps/web/unused.yaml': es('unused'),
    });
    const docs = buildDirectorySource(
      tree,
      {
        name: 'web',
        path: 'apps/web',
        namespace: 'shop',
        environment: 'production',
        file: 'argocd/web.yaml',
        line: 3,
      },
      o,
      cache,
      problems,
    );
    expect(
      docs.map(d => [
        d.release,
        d.environment,
        d.obj.kind,
        d.obj.metadata.namespace,
        d.obj.metadata.name,
      ]),
    ).toEqual([
      ['web', 'production', 'ExternalSecret', 'shop', 'web'],
      ['web', 'production', 'ClusterSecretStore', undefined, 'vault'],
    ]);
    expect(problems).toEqual([]);
  });

  it('a plain directory is the manifests directly in it, or below it with recurse, as include/exclude select; a missing path is an info', () => {
    const { tree, cache, problems } = setup({
      'apps/plain/a/es.yaml': es('a'),
      'apps/plain/b.yaml': es('b'),
      'apps/plain/c.yaml': es('c'),
    });
    const names = (directory?: Record<string, unknown>) =>
      buildDirectorySource(
        tree,
        {
          name: 'plain',
          path: './apps/plain/',
          file: 'argocd/plain.yaml',
          ...(directory ? { directory } : {}),
        },
        o,
        cache,
        problems,
      )
        .filter(d => d.environment === 'dev')
        .map(d => d.obj.metadata.name)
        .sort();
    expect(names()).toEqual(['b', 'c']);
    expect(names({ recurse: true })).toEqual(['a', 'b', 'c']);
    expect(names({ recurse: true, exclude: '{c.yaml,a/*}' })).toEqual(['b']);
    expect(names({ include: '*.yaml', exclude: 'b.yaml' })).toEqual(['c']);
    const none = buildDirectorySource(
      tree,
      { name: 'gone', path: 'apps/gone', file: 'argocd/gone.yaml', line: 7 },
      o,
      cache,
      problems,
    );
    expect(none).toEqual([]);
    expect(problems).toEqual([
      {
        kind: 'source',
        file: 'argocd/gone.yaml',
        line: 7,
        message:
          'gone: source path apps/gone is not a folder of this repository; what it applies is not analysed',
      },
    ]);
  });

  it('directory sources decide what is applied: other manifests are not read', () => {
    const { tree, cache, problems } = setup({
      'apps/web/es.yaml': es('web'),
      'legacy/es.yaml': es('legacy'),
    });
    const r = appliedManifests(tree, [], o, cache, problems, [
      { name: 'web', path: 'apps/web', environment: 'dev', file: 'app.yaml' },
    ]);
    expect(r.mode).toBe('applied');
    expect(r.docs.map(d => d.obj.metadata.name)).toEqual(['web']);
  });
});

describe('the raw reading', () => {
  it('skips default ignores and reports templates of other tools at info level', () => {
    const { tree, cache, problems } = setup({
      'manifests/es.yaml': es('web'),
      '.github/es.yaml': es('ci'),
      'templates/secret.yaml':
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n{% if y %}\nstringData: {}\n{% endif %}\n',
    });
    const r = appliedManifests(
      tree,
      [],
      resolveOptions({ environments: ['dev'] }),
      cache,
      problems,
    );
    expect(r.mode).toBe('raw');
    expect(r.docs.map(d => d.obj.metadata.name)).toEqual(['web']);
    expect(problems.map(p => [p.kind, p.file])).toEqual([
      ['source', 'templates/secret.yaml'],
    ]);
    const all = appliedManifests(
      tree,
      [],
      resolveOptions({ environments: ['dev'], defaultIgnores: false }),
      cache,
      [],
    );
    expect(all.docs.map(d => d.obj.metadata.name)).toEqual(['ci', 'web']);
  });
});

describe('Flux objects as applied', () => {
  const repo = (root: string) =>
    `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${root}\n  namespace: flux-system\nspec:\n  path: ./infra\n  sourceRef: { kind: GitRepository, name: flux-system }\n`;
  const helmRepo =
    'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: charts\n  namespace: flux-system\nspec:\n  url: https://charts.example.org\n';

  it('sources and Kustomizations are returned with their environment, never as manifests; a root no build contains too', () => {
    const { tree, cache, problems } = setup({
      'clusters/dev/infra.yaml': repo('infra'),
      'infra/repos.yaml': helmRepo,
      'infra/es.yaml': es('web'),
    });
    const r = appliedManifests(
      tree,
      [],
      resolveOptions({ environments: ['dev', 'production'] }),
      cache,
      problems,
    );
    expect(r.docs.map(d => d.obj.kind)).toEqual(['ExternalSecret']);
    expect(
      r.fluxObjects.map(b => [b.obj.kind, b.obj.metadata.name, b.environment]),
    ).toEqual([
      ['HelmRepository', 'charts', 'dev'],
      ['Kustomization', 'infra', 'dev'],
    ]);
  });

  it('read raw when nothing declares what is applied', () => {
    const { tree, cache, problems } = setup({ 'repos.yaml': helmRepo });
    const r = appliedManifests(
      tree,
      [],
      resolveOptions({ environments: ['dev'] }),
      cache,
      problems,
    );
    expect(r.mode).toBe('raw');
    expect(r.fluxObjects.map(b => b.obj.metadata.name)).toEqual(['charts']);
  });
});
