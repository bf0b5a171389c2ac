/*
 * Pure join: the entities' answers and the report -> the review page's
 * overview (rows, conflicts, orphan fixtures, counts, facets). No I/O here.
 */
import type {
  EntitySecretsResponse,
  OverviewEntityRow,
  OverviewResponse,
  OwnershipConflict,
  ParsedOverviewQuery,
} from '@ameideio/plugin-secrets-common';
import {
  entityFor,
  entityLinkOf,
  type EntityLink,
} from '@ameideio/plugin-secrets-node';
import type { Entity } from '@backstage/catalog-model';
import { countSeverities, entityResponse, type JoinContext } from './join';

/** The overview of `entities`, filtered and paged by `query`. */
export function overviewResponse(
  entities: Entity[],
  ctx: JoinContext,
  query: ParsedOverviewQuery,
  respond: (entity: Entity) => Omit<EntitySecretsResponse, 'sources'> = e =>
    entityResponse(e, ctx),
): OverviewResponse {
  const report = ctx.report;
  const rows: OverviewEntityRow[] = [];
  const facets = {
    owners: new Set<string>(),
    environments: new Set<string>(),
    findingTypes: new Set<string>(),
  };
  for (const entity of entities) {
    const r = respond(entity);
    if (typeof entity.spec?.owner === 'string')
      facets.owners.add(entity.spec.owner);
    for (const env of r.environments) facets.environments.add(env);
    for (const f of r.findings) facets.findingTypes.add(f.type);
    const findings = r.findings.filter(
      f =>
        (!query.environment ||
          !f.environment ||
          f.environment === query.environment) &&
        (!query.severity || f.severity === query.severity),
    );
    const row: OverviewEntityRow = {
      entityRef: r.entityRef,
      owner:
        typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined,
      chart: r.chart,
      externalSecrets: r.summary.externalSecrets,
      fixtureCoverage: r.summary.fixtureCoverage,
      syncErrors: r.summary.syncErrors,
      findingsBySeverity: countSeverities(findings),
      findingTypes: [...new Set(findings.map(f => f.type))].sort(),
      environments: r.environments,
    };
    if (
      query.owner &&
      row.owner !== query.owner &&
      !row.owner?.endsWith(`/${query.owner}`)
    )
      continue;
    if (query.findingType && !row.findingTypes.includes(query.findingType))
      continue;
    if (query.severity && row.findingsBySeverity[query.severity] === 0)
      continue;
    if (query.q && !row.entityRef.includes(query.q.toLocaleLowerCase('en-US')))
      continue;
    rows.push(row);
  }
  rows.sort(
    (a, b) =>
      b.findingsBySeverity.error - a.findingsBySeverity.error ||
      a.entityRef.localeCompare(b.entityRef),
  );

  const conflicts: OwnershipConflict[] = [];
  const links = entities
    .map(e => entityLinkOf(e))
    .filter((l): l is EntityLink => Boolean(l));
  for (const f of report?.findings ?? []) {
    if (
      f.type !== 'duplicate-owner' ||
      (query.environment && f.environment !== query.environment)
    )
      continue;
    const owners = (report?.externalSecrets ?? [])
      .filter(
        es =>
          es.environment === f.environment &&
          es.targetSecret === f.subject.name &&
          (es.namespace ?? '') === (f.subject.namespace ?? ''),
      )
      .map(es => ({
        release: es.release,
        chart: es.chart,
        entityRef: entityFor(links, es.release, es.chart),
        file: es.sourceRef.file,
        line: es.sourceRef.line,
      }));
    conflicts.push({
      environment: f.environment ?? '',
      namespace: f.subject.namespace,
      targetSecret: f.subject.name,
      owners,
    });
  }

  const orphanFixtures = (report?.findings ?? [])
    .filter(f => f.type === 'orphan-fixture')
    .map(f => ({
      key: f.subject.name,
      property: f.subject.property ?? 'value',
      environment: f.environment ?? '',
      file: f.sourceRef?.file ?? '',
      line: f.sourceRef?.line,
    }));

  const all = [
    ...(report?.findings ?? []),
    ...(ctx.live?.findings ?? []),
  ].filter(
    f =>
      !query.environment ||
      !f.environment ||
      f.environment === query.environment,
  );
  const countsByFindingType: Record<string, number> = {};
  for (const f of all)
    countsByFindingType[f.type] = (countsByFindingType[f.type] ?? 0) + 1;
  for (const f of [...(report?.findings ?? []), ...(ctx.live?.findings ?? [])])
    facets.findingTypes.add(f.type);
  const sorted = (set: Set<string>) => [...set].sort();

  return {
    entities: {
      items: rows.slice(query.offset, query.offset + query.limit),
      totalCount: rows.length,
      offset: query.offset,
      limit: query.limit,
    },
    conflicts,
    unownedExternalSecrets: (ctx.live?.unowned ?? []).filter(
      u =>
        !query.environment ||
        !u.environment ||
        u.environment === query.environment,
    ),
    orphanFixtures,
    countsByFindingType,
    countsBySeverity: countSeverities(all),
    facets: {
      owners: sorted(facets.owners),
      environments: sorted(facets.environments),
      findingTypes: sorted(facets.findingTypes),
    },
    sources: ctx.sources,
    refreshedAt: ctx.refreshedAt,
  };
}
