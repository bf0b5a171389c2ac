/*
 * kustomize helmCharts: a chart folder of the repository under chartHome is
 * rendered as a release (values.yaml, valuesFile, valuesInline, release name
 * and namespace); a chart from a Helm repository is not rendered, said so
 * at info level, and the Secrets its values name are still looked for.
 */
import { fileTree } from '../../__testUtils__/fileTree';
import { analyze } from '../analyze';

const reader = (secret: string) => `
  apiVersion: batch/v1
  kind: Job
  metadata: { name: import }
  spec:
    template:
      spec:
        containers:
          - name: import
            image: import
            env:
              - name: PW
                valueFrom:
                  secretKeyRef: { name: ${secret}, key: password }
`;

const localChart = {
  'charts/identity/Chart.yaml':
    'apiVersion: v2\nname: identity\nversion: 1.0.0\n',
  'charts/identity/values.yaml': 'realm: default\nstore: vault\n',
  'charts/identity/templates/es.yaml': `
    apiVersion: external-secrets.io/v1
    kind: ExternalSecret
    metadata: { name: '{{ .Release.Name }}-admin' }
    spec:
      secretStoreRef: { kind: ClusterSecretStore, name: '{{ .Values.store }}' }
      target: { name: '{{ .Release.Name }}-admin' }
      data:
        - secretKey: password
          remoteRef: { key: 'identity/{{ .Values.realm }}', property: password }
  `,
  'platform/sso/store.yaml': `
    apiVersion: external-secrets.io/v1
    kind: ClusterSecretStore
    metadata: { name: vault }
    spec:
      provider:
        vault: { server: https://vault.example.test, path: kv, version: v2 }
  `,
};

describe('kustomize helmCharts', () => {
  it('renders a chart of the repository under chartHome as a release of the kustomization', () => {
    const r = analyze(
      fileTree({
        ...localChart,
        'platform/sso/kustomization.yaml': `
          namespace: identity
          helmGlobals: { chartHome: ../../charts }
          helmCharts:
            - name: identity
              releaseName: sso
              valuesFile: values-sso.yaml
              valuesInline: { realm: shop }
          resources: [job.yaml, store.yaml]
        `,
        'platform/sso/values-sso.yaml': 'realm: ignored\nstore: vault\n',
        'platform/sso/job.yaml': reader('sso-admin'),
      }),
      {},
    );
    expect(
      r.externalSecrets.map(e => [
        e.name,
        e.namespace,
        e.targetSecret,
        e.keys.map(k => k.key),
      ]),
    ).toStrictEqual([
      ['sso-admin', 'identity', 'sso-admin', ['identity/shop']],
    ]);
    expect(r.findings.map(f => [f.type, f.message])).toStrictEqual([]);
  });

  it('reads the values of a chart it cannot render: a Secret they name that nothing produces is looked for', () => {
    const files = (extra: Record<string, string> = {}) =>
      fileTree({
        'auth/kustomization.yaml': `
          namespace: auth
          helmCharts:
            - name: oauth2-proxy
              repo: https://charts.example.test
              releaseName: proxy
              valuesInline:
                config: { existingSecret: proxy-creds }
        `,
        ...extra,
      });
    const r = analyze(files(), {});
    expect(
      r.findings.map(f => [f.type, f.severity, f.subject.name]),
    ).toStrictEqual([
      ['missing-producer', 'info', 'proxy-creds'],
      ['unevaluable-source', 'info', 'auth/kustomization.yaml'],
    ]);
    expect(r.findings[1].message).toContain(
      'helmCharts proxy: chart HelmRepository/https://charts.example.test:oauth2-proxy is not in this repository and is not rendered',
    );
    const produced = analyze(
      files({
        'auth/secret.yaml': `
          apiVersion: v1
          kind: Secret
          metadata: { name: proxy-creds }
          type: Opaque
        `,
        'auth/kustomization.yaml': `
          namespace: auth
          resources: [secret.yaml]
          helmCharts:
            - name: oauth2-proxy
              repo: https://charts.example.test
              releaseName: proxy
              valuesInline:
                config: { existingSecret: proxy-creds }
        `,
      }),
      {},
    );
    expect(
      produced.findings.filter(f => f.type === 'missing-producer'),
    ).toStrictEqual([]);
  });

  it("says that the kustomization's own prefix and patches are not applied to the chart's objects", () => {
    const r = analyze(
      fileTree({
        ...localChart,
        'platform/sso/kustomization.yaml': `
          namespace: identity
          namePrefix: eu-
          helmGlobals: { chartHome: ../../charts }
          helmCharts:
            - name: identity
              releaseName: sso
          resources: [store.yaml]
        `,
      }),
      {},
    );
    expect(
      r.findings.filter(f => f.severity === 'info').map(f => f.message),
    ).toStrictEqual([
      "Not evaluated: the objects of helmCharts are analysed as Helm renders them, without this kustomization's namePrefix.",
    ]);
  });

  it('says which helmCharts entry it cannot read, and renders the others', () => {
    const r = analyze(
      fileTree({
        ...localChart,
        'platform/sso/kustomization.yaml': `
          helmGlobals: { chartHome: ../../charts }
          helmCharts:
            - repo: https://charts.example.test
            - just-a-string
            - name: identity
              releaseName: sso
          resources: [store.yaml]
        `,
      }),
      {},
    );
    expect(
      r.findings
        .filter(f => f.severity === 'info')
        .map(f => f.message)
        .sort(),
    ).toStrictEqual([
      'Not evaluated: helmCharts entry 1 has no chart name, so it is not rendered.',
      'Not evaluated: helmCharts entry 2 has no chart name, so it is not rendered.',
    ]);
    expect(r.externalSecrets.map(es => es.name)).toStrictEqual(['sso-admin']);
  });

  it('under Flux, says the build fails: kustomize-controller does not inflate helmCharts', () => {
    const r = analyze(
      fileTree({
        ...localChart,
        'clusters/home/apps.yaml': `
          apiVersion: kustomize.toolkit.fluxcd.io/v1
          kind: Kustomization
          metadata: { name: apps, namespace: flux-system }
          spec:
            interval: 10m
            path: ./platform/sso
            prune: true
            sourceRef: { kind: GitRepository, name: flux-system }
        `,
        'platform/sso/kustomization.yaml': `
          namespace: identity
          helmGlobals: { chartHome: ../../charts }
          helmCharts:
            - name: identity
              releaseName: sso
          resources: [store.yaml]
        `,
      }),
      {},
    );
    expect(r.externalSecrets).toStrictEqual([]);
    expect(r.findings.map(f => f.message)).toContain(
      'Not evaluated: Flux Kustomization apps: kustomize-controller does not inflate helmCharts (it builds without --enable-helm), so this build fails in the cluster; chart charts/identity is not analysed.',
    );
  });
});
