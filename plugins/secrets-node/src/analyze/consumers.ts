/*
 * Secrets an object reads, found by shape rather than by a list of kinds:
 * any map shaped like a pod spec (a `containers` list of containers), at any
 * depth (Deployments, CronJobs, KEDA ScaledJobs, Argo Rollouts, Knative
 * Services, operator resources that embed pod templates), plus the few
 * non-pod readers that matter: KEDA TriggerAuthentication, Ingress and
 * Gateway TLS, ingress authentication (ingress-nginx annotations, Traefik
 * Middlewares), ESO store authentication and the Secret a PushSecret pushes.
 */
import { hasShim, ingressAuthSecrets, tlsSecrets } from './consumers/ingress';
import { findPodSpecs, podSpecConsumers } from './consumers/podSpecs';
import { ConsumerHow, isMap, SecretConsumer } from './consumers/types';
import type { RenderedDoc } from './render';

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
/**
 * The consumers of one rendered document, kept per document: the render
 * cache hands back the same documents while a release's inputs are
 * unchanged, so a re-analysis reads only the documents it rendered again.
 * Callers must not change the returned list or its entries.
 */
const byDocument = new WeakMap<RenderedDoc, SecretConsumer[]>();

export function extractConsumers(d: RenderedDoc): SecretConsumer[] {
  let out = byDocument.get(d);
  if (!out) byDocument.set(d, (out = consumersOf(d)));
  return out;
}

function consumersOf(d: RenderedDoc): SecretConsumer[] {
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
  /** A Secret the object always reads; `namespaceUnknown`: in a namespace the repository does not tell. */
  const reads = (
    secret: string,
    how: ConsumerHow,
    namespace: string | undefined,
    namespaceUnknown = false,
  ) =>
    out.push({
      secret,
      namespace,
      ...(namespaceUnknown ? { namespaceUnknown: true } : {}),
      how,
      optional: false,
      doc: d,
    });
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
      // a ClusterTriggerAuthentication reads Secrets in KEDA's own namespace
      reads(r.name, 'triggerAuthentication', cluster ? undefined : ns, cluster);
    }
  }
  if (!hasShim(o)) {
    for (const t of tlsSecrets(o)) reads(t.name, 'tls', t.namespace ?? ns);
  }
  for (const a of ingressAuthSecrets(o))
    reads(a.name, 'ingressAuth', a.namespace ?? ns);
  // the Secret a PushSecret pushes to its stores (ClusterPushSecret: in every selected namespace)
  if (
    api.startsWith('external-secrets.io/') &&
    (o.kind === 'PushSecret' || o.kind === 'ClusterPushSecret')
  ) {
    const cluster = o.kind === 'ClusterPushSecret';
    const spec = cluster ? o.spec?.pushSecretSpec : o.spec;
    const name = spec?.selector?.secret?.name;
    if (typeof name === 'string' && name)
      reads(name, 'pushSecret', cluster ? undefined : ns, cluster);
  }
  if (
    api.startsWith('external-secrets.io/') &&
    (o.kind === 'SecretStore' || o.kind === 'ClusterSecretStore')
  ) {
    const cluster = o.kind === 'ClusterSecretStore';
    for (const r of storeAuthRefs(o.spec?.provider)) {
      reads(
        r.name,
        'storeAuth',
        r.namespace ?? (cluster ? undefined : ns),
        cluster && !r.namespace,
      );
    }
  }
  return out;
}
