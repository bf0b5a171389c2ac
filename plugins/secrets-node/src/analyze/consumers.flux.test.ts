/* Consumers among Flux objects. */
import { parseDocument } from 'yaml';
import { dedent } from '../__testUtils__/fileTree';
import { fluxSecretRefs } from './consumers/flux';

describe('Secrets Flux objects read', () => {
  const refs = (yaml: string) =>
    fluxSecretRefs(parseDocument(dedent(yaml)).toJS()).map(r =>
      [r.how, r.name, r.optional, r.at.join('.')].join(' '),
    );

  it('source credentials, TLS, proxy and verification Secrets', () => {
    expect(
      refs(`
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: { name: private, namespace: flux-system }
        spec:
          url: https://charts.example.org
          secretRef: { name: private-auth }
          certSecretRef: { name: private-ca }
          proxySecretRef: { name: corp-proxy }
      `),
    ).toStrictEqual([
      'fluxAuth private-auth false spec.secretRef',
      'fluxAuth private-ca false spec.certSecretRef',
      'fluxAuth corp-proxy false spec.proxySecretRef',
    ]);
    expect(
      refs(`
        apiVersion: source.toolkit.fluxcd.io/v1beta2
        kind: OCIRepository
        metadata: { name: podinfo }
        spec:
          url: oci://ghcr.io/example/podinfo
          secretRef: { name: ghcr-pull }
          verify: { provider: cosign, secretRef: { name: cosign-pub } }
      `),
    ).toStrictEqual([
      'fluxAuth ghcr-pull false spec.secretRef',
      'fluxAuth cosign-pub false spec.verify.secretRef',
    ]);
    expect(
      refs(`
        apiVersion: notification.toolkit.fluxcd.io/v1
        kind: Receiver
        metadata: { name: github }
        spec: { type: github, secretRef: { name: webhook-token } }
      `),
    ).toStrictEqual(['fluxAuth webhook-token false spec.secretRef']);
  });

  it("the bootstrap's deploy key and SOPS decryption keys are made outside Git: not read", () => {
    expect(
      refs(`
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: { name: flux-system, namespace: flux-system }
        spec:
          url: ssh://git@example.org/fleet.git
          secretRef: { name: flux-system }
      `),
    ).toStrictEqual([]);
    expect(
      refs(`
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: { name: apps, namespace: flux-system }
        spec:
          path: ./apps
          decryption: { provider: sops, secretRef: { name: sops-age } }
      `),
    ).toStrictEqual([]);
  });

  it('postBuild.substituteFrom Secrets, optional respected; ConfigMaps are not Secrets', () => {
    expect(
      refs(`
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: { name: apps, namespace: flux-system }
        spec:
          path: ./apps
          postBuild:
            substituteFrom:
              - { kind: ConfigMap, name: cluster-settings }
              - { kind: Secret, name: cluster-secrets }
              - { kind: Secret, name: extra-secrets, optional: true }
      `),
    ).toStrictEqual([
      'substituteFrom cluster-secrets false spec.postBuild.substituteFrom.1',
      'substituteFrom extra-secrets true spec.postBuild.substituteFrom.2',
    ]);
  });

  it('objects of other groups are not Flux objects', () => {
    expect(
      refs(`
        apiVersion: example.com/v1
        kind: HelmRepository
        metadata: { name: x }
        spec: { secretRef: { name: y } }
      `),
    ).toStrictEqual([]);
  });
});
