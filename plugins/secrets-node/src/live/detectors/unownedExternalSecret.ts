/*
 * unowned-externalsecret: an ExternalSecret in a cluster that no chart in
 * the GitOps repository declares (drift). Only knowable with a report.
 */
import type { LiveContext, LiveDetector } from '../context';
import { liveFinding } from '../context';
import { esKey } from '../state';

/** The cluster ExternalSecrets no declaration matches. */
/** The namespace of a declaration that names none, in `LiveContext.declared`. */
export const ANY_NAMESPACE = '*';

export function unownedOf(
  ctx: Omit<LiveContext, 'unowned'>,
): LiveContext['unowned'] {
  if (!ctx.report) return [];
  const out: LiveContext['unowned'] = [];
  for (const c of ctx.clusters) {
    for (const es of c.externalSecrets) {
      const env = c.environment;
      const isDeclared = env
        ? ctx.declared.has(esKey(env, es.namespace, es.name)) ||
          ctx.declared.has(esKey(env, ANY_NAMESPACE, es.name))
        : ctx.decls.some(
            d =>
              d.name === es.name &&
              (d.namespace ?? es.namespace) === es.namespace,
          );
      if (!isDeclared) out.push({ es, environment: env });
    }
  }
  return out;
}

export const unownedExternalSecret: LiveDetector = ctx =>
  ctx.unowned.map(({ es, environment }) =>
    liveFinding({
      type: 'unowned-externalsecret',
      severity: 'warning',
      idParts: [es.cluster, es.namespace, es.name],
      message: `ExternalSecret ${es.namespace}/${es.name} in cluster ${es.cluster} is not declared by any chart in the GitOps repository (drift).`,
      subject: {
        kind: 'ExternalSecret',
        name: es.name,
        namespace: es.namespace,
      },
      ...(environment ? { environment } : {}),
      proposedFix: {
        title: 'Adopt or remove it',
        actions: [
          'Move it into the owning service chart (workloads own their ExternalSecrets), or delete it from the cluster if nothing mounts its Secret.',
        ],
      },
    }),
  );
