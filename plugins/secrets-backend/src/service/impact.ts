/*
 * The blast-radius answer of the API: the engine's chain (computeImpact),
 * with the live status of each ExternalSecret, narrowed to what the caller
 * may see. Entities the caller cannot read, and the nodes only they own,
 * are counted, not named.
 */
import {
  IMPACT_QUERY_KEYS,
  type ImpactQuery,
  type ImpactResponse,
  type LiveExternalSecretStatus,
  type SecretsReport,
} from '@ameideio/plugin-secrets-common';
import { computeImpact } from '@ameideio/plugin-secrets-node';
import { InputError } from '@backstage/errors';
import { type LiveIndex, liveStatusesOf } from '@ameideio/plugin-secrets-node';

const KEY = /^[A-Za-z0-9][-A-Za-z0-9_./]{0,252}$/;

/** Reads `vaultKey`, `secret`, `store`, `namespace`, `environment` from a query string object. */
export function parseImpactQuery(q: Record<string, unknown>): ImpactQuery {
  const out: ImpactQuery = {};
  for (const k of IMPACT_QUERY_KEYS) {
    const v = q[k];
    if (v === undefined) continue;
    if (typeof v !== 'string' || !KEY.test(v))
      throw new InputError(`Invalid ${k}`);
    out[k] = v;
  }
  const asked = [out.vaultKey, out.secret, out.store].filter(Boolean);
  if (asked.length !== 1)
    throw new InputError('Give exactly one of vaultKey, secret or store');
  return out;
}

export function impactResponse(
  report: SecretsReport | undefined,
  live: LiveIndex | undefined,
  query: ImpactQuery,
  visible: ReadonlySet<string>,
): ImpactResponse {
  const empty: SecretsReport = {
    generatedAt: '',
    environments: [],
    releases: [],
    externalSecrets: [],
    coverage: [],
    findings: [],
    fixtureMap: { present: false, files: [] },
    stats: { files: 0, charts: 0, durationMs: 0 },
  };
  const imp = computeImpact(report ?? empty, query);
  // nodes owned only by entities the caller cannot see
  const owners = new Map<string, string[]>();
  for (const e of imp.edges)
    if (e.label === 'owned by') {
      const list = owners.get(e.from) ?? [];
      list.push(e.to.replace(/^entity:/, ''));
      owners.set(e.from, list);
    }
  const hiddenEntities = imp.nodes.filter(
    n => n.kind === 'Entity' && !visible.has(n.name),
  );
  const hidden = new Set(hiddenEntities.map(n => n.id));
  for (const [id, refs] of owners)
    if (refs.every(r => !visible.has(r))) hidden.add(id);
  const nodes = imp.nodes.filter(n => !hidden.has(n.id));
  const edges = imp.edges.filter(e => !hidden.has(e.from) && !hidden.has(e.to));
  const liveOf: Record<string, LiveExternalSecretStatus[]> = {};
  if (live)
    for (const n of nodes)
      if (n.kind === 'ExternalSecret' && n.environment)
        liveOf[n.id] = liveStatusesOf(live, n.environment, {
          namespace: n.namespace,
          name: n.name,
        });
  return {
    ...imp,
    nodes,
    edges,
    summary: {
      ...imp.summary,
      entities: imp.summary.entities.filter(r => visible.has(r)),
    },
    live: liveOf,
    hidden: {
      entities: hiddenEntities.length,
      nodes: hidden.size - hiddenEntities.length,
    },
  };
}
