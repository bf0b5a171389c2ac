/*
 * What a Flux HelmRelease of a remote chart reads: its valuesFrom Secrets,
 * and Secrets its values name.
 */
import { fileTree } from '../__testUtils__/fileTree';
import { analyze } from './analyze';

const hr = (name: string, spec: string) => `
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: ${name}
  namespace: apps
spec:
  interval: 1h
  chart:
    spec:
      chart: ${name}
      sourceRef: { kind: HelmRepository, name: charts, namespace: flux-system }
${spec}`;

const ks = `
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 1h
  path: ./apps
  sourceRef: { kind: GitRepository, name: flux-system }
`;

const missing = (files: Record<string, string>) =>
  analyze(fileTree({ 'clusters/home/apps.yaml': ks, ...files }))
    .findings.filter(f => f.type === 'missing-producer')
    .map(f => [
      f.subject.name,
      f.severity,
      f.message.match(/\(([a-zA-Z]+)\)/)?.[1],
    ]);

describe('Flux HelmReleases of remote charts', () => {
  it('a valuesFrom Secret nothing produces is a missing producer; an optional one is not', () => {
    expect(
      missing({
        'apps/podinfo.yaml': hr(
          'podinfo',
          '  valuesFrom:\n    - kind: Secret\n      name: podinfo-values\n    - kind: Secret\n      name: podinfo-extra\n      optional: true\n',
        ),
      }),
    ).toStrictEqual([['podinfo-values', 'warning', 'valuesFrom']]);
  });

  it('a valuesFrom Secret the repository produces is no finding', () => {
    expect(
      missing({
        'apps/podinfo.yaml': hr(
          'podinfo',
          '  valuesFrom:\n    - kind: Secret\n      name: podinfo-values\n',
        ),
        'apps/es.yaml': `
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: podinfo-values
  namespace: apps
spec:
  secretStoreRef: { kind: ClusterSecretStore, name: vault }
  target: { name: podinfo-values }
  dataFrom:
    - extract: { key: podinfo }
`,
      }),
    ).toStrictEqual([]);
  });

  it('Secrets named in the values of a remote chart are consumers at info', () => {
    expect(
      missing({
        'apps/grafana.yaml': hr(
          'grafana',
          '  values:\n    envFromSecret: grafana-env\n    extraEnv:\n      - name: TOKEN\n        valueFrom:\n          secretKeyRef: { name: grafana-token, key: token }\n',
        ),
      }).sort(),
    ).toStrictEqual([
      ['grafana-env', 'info', 'existingSecret'],
      ['grafana-token', 'info', 'secretKeyRef'],
    ]);
  });
});
