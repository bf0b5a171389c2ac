/*
 * Clusters Argo CD knows: the cluster Secrets declared in the repository
 * (label `argocd.argoproj.io/secret-type: cluster`) and the clusters listed
 * in the options. Only `name`, `server`, `project`, labels and annotations
 * are read: the connection config of a cluster Secret is never touched.
 */
import type { ArgoCluster, ArgoContext } from './types';
import { isMap } from './types';

export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
export const SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';

const known = new WeakMap<ArgoContext, ArgoCluster[]>();

const strings = (v: unknown): Record<string, string> =>
  isMap(v)
    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]))
    : {};

/** A field of a Secret: `stringData` as written, `data` base64-decoded. */
function field(secret: Record<string, any>, key: string): string | undefined {
  const plain = secret.stringData?.[key];
  if (typeof plain === 'string') return plain;
  const encoded = secret.data?.[key];
  if (typeof encoded !== 'string') return undefined;
  return Buffer.from(encoded, 'base64').toString('utf8');
}

export function argoClusters(ctx: ArgoContext): ArgoCluster[] {
  const hit = known.get(ctx);
  if (hit) return hit;
  const out: ArgoCluster[] = [];
  for (const path of [...ctx.tree.keys()].sort()) {
    if (!/\.ya?ml$/.test(path)) continue;
    if (!ctx.tree.get(path)!.includes(SECRET_TYPE_LABEL)) continue;
    for (const doc of ctx.cache.data(path)) {
      const d = doc as Record<string, any>;
      if (!isMap(d) || d.kind !== 'Secret') continue;
      const labels = strings(d.metadata?.labels);
      if (labels[SECRET_TYPE_LABEL] !== 'cluster') continue;
      const name = field(d, 'name');
      const server = field(d, 'server');
      if (!server) continue;
      out.push({
        name: name ?? server,
        server,
        project: field(d, 'project'),
        labels,
        annotations: strings(d.metadata?.annotations),
      });
    }
  }
  for (const c of ctx.settings.clusters) {
    out.push({
      ...c,
      labels: { [SECRET_TYPE_LABEL]: 'cluster', ...c.labels },
    });
  }
  // Argo CD keys clusters by name: a later declaration of a name wins
  const byName = new Map(out.map(c => [c.name, c]));
  const list = [...byName.values()];
  known.set(ctx, list);
  return list;
}
