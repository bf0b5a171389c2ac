/*
 * End to end on a home-lab-shaped repository: Flux + Kustomize, a shared
 * component in every namespace, SOPS-encrypted Secrets, a 1Password
 * ClusterSecretStore, app-template-style HelmReleases of remote charts.
 */
import { fileTree } from '../__testUtils__/fileTree';
import { analyze } from './analyze';

const ks = (name: string, path: string, extra = '') => `
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
    name: flux-system
    namespace: flux-system
${extra}`;

const sops = (name: string, key: string) => `
apiVersion: v1
kind: Secret
metadata:
  name: ${name}
stringData:
  ${key}: ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]
sops:
  age:
    - recipient: age1examplerecipient
      enc: |
        -----BEGIN AGE ENCRYPTED FILE-----
        ZXhhbXBsZQ==
        -----END AGE ENCRYPTED FILE-----
  lastmodified: "2026-01-01T00:00:00Z"
  mac: ENC[AES256_GCM,data:bWFj,type:str]
  version: 3.9.0
`;

const homeLab = {
  '.sops.yaml': 'creation_rules:\n  - path_regex: .*\\.sops\\.ya?ml\n',
  '.github/workflows/lint.yaml': 'name: lint\non: [push]\njobs: {}\n',
  'Taskfile.yaml': 'version: "3"\ntasks: {}\n',
  // an archived app: a plaintext credential nobody applies
  'kubernetes/.archive/old/secret.yaml':
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: old\nstringData:\n  password: hunter2\n',
  // a template of the bootstrap tool, not a manifest
  'bootstrap/templates/cluster-secrets.yaml':
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: cluster-secrets\nstringData:\n  SECRET_DOMAIN: {{ domain }}\n{% if token %}\n  TOKEN: {{ token }}\n{% endif %}\n',
  'kubernetes/flux/cluster/ks.yaml': ks(
    'cluster-apps',
    './kubernetes/apps',
    `  decryption:
    provider: sops
    secretRef:
      name: sops-age
  postBuild:
    substituteFrom:
      - kind: ConfigMap
        name: cluster-settings
      - kind: Secret
        name: cluster-secrets
  patches:
    - target:
        group: kustomize.toolkit.fluxcd.io
        kind: Kustomization
      patch: |-
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: _
        spec:
          decryption:
            provider: sops
            secretRef:
              name: sops-age
          postBuild:
            substituteFrom:
              - kind: ConfigMap
                name: cluster-settings
              - kind: Secret
                name: cluster-secrets
`,
  ),
  'kubernetes/flux/vars/cluster-settings.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-settings\n  namespace: flux-system\ndata:\n  STORE: onepassword\n',
  'kubernetes/components/common/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - ./namespace.yaml\n  - ./sops\n',
  'kubernetes/components/common/namespace.yaml':
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: _ # set by the kustomization\n',
  'kubernetes/components/common/sops/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./cluster-secrets.sops.yaml\n',
  'kubernetes/components/common/sops/cluster-secrets.sops.yaml': sops(
    'cluster-secrets',
    'SECRET_DOMAIN',
  ),
  // external-secrets namespace: the operator and the 1Password store
  'kubernetes/apps/external-secrets/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: external-secrets\ncomponents:\n  - ../../components/common\nresources:\n  - ./external-secrets/ks.yaml\n',
  'kubernetes/apps/external-secrets/external-secrets/ks.yaml': ks(
    'external-secrets',
    './kubernetes/apps/external-secrets/external-secrets/app',
    '  targetNamespace: external-secrets\n',
  ),
  'kubernetes/apps/external-secrets/external-secrets/app/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./ocirepository.yaml\n  - ./helmrelease.yaml\n  - ./clustersecretstore.yaml\n  - ./secret.sops.yaml\n',
  'kubernetes/apps/external-secrets/external-secrets/app/ocirepository.yaml':
    'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: external-secrets\nspec:\n  url: oci://ghcr.io/external-secrets/charts/external-secrets\n  ref:\n    tag: 0.19.0\n',
  'kubernetes/apps/external-secrets/external-secrets/app/helmrelease.yaml':
    'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: external-secrets\nspec:\n  chartRef:\n    kind: OCIRepository\n    name: external-secrets\n  values:\n    installCRDs: true\n',
  'kubernetes/apps/external-secrets/external-secrets/app/clustersecretstore.yaml': `
apiVersion: external-secrets.io/v1
kind: ClusterSecretStore
metadata:
  name: \${STORE}
spec:
  provider:
    onepassword:
      connectHost: http://onepassword-connect.external-secrets.svc.cluster.local
      vaults:
        homelab: 1
      auth:
        secretRef:
          connectTokenSecretRef:
            name: onepassword-secret
            key: token
            namespace: external-secrets
`,
  'kubernetes/apps/external-secrets/external-secrets/app/secret.sops.yaml':
    sops('onepassword-secret', 'token'),
  // default namespace: an app-template release reading a Secret an ExternalSecret produces
  'kubernetes/apps/default/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: default\ncomponents:\n  - ../../components/common\nresources:\n  - ./echo/ks.yaml\n  - ./db/ks.yaml\n',
  'kubernetes/apps/default/echo/ks.yaml': ks(
    'echo',
    './kubernetes/apps/default/echo/app',
    '  targetNamespace: default\n  postBuild:\n    substitute:\n      APP: echo\n',
  ),
  'kubernetes/apps/default/echo/app/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./externalsecret.yaml\n  - ./helmrelease.yaml\n  - ./job.yaml\n',
  'kubernetes/apps/default/echo/app/externalsecret.yaml': `
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: \${APP}
spec:
  secretStoreRef:
    kind: ClusterSecretStore
    name: onepassword
  target:
    name: \${APP}-secret
    template:
      data:
        URL: "https://{{ .user }}@\${SECRET_DOMAIN}"
  dataFrom:
    - extract:
        key: \${APP}
`,
  'kubernetes/apps/default/echo/app/helmrelease.yaml': `
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: \${APP}
spec:
  chartRef:
    kind: OCIRepository
    name: app-template
    namespace: flux-system
  values:
    controllers:
      echo:
        containers:
          app:
            envFrom:
              - secretRef:
                  name: \${APP}-secret
`,
  'kubernetes/apps/default/echo/app/job.yaml': `
apiVersion: batch/v1
kind: Job
metadata:
  name: \${APP}-migrate
spec:
  template:
    spec:
      containers:
        - name: migrate
          image: migrate
          envFrom:
            - secretRef:
                name: \${APP}-secret
          env:
            - name: DOMAIN
              valueFrom:
                secretKeyRef:
                  name: cluster-secrets
                  key: SECRET_DOMAIN
`,
  'kubernetes/apps/default/db/ks.yaml': ks(
    'db',
    './kubernetes/apps/default/db/app',
    '  targetNamespace: default\n',
  ),
  'kubernetes/apps/default/db/app/helmrelease.yaml': `
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: db
spec:
  chart:
    spec:
      chart: postgresql
      sourceRef:
        kind: HelmRepository
        name: bitnami
  valuesFrom:
    - kind: ConfigMap
      name: db-values
  values:
    extraObjects:
      - apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata:
          name: db-secret
        spec:
          secretStoreRef:
            kind: ClusterSecretStore
            name: onepassword
          target:
            name: db-secret
          dataFrom:
            - extract:
                key: postgres
`,
  'kubernetes/apps/default/db/app/configmap.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db-values\ndata:\n  values.yaml: |\n    auth:\n      existingSecret: db-secret\n',
};

describe('a Flux + Kustomize home-lab repository', () => {
  const report = analyze(fileTree(homeLab), { environments: ['production'] });

  it('yields no error finding', () => {
    expect(
      report.findings
        .filter(f => f.severity === 'error')
        .map(f => `${f.type}: ${f.message}`),
    ).toEqual([]);
  });

  it('reads objects with the namespace and name they get in the cluster', () => {
    expect(
      report.externalSecrets
        .map(
          e => `${e.namespace}/${e.name} -> ${e.targetSecret} (${e.release})`,
        )
        .sort(),
    ).toEqual([
      'default/db-secret -> db-secret (db)',
      'default/echo -> echo-secret (echo)',
    ]);
  });

  it('remote-chart HelmReleases are releases with their merged values', () => {
    const names = report.releases.map(
      r => `${r.name} ${r.chart} ${r.namespace}`,
    );
    expect(names).toEqual([
      'db HelmRepository/bitnami:postgresql default',
      'echo OCIRepository/app-template default',
      'external-secrets OCIRepository/external-secrets external-secrets',
    ]);
  });

  it('says what it did not evaluate, at info level', () => {
    const infos = report.findings
      .filter(f => f.type === 'unevaluable-source')
      .map(f => f.message);
    expect(infos.every(m => !m.includes('ENC['))).toBe(true);
    expect(infos).toContain(
      'Not evaluated: Flux Kustomizations cluster-apps, echo, db and 1 more: variables from Secret cluster-secrets (postBuild.substituteFrom) are not known to the engine; ${...} references to them are left as written.',
    );
    expect(
      report.findings
        .filter(f => f.type === 'unevaluable-source')
        .every(f => f.severity === 'info'),
    ).toBe(true);
  });

  it('a kustomization Flux does not apply (bootstrap) is not analysed, with an info', () => {
    const r = analyze(
      fileTree({
        ...homeLab,
        'bootstrap/kustomize/kustomization.yaml': 'resources: [secret.yaml]\n',
        'bootstrap/kustomize/secret.yaml':
          'apiVersion: v1\nkind: Secret\nmetadata:\n  name: onepassword-secret\n  namespace: external-secrets\nstringData:\n  token: not-a-reference\n',
      }),
      { environments: ['production'] },
    );
    expect(r.findings.filter(f => f.severity === 'error')).toEqual([]);
    expect(
      r.findings
        .filter(
          f => f.sourceRef?.file === 'bootstrap/kustomize/kustomization.yaml',
        )
        .map(f => [f.type, f.severity]),
    ).toEqual([['unevaluable-source', 'info']]);
  });

  it('an unencrypted Secret that is applied is still an inline credential', () => {
    const r = analyze(
      fileTree({
        ...homeLab,
        'kubernetes/apps/default/echo/app/kustomization.yaml':
          'resources:\n  - ./externalsecret.yaml\n  - ./plain.yaml\n',
        'kubernetes/apps/default/echo/app/plain.yaml':
          'apiVersion: v1\nkind: Secret\nmetadata:\n  name: plain\nstringData:\n  password: hunter2\n',
      }),
      { environments: ['production'] },
    );
    const inline = r.findings.filter(f => f.type === 'inline-credential');
    expect(
      inline.map(f => [f.subject.namespace, f.subject.name, f.sourceRef?.file]),
    ).toEqual([
      ['default', 'plain', 'kubernetes/apps/default/echo/app/plain.yaml'],
    ]);
    expect(JSON.stringify(r)).not.toContain('hunter2');
  });

  it('without any build declaration, every manifest is read as before, SOPS Secrets as producers', () => {
    const r = analyze(
      fileTree({
        'manifests/secret.sops.yaml': sops('db', 'password'),
        'manifests/deploy.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          envFrom:\n            - secretRef:\n                name: db\n',
        // resolved by \`op inject\` at bootstrap: a reference, not a credential
        'bootstrap/secret.yaml':
          'apiVersion: v1\nkind: Secret\nmetadata:\n  name: onepassword-token\nstringData:\n  token: op://kubernetes/1password/OP_CONNECT_TOKEN\n',
        '.archive/secret.yaml':
          'apiVersion: v1\nkind: Secret\nmetadata:\n  name: old\nstringData:\n  password: hunter2\n',
      }),
      { environments: ['production'] },
    );
    expect(r.findings.filter(f => f.severity === 'error')).toEqual([]);
  });
});
