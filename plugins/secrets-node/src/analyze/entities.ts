/*
 * Which catalog entity owns which chart and releases. Entities come from the
 * options (the backend passes the catalog) and from Backstage entity files in
 * the repository: annotation `ameide.io/chart` holds the repo-relative chart
 * path; releases are derived from the layout unless `ameide.io/helm-release`
 * (comma-separated) names them.
 */
import type { FileTree } from '../tree';
import type { YamlCache } from './yamlCache';

export const CHART_ANNOTATION = 'ameide.io/chart';
export const RELEASE_ANNOTATION = 'ameide.io/helm-release';

export interface EntityLink {
  entityRef: string;
  chart: string;
  releases?: string[];
}

const trimSlash = (s: string) => s.replace(/^\.?\/+/, '').replace(/\/+$/, '');

/** Reads entity files (`apiVersion: backstage.io/...`) that carry the chart annotation. */
export function catalogEntities(
  tree: FileTree,
  cache: YamlCache,
): EntityLink[] {
  const out: EntityLink[] = [];
  for (const [path, text] of tree) {
    if (!/\.ya?ml$/.test(path) || !text.includes(CHART_ANNOTATION)) continue;
    for (const d of cache.docs(path)) {
      const e = d.value as Record<string, any> | null;
      if (
        !e ||
        typeof e !== 'object' ||
        !String(e.apiVersion ?? '').startsWith('backstage.io/')
      )
        continue;
      const chart = e.metadata?.annotations?.[CHART_ANNOTATION];
      if (
        typeof chart !== 'string' ||
        !chart.trim() ||
        typeof e.metadata?.name !== 'string'
      )
        continue;
      const releases = String(e.metadata.annotations[RELEASE_ANNOTATION] ?? '')
        .split(',')
        .map(s => s.trim())
        .filter(Boolean);
      out.push({
        entityRef: `${String(e.kind ?? 'component').toLowerCase()}:${
          e.metadata.namespace ?? 'default'
        }/${e.metadata.name}`,
        chart: trimSlash(chart),
        ...(releases.length ? { releases } : {}),
      });
    }
  }
  return out;
}

/** The entity of a release: one naming the release wins, else one owning its chart without naming releases. */
export function entityFor(
  entities: EntityLink[],
  release?: string,
  chart?: string,
): string | undefined {
  if (release) {
    const named = entities.find(e => e.releases?.includes(release));
    if (named) return named.entityRef;
  }
  if (!chart) return undefined;
  return entities.find(e => e.chart === chart && !e.releases?.length)
    ?.entityRef;
}
