/* Secrets Flux objects read for authentication and substitution. */
import { isMap } from './types';

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
