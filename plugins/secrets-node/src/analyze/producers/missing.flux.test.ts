/*
 * Missing producers on whole repositories: what the repository produces
 * (operators included), how sure a missing one is, and the Secret whose own
 * chart's ExternalSecrets are switched off where it is consumed.
 */
import { fileTree } from '../../__testUtils__/fileTree';
import { analyze } from '../analyze';
import { producerFindings, run } from './__testUtils__/missing';

describe('Secrets the Flux controllers read', () => {
  const flux = (extra: Record<string, string>) =>
    run({
      'clusters/dev/flux-system/gotk-sync.yaml': `
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: { name: flux-system, namespace: flux-system }
        spec:
          url: ssh://git@example.org/fleet.git
          secretRef: { name: flux-system }
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: { name: flux-system, namespace: flux-system }
        spec:
          path: ./clusters/dev
          sourceRef: { kind: GitRepository, name: flux-system }
      `,
      'clusters/dev/apps.yaml': `
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: { name: apps, namespace: flux-system }
        spec:
          path: ./apps
          sourceRef: { kind: GitRepository, name: flux-system }
          decryption: { provider: sops, secretRef: { name: sops-age } }
          postBuild:
            substituteFrom:
              - { kind: Secret, name: cluster-secrets }
              - { kind: Secret, name: optional-secrets, optional: true }
              - { kind: Secret, name: tunnel-secrets }
      `,
      'apps/kustomization.yaml': 'resources: [repos.yaml]\n',
      'apps/repos.yaml': `
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: { name: private, namespace: flux-system }
        spec:
          url: https://charts.example.org
          secretRef: { name: private-auth }
      `,
      ...extra,
    });

  it('a source credential and a substituteFrom Secret nothing produces: warnings; the deploy key, SOPS key and optional Secrets: nothing', () => {
    expect(producerFindings(flux({})).sort()).toStrictEqual([
      ['missing-producer', 'warning', 'cluster-secrets', 'flux-system'],
      ['missing-producer', 'warning', 'private-auth', 'flux-system'],
      ['missing-producer', 'warning', 'tunnel-secrets', 'flux-system'],
    ]);
  });

  it('produced by an applied Secret: no finding; a manifest in a folder nothing applies (bootstrap): info', () => {
    const r = flux({
      'clusters/dev/cluster-secrets.yaml': `
        apiVersion: v1
        kind: Secret
        metadata: { name: cluster-secrets, namespace: flux-system }
        stringData: { DOMAIN: example.org }
      `,
      'bootstrap/kustomization.yaml': 'resources: [secrets.yaml]\n',
      'bootstrap/secrets.yaml': `
        apiVersion: v1
        kind: Secret
        metadata: { name: tunnel-secrets, namespace: flux-system }
        stringData: { TUNNEL_ID: op://vault/tunnel/id }
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: private-auth, namespace: flux-system }
        stringData: { username: op://vault/charts/username }
      `,
    });
    expect(producerFindings(r).sort()).toStrictEqual([
      ['missing-producer', 'info', 'private-auth', 'flux-system'],
      ['missing-producer', 'info', 'tunnel-secrets', 'flux-system'],
    ]);
    const f = r.findings.find(x => x.subject.name === 'tunnel-secrets');
    expect(f?.message).toBe(
      'Secret tunnel-secrets is consumed (substituteFrom) by Kustomization/apps; nothing the repository applies produces it in namespace flux-system of dev, but bootstrap/secrets.yaml holds a manifest of it that no Flux Kustomization, Argo CD Application or kustomization root applies: it is taken to be applied by hand.',
    );
    expect(f?.sourceRef).toStrictEqual({
      file: 'clusters/dev/apps.yaml',
      line: 12,
    });
  });

  it('Flux discovery switched off: Flux objects are not readers', () => {
    const r = analyze(
      fileTree({
        'repos.yaml': `
          apiVersion: source.toolkit.fluxcd.io/v1
          kind: HelmRepository
          metadata: { name: private, namespace: flux-system }
          spec: { url: https://charts.example.org, secretRef: { name: private-auth } }
        `,
      }),
      { environments: ['dev'], discovery: ['argocd'] },
    );
    expect(producerFindings(r)).toStrictEqual([]);
  });
});
