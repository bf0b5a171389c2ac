import { fileTree } from '../../../__testUtils__/fileTree';
import { appliedManifests } from '../../applied';
import { resolveOptions } from '../../options';
import type { Problem } from '../../render';
import { YamlCache } from '../../yamlCache';
import { fluxEnvironmentNames } from './environments';

const ks = (name: string, path: string, extra = '', source = 'flux-system') => `
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 1h
  path: ${path}
  prune: true
  sourceRef:
    kind: GitRepository
    name: ${source}
${extra}`;

const es = (name: string, target = name) => `
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: ${name}
spec:
  secretStoreRef: { kind: ClusterSecretStore, name: onepassword }
  target: { name: ${target} }
  dataFrom:
    - extract: { key: ${name} }
`;

function run(
  files: Record<string, string>,
  environments = ['dev', 'production'],
) {
  const tree = fileTree(files);
  const cache = new YamlCache();
  cache.use(tree);
  const problems: Problem[] = [];
  const r = appliedManifests(
    tree,
    [],
    resolveOptions({ environments }),
    cache,
    problems,
  );
  return {
    ...r,
    problems,
    ids: [
      ...new Set(
        r.docs.map(
          d =>
            `${d.environment}:${d.release}:${d.obj.kind}/${
              d.obj.metadata?.namespace ?? '-'
            }/${d.obj.metadata?.name}`,
        ),
      ),
    ],
  };
}

describe('Flux Kustomizations', () => {
  it('follows spec.path, builds folders without a kustomization.yaml, and applies targetNamespace', () => {
    const { ids, mode } = run({
      'clusters/production/apps.yaml': ks(
        'apps',
        './apps/production',
        '  targetNamespace: shop\n',
      ),
      'apps/production/web/es.yaml': es('web'),
      'apps/dev/web/es.yaml': es('dev-only'),
      'unrelated/es.yaml': es('not-applied'),
    });
    expect(mode).toBe('applied');
    expect(ids).toEqual(['production:apps:ExternalSecret/shop/web']);
  });

  it('child Kustomizations found in a build are followed and inherit the environment', () => {
    const { ids } = run({
      'clusters/dev/flux-system/gotk-sync.yaml': ks(
        'flux-system',
        './clusters/dev',
      ),
      'clusters/dev/flux-system/kustomization.yaml':
        'resources: [gotk-sync.yaml]\n',
      'clusters/dev/apps.yaml': ks('apps', './kubernetes/apps'),
      'kubernetes/apps/kustomization.yaml': 'resources: [./web/ks.yaml]\n',
      'kubernetes/apps/web/ks.yaml': ks(
        'web',
        './kubernetes/apps/web/app',
        '  targetNamespace: web\n',
      ),
      'kubernetes/apps/web/app/kustomization.yaml': 'resources: [es.yaml]\n',
      'kubernetes/apps/web/app/es.yaml': es('web'),
    });
    expect(ids).toEqual(['dev:web:ExternalSecret/web/web']);
  });

  it('a Kustomization under a built folder that its kustomization.yaml leaves out is not applied, with an info', () => {
    const { ids, problems } = run({
      'clusters/dev/apps.yaml': ks('apps', './kubernetes/apps'),
      'kubernetes/apps/kustomization.yaml':
        'resources:\n  - ./web/ks.yaml\n  # - ./redis/ks.yaml\n',
      'kubernetes/apps/web/ks.yaml': ks('web', './kubernetes/apps/web/app'),
      'kubernetes/apps/web/app/es.yaml': es('web'),
      'kubernetes/apps/redis/ks.yaml': ks(
        'redis',
        './kubernetes/apps/redis/app',
      ),
      'kubernetes/apps/redis/app/es.yaml': es('redis'),
    });
    expect(ids).toEqual(['dev:web:ExternalSecret/-/web']);
    expect(problems.map(p => p.message)).toContainEqual(
      expect.stringMatching(
        /Flux Kustomization redis lies under kubernetes\/apps, which Flux Kustomization apps builds, but no kustomization there includes its file/,
      ),
    );
  });

  it("spec.components join the folder's kustomization, so its own patches reach what they add", () => {
    const { docs, problems } = run({
      'clusters/dev/app.yaml': ks(
        'app',
        './apps/app',
        '  components:\n    - ../../components/db\n  targetNamespace: web\n',
      ),
      'apps/app/kustomization.yaml':
        'resources: [es.yaml]\npatches:\n  - target: { kind: ExternalSecret, name: db }\n    patch: |-\n      - op: replace\n        path: /spec/target/name\n        value: app-db\n',
      'apps/app/es.yaml': es('app'),
      'components/db/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [es.yaml]\n',
      'components/db/es.yaml': es('db'),
    });
    expect(problems).toStrictEqual([]);
    expect(
      docs
        .map(
          d =>
            `${d.obj.metadata.namespace}/${d.obj.metadata.name}->${d.obj.spec.target.name}`,
        )
        .sort(),
    ).toStrictEqual(['web/app->app', 'web/db->app-db']);
  });

  it('substitutes postBuild variables from substitute and in-repository ConfigMaps; Secret variables stay as written with an info', () => {
    const { docs, problems } = run(
      {
        'clusters/main/apps.yaml': ks(
          'apps',
          './apps',
          `  postBuild:
    substitute:
      APP: web
    substituteFrom:
      - kind: ConfigMap
        name: cluster-settings
      - kind: Secret
        name: cluster-secrets
`,
        ),
        'clusters/main/vars.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-settings\n  namespace: flux-system\ndata:\n  STORE: onepassword-connect\n',
        'apps/es.yaml': `
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: \${APP}
spec:
  secretStoreRef: { kind: ClusterSecretStore, name: "\${STORE}" }
  target:
    name: \${APP}-secret
    template:
      data:
        url: "https://\${SECRET_DOMAIN}/\${APP:=x}"
`,
        'apps/raw.yaml': `
apiVersion: v1
kind: ConfigMap
metadata:
  name: script
  annotations:
    kustomize.toolkit.fluxcd.io/substitute: disabled
data:
  run.sh: echo \${APP}
`,
      },
      ['main'],
    );
    const e = docs.find(d => d.obj.kind === 'ExternalSecret')!.obj;
    expect(e.metadata.name).toBe('web');
    expect(e.spec.secretStoreRef.name).toBe('onepassword-connect');
    expect(e.spec.target.name).toBe('web-secret');
    expect(e.spec.target.template.data.url).toBe(
      'https://${SECRET_DOMAIN}/web',
    );
    expect(
      docs.find(d => d.obj.metadata?.name === 'script')!.obj.data['run.sh'],
    ).toBe('echo ${APP}');
    expect(problems.map(p => [p.kind, p.message])).toEqual([
      [
        'source',
        'Flux Kustomization apps: variables from Secret cluster-secrets (postBuild.substituteFrom) are not known to the engine; ${...} references to them are left as written',
      ],
    ]);
  });

  it('patches of a Kustomization apply to the objects it builds, including child Kustomizations', () => {
    const { ids } = run(
      {
        'clusters/main/apps.yaml': ks(
          'apps',
          './apps',
          `  patches:
    - target: { group: kustomize.toolkit.fluxcd.io, kind: Kustomization }
      patch: |
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: { name: any }
        spec:
          postBuild:
            substitute: { NS: media }
`,
        ),
        'apps/web.yaml': ks('web', './web', '  targetNamespace: ${NS}\n'),
        'web/es.yaml': es('web'),
      },
      ['main'],
    );
    expect(ids).toEqual(['main:web:ExternalSecret/media/web']);
  });

  it('a Kustomization of another repository is not built, with an info', () => {
    const { ids, problems } = run(
      {
        'clusters/main/sources.yaml':
          'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\nspec:\n  url: https://example.org/me/home.git\n---\napiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: podinfo\nspec:\n  url: https://example.org/other/podinfo.git\n',
        'clusters/main/podinfo.yaml': ks(
          'podinfo',
          './kustomize',
          '',
          'podinfo',
        ),
        'kustomize/es.yaml': es('not-this-repo'),
      },
      ['main'],
    );
    expect(ids).toEqual([]);
    expect(problems[0].message).toContain(
      'its source GitRepository/podinfo (https://example.org/other/podinfo.git) is another repository',
    );
  });

  it('without a flux-system source, the source most Kustomizations use is this repository', () => {
    const { ids, problems } = run(
      {
        'flux/sources.yaml':
          'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: home-ops\nspec:\n  url: https://example.org/me/home-ops.git\n---\napiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: flux-manifests\nspec:\n  url: oci://example.org/flux-manifests\n',
        'flux/cluster.yaml': ks('cluster', './apps', '', 'home-ops'),
        'flux/flux.yaml': ks('flux', './', '', 'flux-manifests').replace(
          'kind: GitRepository\n    name: flux-manifests',
          'kind: OCIRepository\n    name: flux-manifests',
        ),
        'apps/web.yaml': ks('web', './web', '', 'home-ops'),
        'web/es.yaml': es('web'),
      },
      ['main'],
    );
    expect(ids).toEqual(['main:web:ExternalSecret/-/web']);
    expect(problems.map(p => p.message)).toEqual([
      'Flux Kustomization flux: its source OCIRepository/flux-manifests (oci://example.org/flux-manifests) is another repository; what it applies is not analysed',
    ]);
  });

  it('without an environment in its path, the objects apply to every environment', () => {
    const { docs } = run({
      'kubernetes/flux/cluster.yaml': ks('cluster-apps', './kubernetes/apps'),
      'kubernetes/apps/es.yaml': es('web'),
    });
    expect(docs.map(d => [d.environment, d.allEnvironments])).toEqual([
      ['dev', true],
      ['production', true],
    ]);
  });

  it('a base two clusters apply is read once per environment when the run does not tell the clusters apart', () => {
    const { ids } = run(
      {
        'clusters/home/apps.yaml': ks('home-apps', './base'),
        'clusters/lab/apps.yaml': ks('lab-apps', './base'),
        'base/es.yaml': es('web'),
      },
      ['main'],
    );
    expect(ids).toEqual(['main:home-apps:ExternalSecret/-/web']);
  });

  it('paths of an artifact built from a folder resolve in that folder', () => {
    const artifact = (name: string, path: string) =>
      ks(name, path).replace(
        'kind: GitRepository\n    name: flux-system',
        `kind: ExternalArtifact\n    name: ${name.split('-')[0]}`,
      );
    const { ids } = run({
      'clusters/production/infrastructure.yaml': artifact(
        'infrastructure-controllers',
        './controllers',
      ),
      'clusters/production/apps.yaml': artifact(
        'apps-production',
        './production',
      ),
      'infrastructure/controllers/es.yaml': es('controller'),
      'apps/production/es.yaml': es('app'),
    });
    expect(ids).toEqual([
      'production:apps-production:ExternalSecret/-/app',
      'production:infrastructure-controllers:ExternalSecret/-/controller',
    ]);
  });

  it('a repository whose Kustomization paths start below a folder (an artifact pushed from ./kubernetes)', () => {
    const { ids } = run(
      {
        'kubernetes/clusters/main/apps.yaml': ks('apps', './apps/base'),
        'kubernetes/apps/base/kustomization.yaml': 'resources: [web.yaml]\n',
        'kubernetes/apps/base/web.yaml': ks('web', './apps/base/web/app'),
        'kubernetes/apps/base/web/app/kustomization.yaml':
          'resources: [es.yaml]\n',
        'kubernetes/apps/base/web/app/es.yaml': es('web'),
      },
      ['main'],
    );
    expect(ids).toEqual(['main:web:ExternalSecret/-/web']);
  });

  it('lists the cluster names Flux declarations live in', () => {
    const tree = fileTree({
      'clusters/home/flux-system/gotk-sync.yaml': ks(
        'flux-system',
        './clusters/home',
      ),
      'infra/apps.yaml': ks('apps', './clusters/lab/apps'),
      'clusters/notflux/es.yaml': es('x'),
    });
    const cache = new YamlCache();
    cache.use(tree);
    expect(fluxEnvironmentNames(tree, cache)).toEqual(['home', 'lab']);
  });
});
