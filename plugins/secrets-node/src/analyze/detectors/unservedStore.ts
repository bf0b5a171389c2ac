/*
 * unserved-store: an ExternalSecret (or the ExternalSecret a
 * ClusterExternalSecret writes in a namespace it reaches), one of its items,
 * or a PushSecret names a store that does not serve its namespace.
 */
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { Detector } from '../context';
import { envPhrase } from '../environments';
import type { Store } from '../providers';
import {
  declaredNamespaces,
  namespaceSelected,
  reachOfExtracted,
  type NamespaceLabels,
} from '../collect/namespaces';
import type { ExtractedES } from '../extract';
import { storeRefsOf } from './storeRefs';

/**
 * Whether a ClusterSecretStore's conditions admit a namespace (ESO ORs every
 * condition and every field of one): `unknown` when only a
 * `namespaceSelector` could admit it and the repository does not declare
 * the namespace, whose labels then live in the cluster.
 */
function admission(
  s: Store,
  ns: string | undefined,
  declared: NamespaceLabels,
): 'yes' | 'no' | 'unknown' {
  if (!s.conditions?.length) return 'yes';
  let unknown = false;
  for (const c of s.conditions) {
    if (Array.isArray(c?.namespaces) && ns && c.namespaces.includes(ns))
      return 'yes';
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
      return 'yes';
    if (c?.namespaceSelector && typeof c.namespaceSelector === 'object') {
      const selected = namespaceSelected(c.namespaceSelector, ns, declared);
      if (selected) return 'yes';
      if (selected === undefined) unknown = true;
    }
  }
  return unknown ? 'unknown' : 'no';
}

/**
 * A refusal that may rest on Namespace labels, which can also be set outside
 * the repository (Argo CD's managedNamespaceMetadata, an admission webhook):
 * a warning, not an error.
 */
const bySelector = (candidates: Store[]) =>
  candidates.some(s => s.conditions?.some((c: any) => c?.namespaceSelector));

export const unservedStore: Detector = ctx => {
  const { stores, docsAt } = ctx;
  const namespaces = declaredNamespaces(ctx.docs);
  const admits = (s: Store, env: string, ns?: string) =>
    admission(s, ns, namespaces.get(env) ?? new Map());
  // a ClusterExternalSecret writes one ExternalSecret in each namespace it reaches
  const perNamespace = (es: ExtractedES): ExtractedES[] => {
    if (es.kind !== 'ClusterExternalSecret') return [es];
    if (es.namespace) return [];
    const reach = reachOfExtracted(es, docsAt, namespaces);
    return (reach?.namespaces ?? []).map(namespace => ({ ...es, namespace }));
  };
  // one check per store named (items may name their own; a PushSecret several)
  // (one naming no store at all, and fed by no generator, is checked as it is)
  const perStore = (es: ExtractedES): ExtractedES[] => {
    if (es.provider === 'generator' && !es.storeRef.name) return [];
    const refs = storeRefsOf(es, docsAt);
    return refs.length ? refs.map(storeRef => ({ ...es, storeRef })) : [es];
  };
  const checked = [
    ...ctx.consuming,
    ...ctx.all.filter(es => es.kind === 'PushSecret'),
  ];
  const out: Finding[] = [];
  for (const es of checked.flatMap(perNamespace).flatMap(perStore)) {
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
        : candidates.some(
            s => admits(s, es.environment, es.namespace) === 'yes',
          );
    if (served) continue;
    // only a label selector could admit it, over labels the repository does not declare
    const byLabelsOnly =
      es.storeRef.kind !== 'SecretStore' &&
      candidates.some(
        s => admits(s, es.environment, es.namespace) === 'unknown',
      );
    let why: string;
    if (!candidates.length) {
      why = `no ${es.storeRef.kind} "${
        es.storeRef.name
      }" is declared${envPhrase(es.environment, ' in %s')}`;
    } else if (es.storeRef.kind === 'SecretStore') {
      why = `a SecretStore only serves its own namespace (${candidates
        .map(c => c.namespace)
        .join(', ')}), not ${es.namespace}`;
    } else if (byLabelsOnly) {
      why = `its conditions admit namespaces by label (conditions.namespaceSelector) and ${
        es.namespace
          ? `namespace ${es.namespace} is not declared in the repository`
          : 'the ExternalSecret has no namespace in the repository'
      }, so whether the store serves it is not evaluated`;
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
                : admits(s, es.environment, es.namespace) === 'yes'),
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
        outside || byLabelsOnly
          ? 'info'
          : bySelector(candidates)
          ? 'warning'
          : 'error',
        `${es.kind} ${es.name}${
          es.kind === 'ClusterExternalSecret'
            ? ` (its ExternalSecret in namespace ${es.namespace})`
            : ''
        } uses ${es.storeRef.kind}/${es.storeRef.name}, but ${why}.`,
        {
          kind: 'SecretStore',
          name: es.storeRef.name,
          namespace: es.namespace,
        },
        byLabelsOnly
          ? {
              title: 'Check that the store admits this namespace',
              actions: [
                `Declare Namespace ${
                  es.namespace ?? '(its namespace)'
                } in the repository with its labels, or check in the cluster that it carries the labels the namespaceSelector of ${
                  es.storeRef.kind
                }/${es.storeRef.name} requires.`,
              ],
            }
          : {
              title: 'Point at a store that serves this namespace',
              actions: [
                servingStores.length
                  ? `Use ${servingStores
                      .slice(0, 3)
                      .join(' or ')}, which serves namespace ${
                      es.namespace
                    }, or declare ${es.storeRef.kind}/${
                      es.storeRef.name
                    } for it.`
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
