/*
 * Which catalog entity owns which chart and releases. Entities come from the
 * options (the backend passes the catalog) and from Backstage entity files in
 * the repository: annotation `ameide.io/chart` holds the repo-relative chart
 * path; releases are derived from the layout unless `ameide.io/helm-release`
 * (comma-separated) names them.
 */
import {
  SECRETS_CHART_ANNOTATION as CHART_ANNOTATION,
  SECRETS_HELM_RELEASE_ANNOTATION as RELEASE_ANNOTATION,
} from '@ameideio/plugin-secrets-common';
import type { FileTree } from '../tree';
import type { YamlCache } from './yamlCache';

export { CHART_ANNOTATION, RELEASE_ANNOTATION };

/**
 * A catalog entity and the chart (and optionally the releases) it owns.
 * @public
 */
export interface EntityLink {
  /** Normalised entity ref, `kind:namespace/name` in lower case. */
  entityRef: string;
  /** Repository-relative chart directory, without leading `./` or trailing `/`. */
  chart: string;
  /** Releases named by `ameide.io/helm-release`; when set, only these are the entity's. */
  releases?: string[];
}

const trimSlash = (s: string) =>
  s
    .trim()
    .replace(/^\.?\/+/, '')
    .replace(/\/+$/, '');

/**
 * The one normalisation of entity refs: `kind:namespace/name` in lower case,
 * as the catalog's `stringifyEntityRef` writes them (kind `component` and
 * namespace `default` when absent). Every ref the engine emits goes through it.
 * @public
 */
export function normalizeEntityRef(ref: string): string {
  const colon = ref.indexOf(':');
  const kind = colon >= 0 ? ref.slice(0, colon) : 'component';
  const rest = colon >= 0 ? ref.slice(colon + 1) : ref;
  const slash = rest.indexOf('/');
  const namespace = slash >= 0 ? rest.slice(0, slash) : 'default';
  const name = slash >= 0 ? rest.slice(slash + 1) : rest;
  return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/** The parts of a catalog entity the link reads. @public */
export interface EntityLike {
  kind?: unknown;
  metadata?: {
    name?: unknown;
    namespace?: unknown;
    annotations?: Record<string, unknown>;
  };
}

/**
 * The chart link of a catalog entity, from its `ameide.io/chart` and
 * `ameide.io/helm-release` annotations; undefined without a chart.
 * @public
 */
export function entityLinkOf(e: EntityLike): EntityLink | undefined {
  const annotations = e.metadata?.annotations ?? {};
  const chart = annotations[CHART_ANNOTATION];
  const name = e.metadata?.name;
  if (typeof chart !== 'string' || !chart.trim() || typeof name !== 'string')
    return undefined;
  const releases = String(annotations[RELEASE_ANNOTATION] ?? '')
    .split(',')
    .map(r => r.trim())
    .filter(Boolean);
  const namespace =
    typeof e.metadata?.namespace === 'string' && e.metadata.namespace
      ? e.metadata.namespace
      : 'default';
  return {
    entityRef: normalizeEntityRef(
      `${
        typeof e.kind === 'string' && e.kind ? e.kind : 'component'
      }:${namespace}/${name}`,
    ),
    chart: trimSlash(chart),
    ...(releases.length ? { releases } : {}),
  };
}

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
      const link = entityLinkOf(e);
      if (link) out.push(link);
    }
  }
  return out;
}

/**
 * The entity of a release: one naming the release wins, else one owning its
 * chart without naming releases. The one release-to-entity join: the engine
 * and the backend both use it. Returns a normalised ref. The lookup is
 * indexed once per `entities` list: do not change a list after passing it.
 * @public
 */
export function entityFor(
  entities: readonly EntityLink[],
  release?: string,
  chart?: string,
): string | undefined {
  const index = linkIndex(entities);
  let found: string | undefined;
  if (release) found = index.byRelease.get(release);
  if (!found && chart) found = index.byChart.get(trimSlash(chart));
  return found;
}

/**
 * The first link naming each release, and the first owning each chart
 * without naming releases, as {@link entityFor} looks them up: built once
 * per list (the engine asks for every reader and finding). A list is never
 * changed once the engine uses it.
 */
const linkIndexes = new WeakMap<
  readonly EntityLink[],
  { byRelease: Map<string, string>; byChart: Map<string, string> }
>();

function linkIndex(entities: readonly EntityLink[]) {
  let index = linkIndexes.get(entities);
  if (index) return index;
  index = { byRelease: new Map(), byChart: new Map() };
  for (const e of entities) {
    const ref = normalizeEntityRef(e.entityRef);
    for (const r of e.releases ?? [])
      if (!index.byRelease.has(r)) index.byRelease.set(r, ref);
    if (
      !e.releases?.length &&
      e.chart !== undefined &&
      !index.byChart.has(e.chart)
    )
      index.byChart.set(e.chart, ref);
  }
  linkIndexes.set(entities, index);
  return index;
}

/**
 * The releases an entity owns among `releases`, by {@link entityFor} over
 * `entities` (which should include `link`; other entities' claims win as
 * they do in the engine).
 * @public
 */
export function releasesOwnedBy(
  link: EntityLink,
  releases: ReadonlyArray<{ name: string; chart?: string }>,
  entities: readonly EntityLink[] = [link],
): string[] {
  const ref = normalizeEntityRef(link.entityRef);
  return releases
    .filter(r => entityFor(entities, r.name, r.chart) === ref)
    .map(r => r.name);
}
