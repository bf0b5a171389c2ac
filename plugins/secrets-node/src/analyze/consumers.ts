/*
 * Secrets an object reads, found by shape rather than by a list of kinds:
 * any map shaped like a pod spec (a `containers` list of containers), at any
 * depth (Deployments, CronJobs, KEDA ScaledJobs, Argo Rollouts, Knative
 * Services, operator resources that embed pod templates), plus the few
 * non-pod readers that matter: KEDA TriggerAuthentication, Ingress and
 * Gateway TLS, ingress authentication (ingress-nginx annotations, Traefik
 * Middlewares), ESO store authentication and the Secret a PushSecret pushes.
 */
import type { RenderedDoc } from './render';

const isMap = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** How a Secret is read; decides how sure a missing producer is. */
export type ConsumerHow =
  | 'secretKeyRef'
  | 'envFrom'
  | 'volume'
  | 'imagePullSecrets'
  | 'existingSecret'
  | 'tls'
  | 'triggerAuthentication'
  | 'storeAuth'
  | 'operator'
  | 'kubernetesProvider'
  | 'valuesFrom'
  | 'ingressAuth'
  | 'fluxAuth'
  | 'substituteFrom'
  | 'pushSecret';

export interface SecretConsumer {
  secret: string;
  /** Namespace the Secret must be in; undefined when the object does not say. */
  namespace?: string;
  /** The namespace cannot be known (a cluster-scoped reader without one). */
  namespaceUnknown?: boolean;
  how: ConsumerHow;
  optional: boolean;
  doc: RenderedDoc;
  /** Where in the object, for messages (`spec.jobTargetRef.template.spec`). */
  at?: string;
  /** Read through values of a release whose chart is not in the repository. */
  remoteChart?: boolean;
  /** The producer the reader itself is (an ExternalSecret copying a Secret of that name): not evidence of another producer. */
  self?: string;
}

/** Kinds whose nested maps are values of another tool, not objects of the cluster. */
const VALUE_CARRIERS = new Set([
  'Application',
  'ApplicationSet',
  'HelmRelease',
  'HelmChart',
  'Kustomization',
]);
const VALUE_KEYS = new Set(['values', 'valuesObject', 'status']);

const isContainer = (c: unknown) =>
  isMap(c) && (typeof c.image === 'string' || typeof c.name === 'string');

/** A map shaped like a pod spec: a non-empty `containers` list of containers. */
export function isPodSpec(v: unknown): v is Record<string, any> {
  return (
    isMap(v) &&
    Array.isArray(v.containers) &&
    v.containers.length > 0 &&
    v.containers.every(isContainer)
  );
}

/** Every pod spec in an object, with its path; a pod spec is not searched inside. */
export function findPodSpecs(
  obj: Record<string, any>,
): Array<{ spec: Record<string, any>; at: string }> {
  const out: Array<{ spec: Record<string, any>; at: string }> = [];
  if (VALUE_CARRIERS.has(obj.kind)) return out;
  const walk = (v: unknown, at: string, depth: number) => {
    if (depth > 10) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${at}[${i}]`, depth + 1));
      return;
    }
    if (!isMap(v)) return;
    if (isPodSpec(v)) {
      out.push({ spec: v, at });
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if (
        depth === 0 &&
        (k === 'metadata' || k === 'apiVersion' || k === 'kind')
      )
        continue;
      if (VALUE_KEYS.has(k)) continue;
      if (typeof x === 'object' && x !== null)
        walk(x, at ? `${at}.${k}` : k, depth + 1);
    }
  };
  walk(obj, '', 0);
  return out;
}

function podSpecConsumers(
  spec: Record<string, any>,
  push: (secret: unknown, how: ConsumerHow, optional: unknown) => void,
) {
  const containers = [
    ...(Array.isArray(spec.containers) ? spec.containers : []),
    ...(Array.isArray(spec.initContainers) ? spec.initContainers : []),
    ...(Array.isArray(spec.ephemeralContainers)
      ? spec.ephemeralContainers
      : []),
  ];
  for (const c of containers) {
    if (!isMap(c)) continue;
    for (const env of Array.isArray(c.env) ? c.env : []) {
      const ref = env?.valueFrom?.secretKeyRef;
      if (isMap(ref)) push(ref.name, 'secretKeyRef', ref.optional);
    }
    for (const ef of Array.isArray(c.envFrom) ? c.envFrom : []) {
      if (isMap(ef?.secretRef))
        push(ef.secretRef.name, 'envFrom', ef.secretRef.optional);
    }
  }
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) {
    if (!isMap(v)) continue;
    if (isMap(v.secret)) push(v.secret.secretName, 'volume', v.secret.optional);
    for (const src of Array.isArray(v.projected?.sources)
      ? v.projected.sources
      : []) {
      if (isMap(src?.secret))
        push(src.secret.name, 'volume', src.secret.optional);
    }
  }
  for (const p of Array.isArray(spec.imagePullSecrets)
    ? spec.imagePullSecrets
    : []) {
    if (isMap(p)) push(p.name, 'imagePullSecrets', false);
  }
}

/** Annotations of cert-manager's ingress and gateway shims: the TLS Secret is issued. */
export const CERT_MANAGER_SHIM = /^cert-manager\.io\/(cluster-)?issuer$/;

const hasShim = (o: Record<string, any>) =>
  Object.keys(o.metadata?.annotations ?? {}).some(a =>
    CERT_MANAGER_SHIM.test(a),
  );

/** TLS Secrets cert-manager issues for an annotated Ingress or Gateway. */
export function shimIssuedSecrets(o: Record<string, any>): string[] {
  if (!hasShim(o)) return [];
  return tlsSecrets(o).map(t => t.name);
}

function tlsSecrets(
  o: Record<string, any>,
): Array<{ name: string; namespace?: string }> {
  const api = String(o.apiVersion ?? '');
  if (o.kind === 'Ingress' && /^(networking|extensions)\.k8s\.io\//.test(api)) {
    return (Array.isArray(o.spec?.tls) ? o.spec.tls : [])
      .filter(
        (t: any) =>
          isMap(t) && typeof t.secretName === 'string' && t.secretName,
      )
      .map((t: any) => ({ name: t.secretName }));
  }
  if (
    o.kind === 'IngressRoute' &&
    /^traefik\.(io|containo\.us)\//.test(api) &&
    typeof o.spec?.tls?.secretName === 'string' &&
    o.spec.tls.secretName
  ) {
    return [{ name: o.spec.tls.secretName }];
  }
  if (o.kind === 'Gateway' && api.startsWith('gateway.networking.k8s.io/')) {
    const out: Array<{ name: string; namespace?: string }> = [];
    for (const l of Array.isArray(o.spec?.listeners) ? o.spec.listeners : [])
      for (const r of Array.isArray(l?.tls?.certificateRefs)
        ? l.tls.certificateRefs
        : [])
        if (
          isMap(r) &&
          typeof r.name === 'string' &&
          (r.kind ?? 'Secret') === 'Secret'
        )
          out.push({
            name: r.name,
            ...(r.namespace ? { namespace: String(r.namespace) } : {}),
          });
    return out;
  }
  return [];
}

const NGINX = 'nginx.ingress.kubernetes.io/';
/** Ingress classes of controllers other than ingress-nginx: its annotations mean nothing there. */
const OTHER_CONTROLLER =
  /traefik|haproxy|kong|alb|gce|istio|cilium|contour|ambassador|apisix|skipper/i;

/** `name` or `namespace/name`, as ingress-nginx splits a Secret key. */
function nsName(v: unknown): { name: string; namespace?: string } | undefined {
  if (typeof v !== 'string') return undefined;
  const parts = v.trim().split('/');
  if (parts.length > 2 || !parts[parts.length - 1]) return undefined;
  return parts.length === 2 && parts[0]
    ? { name: parts[1], namespace: parts[0] }
    : { name: parts[parts.length - 1] };
}

/**
 * Secrets an ingress controller reads to authenticate requests; without
 * them the route is refused. ingress-nginx: `auth-secret` (only with an
 * `auth-type` of basic or digest: without one the controller configures no
 * authentication and never reads it) and `auth-tls-secret` (the client CA).
 * Traefik Middlewares: `basicAuth.secret`, `digestAuth.secret` and the
 * `forwardAuth.tls` Secrets, in the Middleware's namespace.
 */
export function ingressAuthSecrets(
  o: Record<string, any>,
): Array<{ name: string; namespace?: string }> {
  const api = String(o.apiVersion ?? '');
  const out: Array<{ name: string; namespace?: string }> = [];
  if (o.kind === 'Ingress' && /^(networking|extensions)\.k8s\.io\//.test(api)) {
    const ann = isMap(o.metadata?.annotations) ? o.metadata.annotations : {};
    const cls = String(
      o.spec?.ingressClassName ?? ann['kubernetes.io/ingress.class'] ?? '',
    );
    if (OTHER_CONTROLLER.test(cls) && !/nginx/i.test(cls)) return out;
    if (
      /^\s*(basic|digest)\s*$/i.test(String(ann[`${NGINX}auth-type`] ?? ''))
    ) {
      const s = nsName(ann[`${NGINX}auth-secret`]);
      if (s) out.push(s);
    }
    const ca = nsName(ann[`${NGINX}auth-tls-secret`]);
    if (ca) out.push(ca);
    return out;
  }
  if (o.kind === 'Middleware' && /^traefik\.(io|containo\.us)\//.test(api)) {
    const spec = isMap(o.spec) ? o.spec : {};
    for (const v of [
      spec.basicAuth?.secret,
      spec.digestAuth?.secret,
      spec.forwardAuth?.tls?.caSecret,
      spec.forwardAuth?.tls?.certSecret,
    ])
      if (typeof v === 'string' && v) out.push({ name: v });
  }
  return out;
}

/** Secret references in an ESO store's provider: any `...SecretRef`/`secretRef` map with a name. */
export function storeAuthRefs(
  provider: unknown,
): Array<{ name: string; namespace?: string }> {
  const out: Array<{ name: string; namespace?: string }> = [];
  // a map with a name under a `...SecretRef` key, or directly inside one
  // (Azure's `authSecretRef: { clientId: { name, key } }`)
  const walk = (v: unknown, key: string, inRef: boolean, depth: number) => {
    if (depth > 8) return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, key, inRef, depth + 1);
      return;
    }
    if (!isMap(v)) return;
    const ref = /secretref$/i.test(key);
    if ((ref || inRef) && typeof v.name === 'string' && v.name) {
      out.push({
        name: v.name,
        ...(typeof v.namespace === 'string' && v.namespace
          ? { namespace: v.namespace }
          : {}),
      });
      return;
    }
    for (const [k, x] of Object.entries(v)) walk(x, k, ref, depth + 1);
  };
  walk(provider, '', false, 0);
  return out;
}

/** Every Secret a rendered object reads, found by shape. */
export function extractConsumers(d: RenderedDoc): SecretConsumer[] {
  const o = d.obj;
  if (!isMap(o) || typeof o.kind !== 'string') return [];
  const ns: string | undefined = o.metadata?.namespace;
  const out: SecretConsumer[] = [];
  const make =
    (at?: string) => (secret: unknown, how: ConsumerHow, optional: unknown) => {
      if (typeof secret !== 'string' || !secret) return;
      out.push({
        secret,
        namespace: ns,
        how,
        optional: optional === true || optional === 'true',
        doc: d,
        ...(at ? { at } : {}),
      });
    };
  for (const { spec, at } of findPodSpecs(o)) podSpecConsumers(spec, make(at));

  const api = String(o.apiVersion ?? '');
  if (
    api.startsWith('keda.sh/') &&
    /^(Cluster)?TriggerAuthentication$/.test(o.kind)
  ) {
    const cluster = o.kind === 'ClusterTriggerAuthentication';
    for (const r of Array.isArray(o.spec?.secretTargetRef)
      ? o.spec.secretTargetRef
      : []) {
      if (!isMap(r) || typeof r.name !== 'string' || !r.name) continue;
      out.push({
        secret: r.name,
        // a ClusterTriggerAuthentication reads Secrets in KEDA's own namespace
        namespace: cluster ? undefined : ns,
        ...(cluster ? { namespaceUnknown: true } : {}),
        how: 'triggerAuthentication',
        optional: false,
        doc: d,
      });
    }
  }
  if (!hasShim(o)) {
    for (const t of tlsSecrets(o))
      out.push({
        secret: t.name,
        namespace: t.namespace ?? ns,
        how: 'tls',
        optional: false,
        doc: d,
      });
  }
  for (const a of ingressAuthSecrets(o))
    out.push({
      secret: a.name,
      namespace: a.namespace ?? ns,
      how: 'ingressAuth',
      optional: false,
      doc: d,
    });
  // the Secret a PushSecret pushes to its stores (ClusterPushSecret: in every selected namespace)
  if (
    api.startsWith('external-secrets.io/') &&
    (o.kind === 'PushSecret' || o.kind === 'ClusterPushSecret')
  ) {
    const cluster = o.kind === 'ClusterPushSecret';
    const spec = cluster ? o.spec?.pushSecretSpec : o.spec;
    const name = spec?.selector?.secret?.name;
    if (typeof name === 'string' && name)
      out.push({
        secret: name,
        namespace: cluster ? undefined : ns,
        ...(cluster ? { namespaceUnknown: true } : {}),
        how: 'pushSecret',
        optional: false,
        doc: d,
      });
  }
  if (
    api.startsWith('external-secrets.io/') &&
    (o.kind === 'SecretStore' || o.kind === 'ClusterSecretStore')
  ) {
    const cluster = o.kind === 'ClusterSecretStore';
    for (const r of storeAuthRefs(o.spec?.provider)) {
      const unknown = cluster && !r.namespace;
      out.push({
        secret: r.name,
        namespace: r.namespace ?? (cluster ? undefined : ns),
        ...(unknown ? { namespaceUnknown: true } : {}),
        how: 'storeAuth',
        optional: false,
        doc: d,
      });
    }
  }
  return out;
}

/** A Secret the values of a release name in a Kubernetes shape. */
export interface ValuesConsumer {
  secret: string;
  how: ConsumerHow;
  optional: boolean;
  /** Dotted path in the values, for messages. */
  at: string;
}

/**
 * Secrets the values of a chart the engine does not render name in the
 * shapes Kubernetes defines, which charts pass through to their pods:
 * `secretKeyRef`, `envFrom[].secretRef` (and app-template's
 * `envFrom[].secret`), a `secret.secretName` volume, `imagePullSecrets`,
 * and app-template-style `persistence.<name>` of `type: secret`. Objects
 * embedded in the values (an `apiVersion` and `kind`) are analysed as
 * objects and skipped here.
 */
export function valuesConsumers(values: unknown): ValuesConsumer[] {
  const out: ValuesConsumer[] = [];
  const push = (
    secret: unknown,
    how: ConsumerHow,
    optional: unknown,
    at: string,
  ) => {
    if (typeof secret !== 'string' || !secret || secret.includes('{{')) return;
    out.push({
      secret,
      how,
      optional: optional === true || optional === 'true',
      at,
    });
  };
  const walk = (v: unknown, at: string, key: string, depth: number) => {
    if (depth > 12) return;
    if (Array.isArray(v)) {
      if (key === 'envFrom')
        v.forEach((e, i) => {
          if (!isMap(e)) return;
          if (isMap(e.secretRef))
            push(
              e.secretRef.name,
              'envFrom',
              e.secretRef.optional,
              `${at}[${i}]`,
            );
          else if (typeof e.secret === 'string')
            push(e.secret, 'envFrom', e.optional, `${at}[${i}]`);
        });
      else if (key === 'imagePullSecrets')
        v.forEach((e, i) =>
          push(isMap(e) ? e.name : e, 'imagePullSecrets', false, `${at}[${i}]`),
        );
      else v.forEach((x, i) => walk(x, `${at}[${i}]`, key, depth + 1));
      return;
    }
    if (!isMap(v)) return;
    if (typeof v.apiVersion === 'string' && typeof v.kind === 'string') return;
    if (key === 'secretKeyRef') {
      push(v.name, 'secretKeyRef', v.optional, at);
      return;
    }
    if (key === 'secret' && typeof v.secretName === 'string') {
      push(v.secretName, 'volume', v.optional, at);
      return;
    }
    if (key === 'persistence')
      for (const [name, p] of Object.entries(v))
        if (
          isMap(p) &&
          p.type === 'secret' &&
          p.enabled !== false &&
          typeof p.name === 'string'
        )
          push(p.name, 'volume', p.optional, `${at}.${name}`);
    for (const [k, x] of Object.entries(v))
      if (typeof x === 'object' && x !== null)
        walk(x, at ? `${at}.${k}` : k, k, depth + 1);
  };
  walk(values, '', '', 0);
  return out;
}

/** Secrets a Flux HelmRelease reads its values from (`spec.valuesFrom` of kind Secret). */
export function valuesFromSecrets(
  hr: Record<string, any>,
): Array<{ name: string; optional: boolean }> {
  const refs = hr?.spec?.valuesFrom;
  if (!Array.isArray(refs)) return [];
  return refs
    .filter(
      (r: any) =>
        isMap(r) && r.kind === 'Secret' && typeof r.name === 'string' && r.name,
    )
    .map((r: any) => ({ name: r.name, optional: r.optional === true }));
}

/** A Secret a Flux object reads, with where in the object. */
export interface FluxSecretRef {
  name: string;
  how: 'fluxAuth' | 'substituteFrom';
  optional: boolean;
  /** Key path in the object (`spec.secretRef`), for messages and lines. */
  at: Array<string | number>;
}

/** `<field>.name` of the Flux object's fields that name a Secret, by group and kind. */
const FLUX_AUTH_REFS: Array<{
  group: string;
  kinds: string[];
  refs: string[][];
}> = [
  {
    group: 'source',
    kinds: ['GitRepository', 'HelmRepository', 'OCIRepository', 'Bucket'],
    refs: [['secretRef'], ['certSecretRef'], ['proxySecretRef']],
  },
  {
    group: 'source',
    kinds: ['GitRepository', 'OCIRepository', 'HelmChart'],
    refs: [['verify', 'secretRef']],
  },
  {
    group: 'notification',
    kinds: ['Provider'],
    refs: [['secretRef'], ['certSecretRef'], ['proxySecretRef']],
  },
  { group: 'notification', kinds: ['Receiver'], refs: [['secretRef']] },
  {
    group: 'image',
    kinds: ['ImageRepository'],
    refs: [['secretRef'], ['certSecretRef'], ['proxySecretRef']],
  },
];

/**
 * Secrets a Flux object reads: the credentials of sources, notification
 * providers and receivers, and image repositories (the controller cannot
 * fetch or notify without them), and a Kustomization's
 * `postBuild.substituteFrom` Secrets (not `optional`: kustomize-controller
 * fails the Kustomization without them). Left out by design, because they
 * are made outside Git: the deploy key of the bootstrap's own source
 * (`GitRepository`/`OCIRepository` `flux-system`) and SOPS decryption keys
 * (`spec.decryption.secretRef`).
 */
export function fluxSecretRefs(o: Record<string, any>): FluxSecretRef[] {
  const m = /^([a-z]+)\.toolkit\.fluxcd\.io\//.exec(
    String(o?.apiVersion ?? ''),
  );
  if (!m || !isMap(o.spec)) return [];
  const out: FluxSecretRef[] = [];
  const bootstrapSource =
    (o.kind === 'GitRepository' || o.kind === 'OCIRepository') &&
    o.metadata?.name === 'flux-system';
  for (const r of FLUX_AUTH_REFS) {
    if (r.group !== m[1] || !r.kinds.includes(o.kind)) continue;
    for (const path of r.refs) {
      if (bootstrapSource && path.join('.') === 'secretRef') continue;
      let v: any = o.spec;
      for (const k of path) v = isMap(v) ? v[k] : undefined;
      if (isMap(v) && typeof v.name === 'string' && v.name)
        out.push({
          name: v.name,
          how: 'fluxAuth',
          optional: false,
          at: ['spec', ...path],
        });
    }
  }
  if (m[1] === 'kustomize' && o.kind === 'Kustomization') {
    const from = o.spec.postBuild?.substituteFrom;
    (Array.isArray(from) ? from : []).forEach((s: unknown, i: number) => {
      if (
        isMap(s) &&
        s.kind === 'Secret' &&
        typeof s.name === 'string' &&
        s.name
      )
        out.push({
          name: s.name,
          how: 'substituteFrom',
          optional: s.optional === true || s.optional === 'true',
          at: ['spec', 'postBuild', 'substituteFrom', i],
        });
    });
  }
  return out;
}
