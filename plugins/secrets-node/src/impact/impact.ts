/*
 * Blast radius: what breaks when a Vault key, a target Secret or a store is
 * rotated or deleted. Follows the report's chain, per environment:
 * writers -> Vault key -> ExternalSecrets -> target Secrets -> readers
 * (workloads, operators, releases' values) -> catalog entities. Pure, over
 * the report (and, when given, live statuses); names only, never values.
 */
import type {
  ExternalSecretDecl,
  Impact,
  ImpactEdge,
  ImpactNode,
  ImpactQuery,
  SecretReader,
  SecretsReport,
} from '@ameideio/plugin-secrets-common';
import { coveredProperty } from '@ameideio/plugin-secrets-common';

const esId = (es: ExternalSecretDecl) =>
  `es:${es.environment}:${es.namespace ?? ''}/${es.name}`;
const secretId = (env: string, ns: string | undefined, name: string) =>
  `secret:${env}:${ns ?? ''}/${name}`;

/** The ExternalSecrets the query starts from. */
function startingPoints(
  report: SecretsReport,
  q: ImpactQuery,
): ExternalSecretDecl[] {
  const inEnv = (e: ExternalSecretDecl) =>
    !q.environment || e.environment === q.environment;
  const reading = report.externalSecrets.filter(
    e => e.kind !== 'PushSecret' && inEnv(e),
  );
  if (q.vaultKey)
    return reading.filter(e => e.keys.some(k => k.key === q.vaultKey));
  if (q.store) return reading.filter(e => e.storeRef.name === q.store);
  if (q.secret)
    return reading.filter(
      e =>
        e.targetSecret === q.secret &&
        (!q.namespace || !e.namespace || e.namespace === q.namespace),
    );
  return [];
}

/** The blast radius of a Vault key, a target Secret or a store. @public */
export function computeImpact(
  report: SecretsReport,
  query: ImpactQuery,
): Impact {
  const asked = [query.vaultKey, query.secret, query.store].filter(Boolean);
  if (asked.length !== 1)
    throw new Error('ask for exactly one of vaultKey, secret or store');
  const nodes = new Map<string, ImpactNode>();
  const edges = new Map<string, ImpactEdge>();
  const node = (n: ImpactNode) => {
    if (!nodes.has(n.id)) nodes.set(n.id, n);
    return n.id;
  };
  const edge = (from: string, to: string, label: string) =>
    edges.set(`${from}\u0000${to}\u0000${label}`, { from, to, label });
  const entityOfRelease = new Map(
    report.releases
      .filter(r => r.entityRef)
      .map(r => [r.name, r.entityRef as string]),
  );
  const entity = (from: string, release: string, entityRef?: string) => {
    const ref = entityRef ?? entityOfRelease.get(release);
    if (!ref) return;
    edge(
      from,
      node({ id: `entity:${ref}`, kind: 'Entity', name: ref, entityRef: ref }),
      'owned by',
    );
  };

  const start = startingPoints(report, query);
  const affected = new Set<string>();
  for (const es of start) {
    const e = node({
      id: esId(es),
      kind: 'ExternalSecret',
      name: es.name,
      environment: es.environment,
      namespace: es.namespace,
      sourceRef: es.sourceRef,
      detail: `${es.storeRef.kind}/${es.storeRef.name}`,
    });
    entity(e, es.release);
    // the keys it reads (only the asked one for a key query) and their writers
    for (const k of es.keys) {
      if (query.vaultKey && k.key !== query.vaultKey) continue;
      const keyNode = node({
        id: `key:${es.environment}:${k.key}`,
        kind: 'VaultKey',
        name: k.key,
        environment: es.environment,
      });
      edge(keyNode, e, 'read by');
      const property = coveredProperty(k);
      for (const c of report.coverage) {
        if (
          c.key !== k.key ||
          c.environment !== es.environment ||
          c.property !== property
        )
          continue;
        // an empty override is "provided for real": the fixture map does not write it
        if (c.fixture === 'present')
          edge(
            node({
              id: `writer:${es.environment}:fixture`,
              kind: 'Writer',
              name: 'fixture map',
              environment: es.environment,
              detail: c.fixture,
              ...(c.fixtureRef ? { sourceRef: c.fixtureRef } : {}),
            }),
            keyNode,
            'writes',
          );
        for (const w of c.writers)
          edge(
            node({
              id: `writer:${es.environment}:${w}`,
              kind: 'Writer',
              name: w,
              environment: es.environment,
            }),
            keyNode,
            'writes',
          );
      }
    }
    if (query.store)
      edge(
        node({
          id: `store:${es.environment}:${es.storeRef.kind}/${es.storeRef.name}`,
          kind: 'SecretStore',
          name: es.storeRef.name,
          environment: es.environment,
          detail: es.storeRef.kind,
        }),
        e,
        'serves',
      );
    const s = node({
      id: secretId(es.environment, es.namespace, es.targetSecret),
      kind: 'Secret',
      name: es.targetSecret,
      environment: es.environment,
      namespace: es.namespace,
    });
    edge(e, s, 'produces');
    affected.add(s);
  }
  // readers of the affected Secrets
  const readersOf = new Map<string, SecretReader[]>();
  for (const r of report.readers ?? []) {
    const k = `${r.environment}\u0000${r.secret}`;
    const list = readersOf.get(k);
    if (list) list.push(r);
    else readersOf.set(k, [r]);
  }
  let required = 0;
  let optional = 0;
  for (const id of [...affected]) {
    const s = nodes.get(id)!;
    for (const r of readersOf.get(`${s.environment}\u0000${s.name}`) ?? []) {
      if (r.namespace && s.namespace && r.namespace !== s.namespace) continue;
      const w = node(
        r.workload
          ? {
              id: `workload:${r.environment}:${r.namespace ?? ''}/${
                r.workload.kind
              }/${r.workload.name}`,
              kind: 'Workload',
              name: `${r.workload.kind}/${r.workload.name}`,
              environment: r.environment,
              namespace: r.namespace,
              sourceRef: r.sourceRef,
            }
          : {
              id: `release:${r.environment}:${r.release}`,
              kind: 'Release',
              name: r.release,
              environment: r.environment,
              namespace: r.namespace,
              sourceRef: r.sourceRef,
            },
      );
      const label = `${r.how}${r.optional ? ' (optional)' : ''}`;
      if (!edges.has(`${id}\u0000${w}\u0000${label}`)) {
        if (r.optional) optional++;
        else required++;
      }
      edge(id, w, label);
      entity(w, r.release, r.entityRef);
    }
  }
  const list = [...nodes.values()];
  return {
    query,
    nodes: list,
    edges: [...edges.values()],
    summary: {
      environments: [
        ...new Set(list.map(n => n.environment).filter(Boolean) as string[]),
      ].sort(),
      externalSecrets: list.filter(n => n.kind === 'ExternalSecret').length,
      secrets: list.filter(n => n.kind === 'Secret').length,
      readers: required,
      optionalReaders: optional,
      entities: list
        .filter(n => n.kind === 'Entity')
        .map(n => n.name)
        .sort(),
    },
  };
}
