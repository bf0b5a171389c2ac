/* unserved-store: an ExternalSecret names a store that does not serve its namespace. */
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { Detector } from '../context';
import { envPhrase } from '../environments';
import type { Store } from '../providers';
import { declaredNamespaces, selectorMatches } from '../collect/namespaces';

/** A refusal that rests on Namespace labels, which may also be set outside the repository. */
const bySelector = (candidates: Store[]) =>
  candidates.some(s => s.conditions?.some((c: any) => c?.namespaceSelector));

type Labels = (ns: string) => Record<string, string> | undefined;

/**
 * Whether a ClusterSecretStore's conditions admit a namespace. A
 * `namespaceSelector` is matched against the labels of the Namespace the
 * repository declares; a namespace it does not declare may carry any
 * labels, so it is admitted.
 */
function admits(s: Store, ns: string | undefined, labelsOf: Labels): boolean {
  if (!s.conditions?.length) return true;
  return s.conditions.some((c: any) => {
    if (Array.isArray(c?.namespaces) && ns && c.namespaces.includes(ns))
      return true;
    if (
      Array.isArray(c?.namespaceRegexes) &&
      ns &&
      c.namespaceRegexes.some((r: string) => {
        try {
          return new RegExp(r).test(ns);
        } catch {
          return false;
        }
      })
    )
      return true;
    if (c?.namespaceSelector) {
      const labels = ns ? labelsOf(ns) : undefined;
      return (
        !labels ||
        selectorMatches(c.namespaceSelector, {
          ...labels,
          'kubernetes.io/metadata.name': ns!,
        })
      );
    }
    return false;
  });
}

export const unservedStore: Detector = ctx => {
  const { stores } = ctx;
  const out: Finding[] = [];
  const declared = declaredNamespaces(ctx.docs);
  for (const es of ctx.consuming) {
    if (es.kind === 'ClusterExternalSecret' || es.provider === 'generator')
      continue;
    const labelsOf: Labels = ns => declared.get(es.environment)?.get(ns);
    const admitsHere = (s: Store, ns?: string) => admits(s, ns, labelsOf);
    const candidates = stores.filter(
      s =>
        s.env === es.environment &&
        s.kind === es.storeRef.kind &&
        s.name === es.storeRef.name,
    );
    const served =
      es.storeRef.kind === 'SecretStore'
        ? candidates.some(
            s => !s.namespace || !es.namespace || s.namespace === es.namespace,
          )
        : candidates.some(s => admitsHere(s, es.namespace));
    if (served) continue;
    let why: string;
    if (!candidates.length) {
      why = `no ${es.storeRef.kind} "${
        es.storeRef.name
      }" is declared${envPhrase(es.environment, ' in %s')}`;
    } else if (es.storeRef.kind === 'SecretStore') {
      why = `a SecretStore only serves its own namespace (${candidates
        .map(c => c.namespace)
        .join(', ')}), not ${es.namespace}`;
    } else {
      why = `its conditions do not admit namespace ${es.namespace}`;
      if (bySelector(candidates))
        why += ` (the labels of Namespace ${es.namespace} as the repository declares it do not match its namespaceSelector; labels set outside the repository are not seen)`;
    }
    // stores of the environment that do serve the namespace, to suggest
    const servingStores = [
      ...new Set(
        stores
          .filter(
            s =>
              s.env === es.environment &&
              s.name &&
              (s.kind === 'SecretStore'
                ? s.namespace === es.namespace
                : admitsHere(s, es.namespace)),
          )
          .map(s => `${s.kind}/${s.name}`),
      ),
    ].sort();
    // no store anywhere in the repository: they are managed outside it
    const outside = !stores.length;
    if (outside)
      why +=
        '; the repository declares no SecretStore or ClusterSecretStore at all, so its stores are managed outside it';
    out.push(
      ctx.finding(
        'unserved-store',
        // eslint-disable-next-line no-nested-ternary
        outside ? 'info' : bySelector(candidates) ? 'warning' : 'error',
        `ExternalSecret ${es.name} uses ${es.storeRef.kind}/${es.storeRef.name}, but ${why}.`,
        {
          kind: 'SecretStore',
          name: es.storeRef.name,
          namespace: es.namespace,
        },
        {
          title: 'Point at a store that serves this namespace',
          actions: [
            servingStores.length
              ? `Use ${servingStores
                  .slice(0, 3)
                  .join(' or ')}, which serves namespace ${
                  es.namespace
                }, or declare ${es.storeRef.kind}/${es.storeRef.name} for it.`
              : `Declare ${es.storeRef.kind}/${es.storeRef.name} for namespace ${es.namespace}, or point the ExternalSecret at a store that serves it.`,
          ],
        },
        {
          release: es.release,
          chart: es.chart,
          environment: es.environment,
          sourceRef: es.sourceRef,
        },
      ),
    );
  }
  return out;
};
