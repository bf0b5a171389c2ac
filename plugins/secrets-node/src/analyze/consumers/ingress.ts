/* Secrets Ingress and Gateway TLS read, the ones cert-manager's ingress shim issues, and ingress authentication. */

import { isMap } from './types';

/** Annotations of cert-manager's ingress and gateway shims: the TLS Secret is issued. */
export const CERT_MANAGER_SHIM = /^cert-manager\.io\/(cluster-)?issuer$/;

export const hasShim = (o: Record<string, any>) =>
  Object.keys(o.metadata?.annotations ?? {}).some(a =>
    CERT_MANAGER_SHIM.test(a),
  );

/** TLS Secrets cert-manager issues for an annotated Ingress or Gateway. */
export function shimIssuedSecrets(o: Record<string, any>): string[] {
  if (!hasShim(o)) return [];
  return tlsSecrets(o).map(t => t.name);
}

export function tlsSecrets(
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
