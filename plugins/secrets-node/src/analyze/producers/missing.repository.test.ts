/*
 * Missing producers on whole repositories: what the repository produces
 * (operators included), how sure a missing one is, and the Secret whose own
 * chart's ExternalSecrets are switched off where it is consumed.
 */
import { producerFindings, reader, run } from './__testUtils__/missing';

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
