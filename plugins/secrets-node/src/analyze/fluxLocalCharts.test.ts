/*
 * Flux HelmReleases of charts in this repository: taken from the applied
 * build of each cluster, rendered with their values, and the only releases
 * of a repository that declares its deliveries.
 */
import { fileTree } from '../__testUtils__/fileTree';
import { analyze } from './analyze';

const ks = (name: string, path: string) => `
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 1h
  path: ${path}
  sourceRef: { kind: GitRepository, name: flux-system }
`;

const chart = {
  'charts/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 1.0.0\n',
  'charts/api/values.yaml': 'secrets:\n  enabled: true\njwt: {}\n',
  'charts/api/templates/secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: {{ .Release.Name }}-jwt
stringData:
  issuer: {{ required "jwt.issuer is set by the HelmRelease" .Values.jwt.issuer | quote }}
`,
  'charts/api/templates/es.yaml': `{{- if .Values.secrets.enabled }}
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: {{ .Release.Name }}-env
spec:
  secretStoreRef: { kind: ClusterSecretStore, name: vault }
  target: { name: {{ .Release.Name }}-env }
  dataFrom:
    - extract: { key: api }
{{- end }}
`,
  'charts/api/templates/deployment.yaml': `{{- $keys := lookup "v1" "Secret" .Release.Namespace "api-keys" }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  template:
    spec:
      containers:
        - name: api
          image: api:1
          envFrom:
            - secretRef: { name: {{ .Release.Name }}-env }
      {{- if $keys }}
      volumes:
        - name: keys
          secret: { secretName: api-keys }
      {{- end }}
`,
};

const hr = `
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: api
  namespace: apps
spec:
  interval: 1h
  chartRef: { kind: HelmChart, name: api }
  valuesFrom:
    - kind: Secret
      name: api-jwt
      valuesKey: issuer
      targetPath: jwt.issuer
`;
const helmChart = `
apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmChart
metadata:
  name: api
  namespace: apps
spec:
  chart: ./charts/api
  sourceRef: { kind: GitRepository, name: flux-system, namespace: flux-system }
`;

const store = `
apiVersion: external-secrets.io/v1
kind: ClusterSecretStore
metadata: { name: vault }
spec:
  provider:
    vault: { server: https://vault, path: kv, version: v2, auth: { tokenSecretRef: { name: t, key: t, namespace: eso } } }
`;

const files = {
  ...chart,
  'clusters/staging/apps.yaml': ks('apps', './apps/staging'),
  'clusters/production/apps.yaml': ks('apps', './apps/production'),
  'apps/base/kustomization.yaml':
    'resources: [helmrelease.yaml, helmchart.yaml, store.yaml]\n',
  'apps/base/helmrelease.yaml': hr,
  'apps/base/helmchart.yaml': helmChart,
  'apps/base/store.yaml': store,
  'apps/production/kustomization.yaml': 'resources: [../base]\n',
  'apps/staging/kustomization.yaml': `resources: [../base]
patches:
  - target: { kind: HelmRelease, name: api }
    patch: |-
      - op: add
        path: /spec/values
        value: { secrets: { enabled: false } }
`,
};

describe('Flux HelmReleases of charts in this repository', () => {
  const r = analyze(fileTree(files));

  it('a HelmChart chartRef built from this repository is rendered, once per cluster with its patches', () => {
    expect(r.releases.map(x => [x.name, x.chart])).toStrictEqual([
      ['api', 'charts/api'],
    ]);
    expect(
      r.externalSecrets.map(e => `${e.environment}:${e.name}`).sort(),
    ).toStrictEqual(['production:api-env']);
    expect(
      r.findings
        .filter(f => f.type === 'consumed-secret-disabled')
        .map(f => [f.environment, f.subject.name]),
    ).toStrictEqual([['staging', 'api-env']]);
  });

  it('a valuesFrom Secret with targetPath satisfies `required`: no template error', () => {
    expect(
      r.findings.filter(
        f => f.type === 'unevaluable-template' && f.severity === 'error',
      ),
    ).toStrictEqual([]);
  });

  it('a Secret the chart looks up in the cluster is not required', () => {
    expect(
      r.findings.filter(
        f => f.type === 'missing-producer' && f.subject.name === 'api-keys',
      ),
    ).toStrictEqual([]);
  });

  it('a chart no declaration installs is no release of a repository that declares its deliveries', () => {
    const r2 = analyze(
      fileTree({
        ...files,
        'charts/legacy/Chart.yaml':
          'apiVersion: v2\nname: legacy\nversion: 1.0.0\n',
        'charts/legacy/templates/s.yaml':
          'apiVersion: v1\nkind: Secret\nmetadata: { name: legacy }\nstringData: { token: abc123xyz }\n',
      }),
    );
    expect(r2.releases.map(x => x.name)).toStrictEqual(['api']);
    expect(
      r2.findings
        .filter(f => f.type === 'unevaluable-declaration')
        .map(f => f.message),
    ).toContainEqual(
      expect.stringContaining('chart charts/legacy is installed by no'),
    );
  });
});
