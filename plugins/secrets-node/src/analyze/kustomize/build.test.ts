import { fileTree } from '../../__testUtils__/fileTree';
import { YamlCache } from '../yamlCache';
import { buildDirectory } from './build';
import { type BuildContext } from './context';
import { IN_GIT_MARKER } from './generators';

function build(files: Record<string, string>, dir: string, generate = false) {
  const tree = fileTree(files);
  const cache = new YamlCache();
  cache.use(tree);
  const ctx: BuildContext = { tree, cache, notes: [], reached: new Set() };
  const objects = buildDirectory(ctx, dir, { generate });
  return {
    objects,
    notes: ctx.notes,
    ids: objects.map(
      b =>
        `${b.obj.kind}/${b.obj.metadata?.namespace ?? '-'}/${
          b.obj.metadata?.name
        }`,
    ),
  };
}

const es = (name: string, ns?: string) => `
  apiVersion: external-secrets.io/v1
  kind: ExternalSecret
  metadata:
    name: ${name}
    ${ns ? `namespace: ${ns}` : ''}
  spec:
    secretStoreRef: { kind: ClusterSecretStore, name: onepassword }
    target: { name: ${name} }
    dataFrom:
      - extract: { key: ${name} }
`;

const deployment = `
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    template:
      spec:
        containers:
          - name: web
            image: web
            env:
              - name: PASSWORD
                valueFrom:
                  secretKeyRef: { name: web-secret, key: password }
            envFrom:
              - secretRef: { name: web-secret }
              - configMapRef: { name: web-config }
        volumes:
          - name: creds
            secret: { secretName: web-secret }
`;

describe('kustomize build', () => {
  it('reads resource files and nested kustomization folders', () => {
    const { ids, notes } = build(
      {
        'app/kustomization.yaml': 'resources:\n  - ./es.yaml\n  - ./db\n',
        'app/es.yaml': es('web'),
        'app/db/kustomization.yaml': 'resources: [es.yaml]\n',
        'app/db/es.yaml': es('db'),
        'app/unused.yaml': es('unused'),
      },
      'app',
    );
    expect(ids).toEqual(['ExternalSecret/-/web', 'ExternalSecret/-/db']);
    expect(notes).toEqual([]);
  });

  it('sets the namespace of namespaced objects, and names Namespace objects after it', () => {
    const { ids } = build(
      {
        'app/kustomization.yaml':
          'namespace: shop\nresources: [ns.yaml, es.yaml, store.yaml]\n',
        'app/ns.yaml':
          'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: _\n',
        'app/es.yaml': es('web', 'elsewhere'),
        'app/store.yaml':
          'apiVersion: external-secrets.io/v1\nkind: ClusterSecretStore\nmetadata:\n  name: onepassword\n',
      },
      'app',
    );
    expect(ids).toEqual([
      'Namespace/-/shop',
      'ExternalSecret/shop/web',
      'ClusterSecretStore/-/onepassword',
    ]);
  });

  it('applies a component to every app that uses it: 24 apps yield 24 objects in 24 namespaces', () => {
    const files: Record<string, string> = {
      'components/common/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [es.yaml]\n',
      'components/common/es.yaml': es('cluster-secrets'),
    };
    const apps = Array.from({ length: 24 }, (_, i) => `app${i + 1}`);
    files['apps/kustomization.yaml'] = `resources: [${apps.join(', ')}]\n`;
    for (const app of apps) {
      files[
        `apps/${app}/kustomization.yaml`
      ] = `namespace: ns-${app}\ncomponents: [../../components/common]\nresources: [es.yaml]\n`;
      files[`apps/${app}/es.yaml`] = es(`${app}-db`);
    }
    const { ids } = build(files, 'apps');
    expect(ids.filter(i => i.includes('cluster-secrets'))).toEqual(
      apps.map(a => `ExternalSecret/ns-${a}/cluster-secrets`),
    );
    expect(ids).toHaveLength(48);
  });

  it('a component patches what the including kustomization has accumulated', () => {
    const { objects } = build(
      {
        'c/kustomization.yaml':
          'kind: Component\npatches:\n  - target: { kind: ExternalSecret }\n    patch: |\n      - op: replace\n        path: /spec/secretStoreRef/name\n        value: vault\n',
        'app/kustomization.yaml': 'resources: [es.yaml]\ncomponents: [../c]\n',
        'app/es.yaml': es('web'),
      },
      'app',
    );
    expect(objects[0].obj.spec.secretStoreRef.name).toBe('vault');
  });

  it('prefixes and suffixes names and rewrites Secret and ConfigMap references of workloads, not ExternalSecret targets', () => {
    const { objects, ids } = build(
      {
        'app/kustomization.yaml':
          'namePrefix: blue-\nnameSuffix: -v1\nresources: [deploy.yaml, secret.yaml, es.yaml]\n',
        'app/deploy.yaml': deployment,
        'app/secret.yaml':
          'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-secret\n',
        'app/es.yaml': es('web-config'),
      },
      'app',
    );
    expect(ids).toEqual([
      'Deployment/-/blue-web-v1',
      'Secret/-/blue-web-secret-v1',
      'ExternalSecret/-/blue-web-config-v1',
    ]);
    const spec = objects[0].obj.spec.template.spec;
    expect(spec.containers[0].env[0].valueFrom.secretKeyRef.name).toBe(
      'blue-web-secret-v1',
    );
    expect(spec.containers[0].envFrom[0].secretRef.name).toBe(
      'blue-web-secret-v1',
    );
    expect(spec.volumes[0].secret.secretName).toBe('blue-web-secret-v1');
    // no ConfigMap web-config is built: the reference is left alone
    expect(spec.containers[0].envFrom[1].configMapRef.name).toBe('web-config');
    // ExternalSecret is a custom resource: its target is not rewritten
    expect(objects[2].obj.spec.target.name).toBe('web-config');
  });

  it('applies strategic-merge and JSON 6902 patches', () => {
    const { objects, notes } = build(
      {
        'app/kustomization.yaml': `
          resources: [deploy.yaml]
          patches:
            - path: patch.yaml
            - target: { kind: Deployment, name: web }
              patch: |
                - op: add
                  path: /spec/template/spec/containers/0/envFrom/-
                  value: { secretRef: { name: extra } }
                - op: remove
                  path: /spec/template/spec/volumes
          patchesStrategicMerge:
            - |
              apiVersion: apps/v1
              kind: Deployment
              metadata: { name: web }
              spec:
                replicas: 2
          patchesJson6902:
            - target: { group: apps, version: v1, kind: Deployment, name: web }
              patch: '[{"op": "replace", "path": "/metadata/labels/tier", "value": "front"}]'
        `,
        'app/deploy.yaml': deployment,
        'app/patch.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
            labels: { tier: back }
          spec:
            template:
              spec:
                containers:
                  - name: web
                    env:
                      - name: EXTRA
                        value: "1"
                  - name: sidecar
                    image: sidecar
        `,
      },
      'app',
    );
    const d = objects[0].obj;
    expect(d.spec.replicas).toBe(2);
    expect(d.metadata.labels.tier).toBe('front');
    expect(d.spec.template.spec.containers.map((c: any) => c.name)).toEqual([
      'web',
      'sidecar',
    ]);
    expect(
      d.spec.template.spec.containers[0].env.map((e: any) => e.name),
    ).toEqual(['PASSWORD', 'EXTRA']);
    expect(d.spec.template.spec.containers[0].envFrom).toHaveLength(3);
    expect(d.spec.template.spec.volumes).toBeUndefined();
    expect(notes).toEqual([]);
  });

  it('a `$patch: delete` patch removes the object', () => {
    const { ids } = build(
      {
        'app/kustomization.yaml':
          'resources: [es.yaml]\npatches:\n  - patch: |\n      $patch: delete\n      apiVersion: external-secrets.io/v1\n      kind: ExternalSecret\n      metadata: { name: web }\n',
        'app/es.yaml': es('web'),
      },
      'app',
    );
    expect(ids).toEqual([]);
  });

  it('generates Secrets (keys without values) and ConfigMaps, with a hash suffix that references follow', () => {
    const { objects, ids } = build(
      {
        'app/kustomization.yaml': `
          resources: [deploy.yaml]
          secretGenerator:
            - name: web-secret
              literals: [password=hunter2]
            - name: sops-secret
              envs: [secret.sops.env]
              options: { disableNameSuffixHash: true }
            - name: missing
              files: [absent.txt]
          configMapGenerator:
            - name: web-config
              envs: [config.env]
          generatorOptions:
            labels: { generated: "yes" }
        `,
        'app/deploy.yaml': deployment,
        'app/secret.sops.env':
          'TOKEN=ENC[AES256_GCM,data:abc,type:str]\nsops_version=3.8.1\nsops_mac=ENC[x]\n',
        'app/config.env': 'MODE=prod\n# comment\n',
      },
      'app',
    );
    expect(ids[0]).toBe('Deployment/-/web');
    expect(ids[1]).toMatch(/^Secret\/-\/web-secret-[0-9a-f]{10}$/);
    expect(ids[2]).toBe('Secret/-/sops-secret');
    expect(ids[4]).toMatch(/^ConfigMap\/-\/web-config-[0-9a-f]{10}$/);
    const [deploy, literal, sops, missing, config] = objects;
    expect(literal.obj.data).toEqual({ password: IN_GIT_MARKER });
    expect(JSON.stringify(objects.map(o => o.obj))).not.toContain('hunter2');
    expect(literal.encrypted).toBe(false);
    expect(sops.obj.data).toEqual({ TOKEN: '' });
    expect(sops.encrypted).toBe(true);
    expect(sops.file).toBe('app/secret.sops.env');
    expect(missing.obj.data).toEqual({ 'absent.txt': '' });
    expect(config.obj.data).toEqual({ MODE: 'prod' });
    expect(config.obj.metadata.labels).toEqual({ generated: 'yes' });
    const spec = deploy.obj.spec.template.spec;
    expect(spec.volumes[0].secret.secretName).toBe(literal.obj.metadata.name);
    expect(spec.containers[0].envFrom[1].configMapRef.name).toBe(
      config.obj.metadata.name,
    );
  });

  it('says what it does not evaluate: remote resources, unknown fields, missing files', () => {
    const { notes, ids } = build(
      {
        'app/kustomization.yaml': `
          resources:
            - https://github.com/org/repo//deploy?ref=v1
            - ./missing.yaml
            - es.yaml
          replacements:
            - source: { kind: ConfigMap }
        `,
        'app/es.yaml': es('web'),
      },
      'app',
    );
    expect(ids).toEqual(['ExternalSecret/-/web']);
    expect(notes.map(n => n.kind)).toEqual(['source', 'source', 'source']);
    const text = notes.map(n => n.message).join('\n');
    expect(text).toContain('"replacements" is not evaluated');
    expect(text).toContain(
      'remote resource https://github.com/org/repo//deploy?ref=v1 is not fetched',
    );
    expect(text).toContain('missing.yaml');
    expect(notes.every(n => n.line)).toBe(true);
  });

  it('stops at a cycle and says so', () => {
    const { notes } = build(
      {
        'a/kustomization.yaml': 'resources: [../b]\n',
        'b/kustomization.yaml': 'resources: [../a]\n',
      },
      'a',
    );
    expect(notes).toHaveLength(1);
    expect(notes[0].message).toContain(
      'a cycle of kustomizations (a -> b -> a)',
    );
  });

  it('generates a kustomization from every manifest below a folder when asked (Flux), sub-kustomizations as a whole', () => {
    const { ids } = build(
      {
        'apps/ns.yaml':
          'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
        'apps/web/es.yaml': es('web'),
        'apps/web/values.txt': 'not yaml',
        'apps/db/kustomization.yaml': 'namespace: db\nresources: [es.yaml]\n',
        'apps/db/es.yaml': es('db'),
        'apps/db/unused.yaml': es('unused'),
      },
      'apps',
      true,
    );
    expect(ids).toEqual([
      'Namespace/-/shop',
      'ExternalSecret/db/db',
      'ExternalSecret/-/web',
    ]);
  });

  it('marks objects of SOPS-encrypted files and drops the sops block', () => {
    const { objects } = build(
      {
        'app/kustomization.yaml': 'resources: [secret.sops.yaml]\n',
        'app/secret.sops.yaml':
          'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ENC[AES256_GCM,data:xyz]\nsops:\n  version: 3.8.1\n  mac: ENC[x]\n',
      },
      'app',
    );
    expect(objects[0].encrypted).toBe(true);
    expect(objects[0].obj.sops).toBeUndefined();
  });
});
