/* Consumers found by the shape of an object, whatever its kind. */
import { parseDocument } from 'yaml';
import { dedent } from '../__testUtils__/fileTree';
import { extractConsumers } from './consumers';
import { findPodSpecs } from './consumers/podSpecs';
import type { RenderedDoc } from './render';

const doc = (yaml: string): RenderedDoc => ({
  obj: parseDocument(dedent(yaml)).toJS(),
  release: 'r',
  environment: 'dev',
  file: 'f.yaml',
  line: 1,
  generated: false,
});
const read = (yaml: string) =>
  extractConsumers(doc(yaml)).map(c =>
    [
      c.how,
      c.secret,
      c.namespace,
      c.optional,
      c.namespaceUnknown ?? false,
    ].join(' '),
  );

const container = `
  containers:
    - name: app
      image: app
      env:
        - name: A
          valueFrom:
            secretKeyRef: { name: env-secret, key: a }
        - name: B
          valueFrom:
            secretKeyRef: { name: opt-secret, key: b, optional: true }
      envFrom:
        - secretRef: { name: envfrom-secret }
  volumes:
    - name: v
      secret: { secretName: vol-secret }
    - name: p
      projected:
        sources:
          - secret: { name: projected-secret }
  imagePullSecrets:
    - name: pull-secret
`;
const indent = (s: string, n: number) =>
  dedent(s)
    .split('\n')
    .map(l => (l ? ' '.repeat(n) + l : l))
    .join('\n');

describe('consumers found by shape', () => {
  const expected = (ns = 'apps') => [
    `secretKeyRef env-secret ${ns} false false`,
    `secretKeyRef opt-secret ${ns} true false`,
    `envFrom envfrom-secret ${ns} false false`,
    `volume vol-secret ${ns} false false`,
    `volume projected-secret ${ns} false false`,
    `imagePullSecrets pull-secret ${ns} false false`,
  ];

  it('a Deployment pod template: every reference form, optional respected', () => {
    expect(
      read(`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: apps }
        spec:
          template:
            spec:
${indent(container, 14)}
      `),
    ).toStrictEqual(expected());
  });

  it('a CronJob job template', () => {
    expect(
      read(`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: nightly, namespace: apps }
        spec:
          jobTemplate:
            spec:
              template:
                spec:
${indent(container, 18)}
      `),
    ).toStrictEqual(expected());
  });

  it('a KEDA ScaledJob, an Argo Rollout and a Knative Service, whatever their kind', () => {
    const scaledJob = `
      apiVersion: keda.sh/v1alpha1
      kind: ScaledJob
      metadata: { name: worker, namespace: apps }
      spec:
        jobTargetRef:
          template:
            spec:
${indent(container, 14)}
    `;
    expect(read(scaledJob)).toStrictEqual(expected());
    expect(findPodSpecs(doc(scaledJob).obj).map(p => p.at)).toStrictEqual([
      'spec.jobTargetRef.template.spec',
    ]);
    expect(
      read(`
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: { name: web, namespace: apps }
        spec:
          template:
            spec:
${indent(container, 14)}
      `),
    ).toStrictEqual(expected());
    expect(
      read(`
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata: { name: fn, namespace: apps }
        spec:
          template:
            spec:
${indent(container, 14)}
      `),
    ).toStrictEqual(expected());
  });

  it('values carried for another tool (HelmRelease values) are not read as pod specs', () => {
    expect(
      read(`
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: { name: app, namespace: apps }
        spec:
          values:
            podSpec:
${indent(container, 14)}
      `),
    ).toStrictEqual([]);
  });

  it('KEDA TriggerAuthentication reads Secrets of its namespace; the cluster-scoped one of an unknown namespace', () => {
    expect(
      read(`
        apiVersion: keda.sh/v1alpha1
        kind: TriggerAuthentication
        metadata: { name: t, namespace: apps }
        spec:
          secretTargetRef:
            - { parameter: password, name: redis-auth, key: password }
      `),
    ).toStrictEqual(['triggerAuthentication redis-auth apps false false']);
    expect(
      read(`
        apiVersion: keda.sh/v1alpha1
        kind: ClusterTriggerAuthentication
        metadata: { name: t }
        spec:
          secretTargetRef:
            - { parameter: password, name: redis-auth, key: password }
      `),
    ).toStrictEqual(['triggerAuthentication redis-auth  false true']);
  });

  it('Ingress TLS is read unless cert-manager issues it (ingress shim annotation)', () => {
    const ingress = (annotations: string) => `
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web
        namespace: apps
        ${annotations}
      spec:
        tls:
          - hosts: [web.example.com]
            secretName: web-tls
    `;
    expect(read(ingress(''))).toStrictEqual(['tls web-tls apps false false']);
    expect(
      read(
        ingress('annotations: { cert-manager.io/cluster-issuer: letsencrypt }'),
      ),
    ).toStrictEqual([]);
  });

  it('Traefik IngressRoute TLS', () => {
    expect(
      read(`
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata: { name: web, namespace: apps }
        spec:
          routes: []
          tls: { secretName: web-tls }
      `),
    ).toStrictEqual(['tls web-tls apps false false']);
  });

  it('ingress-nginx auth annotations: auth-secret only with auth-type basic or digest, namespace/name split', () => {
    const ingress = (annotations: string, cls = 'nginx') => `
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web
        namespace: apps
        annotations:
${indent(annotations, 10)}
      spec:
        ingressClassName: ${cls}
        rules: []
    `;
    expect(
      read(
        ingress(`
          nginx.ingress.kubernetes.io/auth-type: basic
          nginx.ingress.kubernetes.io/auth-secret: web-htpasswd
        `),
      ),
    ).toStrictEqual(['ingressAuth web-htpasswd apps false false']);
    expect(
      read(
        ingress(`
          nginx.ingress.kubernetes.io/auth-type: digest
          nginx.ingress.kubernetes.io/auth-secret: auth/shared-digest
          nginx.ingress.kubernetes.io/auth-tls-secret: pki/client-ca
        `),
      ),
    ).toStrictEqual([
      'ingressAuth shared-digest auth false false',
      'ingressAuth client-ca pki false false',
    ]);
    // no auth-type: ingress-nginx configures no authentication and never reads the Secret
    expect(
      read(ingress('nginx.ingress.kubernetes.io/auth-secret: web-htpasswd')),
    ).toStrictEqual([]);
    // external authentication reads no Secret
    expect(
      read(
        ingress(`
          nginx.ingress.kubernetes.io/auth-type: external
          nginx.ingress.kubernetes.io/auth-secret: web-htpasswd
        `),
      ),
    ).toStrictEqual([]);
    // another controller's Ingress ignores ingress-nginx annotations
    expect(
      read(
        ingress(
          `
          nginx.ingress.kubernetes.io/auth-type: basic
          nginx.ingress.kubernetes.io/auth-secret: web-htpasswd
        `,
          'traefik',
        ),
      ),
    ).toStrictEqual([]);
  });

  it('Traefik Middlewares: basic, digest and forward-auth TLS Secrets of their namespace', () => {
    for (const api of ['traefik.io/v1alpha1', 'traefik.containo.us/v1alpha1'])
      expect(
        read(`
          apiVersion: ${api}
          kind: Middleware
          metadata: { name: auth, namespace: edge }
          spec:
            basicAuth: { secret: edge-users, removeHeader: true }
            digestAuth: { secret: edge-digest }
            forwardAuth:
              address: https://sso.example.org/auth
              tls: { caSecret: sso-ca, certSecret: sso-client }
        `),
      ).toStrictEqual([
        'ingressAuth edge-users edge false false',
        'ingressAuth edge-digest edge false false',
        'ingressAuth sso-ca edge false false',
        'ingressAuth sso-client edge false false',
      ]);
    expect(
      read(`
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: sso, namespace: edge }
        spec:
          forwardAuth: { address: http://sso.edge.svc:4180/oauth2/auth }
      `),
    ).toStrictEqual([]);
  });

  it('the Secret a PushSecret pushes; a ClusterPushSecret pushes from namespaces the engine cannot list', () => {
    expect(
      read(`
        apiVersion: external-secrets.io/v1alpha1
        kind: PushSecret
        metadata: { name: push, namespace: apps }
        spec:
          secretStoreRefs: [{ kind: ClusterSecretStore, name: vault }]
          selector: { secret: { name: generated-key } }
          data:
            - match: { secretKey: key, remoteRef: { remoteKey: apps/key } }
      `),
    ).toStrictEqual(['pushSecret generated-key apps false false']);
    expect(
      read(`
        apiVersion: external-secrets.io/v1alpha1
        kind: ClusterPushSecret
        metadata: { name: push }
        spec:
          namespaceSelectors: [{ matchLabels: { push: 'true' } }]
          pushSecretSpec:
            selector: { secret: { name: shared-key } }
      `),
    ).toStrictEqual(['pushSecret shared-key  false true']);
    // a PushSecret of a generator reads no Secret
    expect(
      read(`
        apiVersion: external-secrets.io/v1alpha1
        kind: PushSecret
        metadata: { name: push, namespace: apps }
        spec:
          selector:
            generatorRef: { apiVersion: generators.external-secrets.io/v1alpha1, kind: Password, name: pw }
      `),
    ).toStrictEqual([]);
  });

  it('ESO store authentication Secrets; a ClusterSecretStore ref without namespace cannot be placed', () => {
    expect(
      read(`
        apiVersion: external-secrets.io/v1
        kind: SecretStore
        metadata: { name: op, namespace: apps }
        spec:
          provider:
            onepassword:
              connectHost: http://connect:8080
              auth:
                secretRef:
                  connectTokenSecretRef: { name: op-token, key: token }
      `),
    ).toStrictEqual(['storeAuth op-token apps false false']);
    expect(
      read(`
        apiVersion: external-secrets.io/v1
        kind: ClusterSecretStore
        metadata: { name: azure }
        spec:
          provider:
            azurekv:
              authSecretRef:
                clientId: { name: azure-sp, namespace: eso, key: id }
                clientSecret: { name: azure-sp, key: secret }
      `),
    ).toStrictEqual([
      'storeAuth azure-sp eso false false',
      'storeAuth azure-sp  false true',
    ]);
  });
});
