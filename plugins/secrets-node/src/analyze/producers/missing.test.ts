/*
 * Missing producers on whole repositories: what the repository produces
 * (operators included), how sure a missing one is, and the Secret whose own
 * chart's ExternalSecrets are switched off where it is consumed.
 */
import type { SecretsReport } from '@ameideio/plugin-secrets-common';
import { chart, fileTree } from '../../__testUtils__/fileTree';
import { platformStore } from '../../__testUtils__/repo';
import {
  externalSecretsTemplate,
  secretsEnabledValues,
} from '../../__testUtils__/templates';
import { analyze } from '../analyze';
import type { AnalyzeOptions } from '../options';
import { judgeMissingProducer } from './missing';

const run = (files: Record<string, string>, options: AnalyzeOptions = {}) =>
  analyze(fileTree(files), { environments: ['dev'], ...options });

const producerFindings = (r: SecretsReport) =>
  r.findings
    .filter(
      f =>
        f.type === 'missing-producer' || f.type === 'consumed-secret-disabled',
    )
    .map(f => [f.type, f.severity, f.subject.name, f.subject.namespace]);

/** A Deployment in namespace `apps` reading `secret` through an env var. */
const reader = (secret: string, ns = 'namespace: apps') => `
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    ${ns}
  spec:
    template:
      spec:
        containers:
          - name: web
            image: web
            env:
              - name: PW
                valueFrom:
                  secretKeyRef: { name: ${secret}, key: password }
`;

describe('missing producers', () => {
  it('a Secret an operator in the repository produces is not missing (CloudNativePG <name>-app)', () => {
    const r = run({
      'apps/db/cluster.yaml': `
        apiVersion: postgresql.cnpg.io/v1
        kind: Cluster
        metadata: { name: pg, namespace: apps }
        spec: { instances: 1 }
      `,
      'apps/web/deploy.yaml': reader('pg-app'),
    });
    expect(producerFindings(r)).toStrictEqual([]);
  });

  it('the operator produces in its own namespace: a reader elsewhere is told where it is (warning)', () => {
    const r = run({
      'apps/db/cluster.yaml': `
        apiVersion: postgresql.cnpg.io/v1
        kind: Cluster
        metadata: { name: pg, namespace: db }
      `,
      'apps/web/deploy.yaml': reader('pg-app'),
    });
    expect(producerFindings(r)).toStrictEqual([
      ['missing-producer', 'warning', 'pg-app', 'apps'],
    ]);
    expect(r.findings[0].message).toBe(
      'Secret pg-app is consumed (secretKeyRef) by Deployment/web but nothing produces it in namespace apps of dev; it is produced in namespace db (a Secret is read from its own namespace unless something copies it).',
    );
  });

  it('nothing in the repository produces it: a warning that says where the engine looked, never an error', () => {
    const r = run({ 'apps/web/deploy.yaml': reader('made-by-hand') });
    expect(producerFindings(r)).toStrictEqual([
      ['missing-producer', 'warning', 'made-by-hand', 'apps'],
    ]);
    expect(r.findings[0].message).toBe(
      'Secret made-by-hand is consumed (secretKeyRef) by Deployment/web but the repository does not produce it in namespace apps of dev (no ExternalSecret, Secret, SealedSecret, operator resource the engine knows, or `clusterManagedSecrets` entry of that name); it may be created outside the repository.',
    );
  });

  it('a reader whose namespace the engine cannot tell: info', () => {
    const r = run({ 'apps/web/deploy.yaml': reader('somewhere', '') });
    expect(producerFindings(r)).toStrictEqual([
      ['missing-producer', 'info', 'somewhere', undefined],
    ]);
  });

  it('image pull Secrets and Ingress TLS are often made by the cluster: info; cert-manager issues annotated ones', () => {
    const r = run({
      'apps/web/deploy.yaml': `
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: apps }
        spec:
          template:
            spec:
              imagePullSecrets: [{ name: regcred }]
              containers: [{ name: web, image: web }]
      `,
      'apps/web/ingress.yaml': `
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: web, namespace: apps }
        spec:
          tls: [{ hosts: [a.example.com], secretName: web-tls }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: issued
          namespace: apps
          annotations: { cert-manager.io/cluster-issuer: letsencrypt }
        spec:
          tls: [{ hosts: [b.example.com], secretName: issued-tls }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: reads-issued, namespace: apps }
        spec:
          template:
            spec:
              containers: [{ name: c, image: c }]
              volumes: [{ name: tls, secret: { secretName: issued-tls } }]
      `,
    });
    expect(producerFindings(r).sort()).toStrictEqual([
      ['missing-producer', 'info', 'regcred', 'apps'],
      ['missing-producer', 'info', 'web-tls', 'apps'],
    ]);
  });

  it('a Certificate produces the Secret an Ingress reads', () => {
    const r = run({
      'apps/web/ingress.yaml': `
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: web, namespace: apps }
        spec:
          tls: [{ secretName: web-tls }]
        ---
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: { name: web, namespace: apps }
        spec: { secretName: web-tls, dnsNames: [a.example.com] }
      `,
    });
    expect(producerFindings(r)).toStrictEqual([]);
  });

  it('ingress authentication Secrets: a warning when nothing produces them, none when an ExternalSecret does', () => {
    const r = run({
      'apps/web/ingress.yaml': `
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: apps
          annotations:
            nginx.ingress.kubernetes.io/auth-type: basic
            nginx.ingress.kubernetes.io/auth-secret: web-htpasswd
        spec:
          ingressClassName: nginx
          rules: []
        ---
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: auth, namespace: apps }
        spec:
          basicAuth: { secret: web-users }
      `,
      'apps/web/externalsecret.yaml': `
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: { name: web-users, namespace: apps }
        spec:
          secretStoreRef: { kind: ClusterSecretStore, name: vault }
          target: { name: web-users }
          data:
            - secretKey: users
              remoteRef: { key: web/users, property: htpasswd }
      `,
    });
    expect(producerFindings(r)).toStrictEqual([
      ['missing-producer', 'warning', 'web-htpasswd', 'apps'],
    ]);
    expect(
      r.findings.find(f => f.subject.name === 'web-htpasswd')?.message,
    ).toMatch(
      /^Secret web-htpasswd is consumed \(ingressAuth\) by Ingress\/web /,
    );
  });

  it('a Secret an operator reads (CloudNativePG bootstrap secret) needs a producer', () => {
    const r = run({
      'apps/db/cluster.yaml': `
        apiVersion: postgresql.cnpg.io/v1
        kind: Cluster
        metadata: { name: pg, namespace: db }
        spec:
          bootstrap:
            initdb: { database: app, owner: app, secret: { name: pg-app-auth } }
      `,
    });
    expect(producerFindings(r)).toStrictEqual([
      ['missing-producer', 'warning', 'pg-app-auth', 'db'],
    ]);
    expect(r.findings[0].message).toMatch(
      /^Secret pg-app-auth is consumed \(operator\) by Cluster\/pg/,
    );
  });

  it('operators configured by the team produce too; defaultProducers: false turns the built-ins off', () => {
    const files = {
      'apps/cache/redis.yaml': `
        apiVersion: cache.example.com/v1
        kind: Redis
        metadata: { name: cache, namespace: apps }
        ---
        apiVersion: postgresql.cnpg.io/v1
        kind: Cluster
        metadata: { name: pg, namespace: apps }
      `,
      'apps/web/deploy.yaml': `${reader('cache-auth')}---\n${reader(
        'pg-app',
      ).replace('name: web', 'name: web2')}`,
    };
    const producers = [
      {
        apiVersion: 'cache.example.com/*',
        kind: 'Redis',
        secrets: ['{{name}}-auth'],
      },
    ];
    expect(producerFindings(run(files, { producers }))).toStrictEqual([]);
    expect(
      producerFindings(run(files, { producers, defaultProducers: false })),
    ).toStrictEqual([['missing-producer', 'warning', 'pg-app', 'apps']]);
  });

  it('an ExternalSecret fed by a generator produces its target and needs no store', () => {
    const r = run({
      'apps/web/es.yaml': `
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: { name: session, namespace: apps }
        spec:
          refreshInterval: "0"
          target: { name: session-key }
          dataFrom:
            - sourceRef:
                generatorRef:
                  apiVersion: generators.external-secrets.io/v1alpha1
                  kind: Password
                  name: session-password
      `,
      'apps/web/deploy.yaml': reader('session-key'),
    });
    expect(r.findings).toStrictEqual([]);
    expect(r.externalSecrets.map(e => e.provider)).toStrictEqual(['generator']);
  });
});

describe('consumed-secret-disabled', () => {
  it("a workload reads a Secret its own chart's ExternalSecrets would produce, switched off in that environment", () => {
    const deploy = `
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: runner
      spec:
        template:
          spec:
            containers:
              - name: runner
                image: runner
                envFrom:
                  - secretRef:
                      name: runner-env
    `;
    const r = run(
      {
        ...platformStore(),
        ...chart(
          'apps',
          'runner',
          { 'es.yaml': externalSecretsTemplate(), 'deploy.yaml': deploy },
          `namespace: ameide\n${secretsEnabledValues}externalSecrets:\n  - name: runner-env\n    data:\n      - secretKey: token\n        remoteRef: runner-token\n`,
        ),
        'sources/values/env/dev/apps/apps-runner.yaml':
          'secrets:\n  enabled: false\n',
      },
      { environments: ['dev', 'production'] },
    );
    const found = r.findings.filter(f => f.type === 'consumed-secret-disabled');
    expect(found).toStrictEqual([
      {
        id: expect.any(String),
        type: 'consumed-secret-disabled',
        severity: 'error',
        message:
          'Secret runner-env is consumed (envFrom) by Deployment/runner, but the ExternalSecret of apps-runner that produces it is switched off in dev (secrets.enabled=false in sources/values/env/dev/apps/apps-runner.yaml:2).',
        subject: { kind: 'Secret', name: 'runner-env', namespace: 'ameide' },
        release: 'apps-runner',
        chart: 'sources/charts/apps/runner',
        environment: 'dev',
        sourceRef: {
          file: 'sources/charts/apps/runner/templates/deploy.yaml',
          line: 2,
        },
        proposedFix: {
          title: 'Produce the Secret where it is consumed',
          actions: [
            'Remove secrets.enabled=false from sources/values/env/dev/apps/apps-runner.yaml so apps-runner produces runner-env in dev, or stop reading runner-env there.',
          ],
        },
      },
    ]);
    // no generic missing-producer for the same cause, and production is fine
    expect(r.findings.filter(f => f.type === 'missing-producer')).toStrictEqual(
      [],
    );
  });

  it('switched off in every environment: by design, a warning', () => {
    const r = run(
      {
        ...platformStore(),
        ...chart(
          'apps',
          'runner',
          {
            'es.yaml': externalSecretsTemplate(),
            'deploy.yaml': reader('runner-env'),
          },
          `namespace: ameide\nsecrets:\n  enabled: false\n  store:\n    kind: ClusterSecretStore\n    name: vault\nexternalSecrets:\n  - name: runner-env\n    data:\n      - secretKey: token\n        remoteRef: runner-token\n`,
        ),
      },
      { environments: ['dev', 'production'] },
    );
    expect(producerFindings(r)).toStrictEqual([
      ['consumed-secret-disabled', 'warning', 'runner-env', 'apps'],
      ['consumed-secret-disabled', 'warning', 'runner-env', 'apps'],
    ]);
  });
});

describe('store credentials', () => {
  it("a store's own credential that nothing produces is bootstrapped by hand: info", () => {
    const r = run({
      'platform/store.yaml': `
        apiVersion: external-secrets.io/v1
        kind: ClusterSecretStore
        metadata: { name: onepassword }
        spec:
          provider:
            onepassword:
              connectHost: http://connect:8080
              auth:
                secretRef:
                  connectTokenSecretRef: { name: connect-token, namespace: eso, key: token }
      `,
    });
    expect(producerFindings(r)).toStrictEqual([
      ['missing-producer', 'info', 'connect-token', 'eso'],
    ]);
  });
});

describe('names the engine cannot resolve', () => {
  it('a Secret name with a ${VAR} placeholder: info, never looked up', () => {
    const r = run({
      'tasks/job.tmpl.yaml': reader('"${APP}-restic"', 'namespace: ${NS}'),
    });
    expect(producerFindings(r)).toStrictEqual([
      ['missing-producer', 'info', '${APP}-restic', '${NS}'],
    ]);
    expect(r.findings[0].message).toBe(
      'Secret ${APP}-restic is consumed (secretKeyRef) by Deployment/web; its name or namespace holds a substitution placeholder the engine does not resolve, so its producer was not looked for.',
    );
  });
});

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

describe('judgeMissingProducer', () => {
  const base = {
    secret: 'db',
    how: 'existingSecret' as const,
    consumer: 'release apps-db',
    env: 'dev',
    namespace: 'apps',
    notInstalled: [],
    switchedOff: [],
    otherNamespaces: [],
    otherEnvironments: [],
    clusterManagedKey: 'clusterManagedSecrets',
  };
  it('an existingSecret of a chart in the repository is a warning, of a chart outside it an info', () => {
    expect(judgeMissingProducer(base).severity).toBe('warning');
    expect(judgeMissingProducer({ ...base, remoteChart: true }).severity).toBe(
      'info',
    );
  });
  it('produced only in other environments: a warning naming them', () => {
    const v = judgeMissingProducer({
      ...base,
      how: 'secretKeyRef',
      otherEnvironments: ['production', 'staging', 'production'],
    });
    expect([v.type, v.severity]).toStrictEqual(['missing-producer', 'warning']);
    expect(v.message).toMatch(/; it is produced in production, staging\.$/);
  });
});
