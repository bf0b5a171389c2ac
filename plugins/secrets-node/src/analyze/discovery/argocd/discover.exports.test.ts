/* Argo CD discovery: the exports the other discovery sides use, and its options. */
import { fileTree } from '../../../__testUtils__/fileTree';
import { contextOf } from '../../../__testUtils__/argoContext';
import { validateAnalyzeOptions } from '../../options';
import { YamlCache } from '../../yamlCache';
import { argoDirectorySources, argoEnvironments } from '.';

describe('exports for the other discovery sides', () => {
  const files = {
    'argocd/apps.yaml': `
      apiVersion: argoproj.io/v1alpha1
      kind: ApplicationSet
      metadata: {name: shop}
      spec:
        generators:
          - clusters: {}
        template:
          metadata: {name: 'shop-{{name}}'}
          spec:
            destination: {namespace: shop}
            source: {path: 'apps/shop/overlays/{{metadata.labels.env}}'}
    `,
    'clusters/dev.yaml':
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: dev\n  labels:\n    argocd.argoproj.io/secret-type: cluster\n    env: qa\nstringData:\n  name: dev\n  server: https://dev\n',
    'apps/shop/overlays/qa/kustomization.yaml': 'resources: []\n',
  };
  const tree = fileTree(files);
  const cache = new YamlCache();
  cache.use(tree);
  const settings = contextOf({}).settings;

  it('argoDirectorySources lists directory sources per app and environment', () => {
    expect(argoDirectorySources(tree, cache, [], settings)).toStrictEqual([
      {
        name: 'shop-dev',
        path: 'apps/shop/overlays/qa',
        namespace: 'shop',
        environment: 'qa',
        file: 'argocd/apps.yaml',
        line: 1,
      },
    ]);
  });

  it('argoEnvironments names the environments the declarations give', () => {
    expect(argoEnvironments(tree, cache, [], settings)).toStrictEqual(['qa']);
  });
});

describe('argocd options', () => {
  it('are validated', () => {
    expect(() => validateAnalyzeOptions({ argocd: { repoURLs: [1] } })).toThrow(
      /argocd.repoURLs/,
    );
    expect(() => validateAnalyzeOptions({ argocd: { nope: true } })).toThrow(
      /unknown option "argocd.nope"/,
    );
    expect(() =>
      validateAnalyzeOptions({ argocd: { clusters: [{ name: 'a' }] } }),
    ).toThrow(/argocd.clusters/);
    expect(
      validateAnalyzeOptions({
        argocd: {
          repoURLs: ['https://x/repo.git'],
          clusters: [
            { name: 'a', server: 'https://a', labels: { env: 'dev' } },
          ],
          gitFileGlobbing: 'strict',
        },
      }),
    ).toBeTruthy();
  });
});
