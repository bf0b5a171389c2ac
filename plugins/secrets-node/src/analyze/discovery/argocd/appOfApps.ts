/*
 * App-of-apps: releases whose rendered documents are Argo CD Applications or
 * ApplicationSets (a chart of Applications, e.g. the `argocd-apps` chart's
 * `applications:` values rendered by a chart of the repository). Each pass
 * renders the charts that template `argoproj.io` objects, reads the objects
 * as declarations of their environment, and hands them to the caller, which
 * returns the releases that are new; those are explored in the next pass,
 * up to a depth limit. A release is rendered once per environment, so a
 * chart declaring itself ends the walk. The community `argocd-apps` chart
 * from its Helm repository is not rendered but read: its values declare the
 * Applications and ApplicationSets.
 */
import { releaseValues, renderRelease, type RenderedDoc } from '../../render';
import { TemplateCache } from '../../render/caches';
import type { Release } from '../../releases';
import { argoKind, readArgoObject } from './discover';
import { note } from './notes';
import {
  type ArgoContext,
  type ArgoRelease,
  type DirectorySource,
  isMap,
} from './types';

/** Passes of rendered declarations followed (a root app, its apps, their apps). */
export const MAX_APP_OF_APPS_DEPTH = 3;

/** Releases and directory sources declared by rendered documents (any environment). */
export function argoFromRenderedDocs(
  docs: Array<Pick<RenderedDoc, 'obj' | 'file' | 'line' | 'environment'>>,
  ctx: ArgoContext,
): { releases: ArgoRelease[]; directories: DirectorySource[] } {
  const out = {
    releases: [] as ArgoRelease[],
    directories: [] as DirectorySource[],
  };
  for (const d of docs) {
    if (!argoKind(d.obj)) continue;
    const read = readArgoObject(
      d.obj,
      ctx,
      { file: d.file, line: d.line },
      d.environment,
    );
    out.releases.push(...read.releases);
    out.directories.push(...read.directories);
  }
  return out;
}

/** The community `argocd-apps` chart, installed from its Helm repository. */
const isArgocdAppsChart = (release: Release) =>
  !release.chartInfo && /(^|\/)argocd-apps$/.test(release.chart ?? '');

const templatesArgo = (release: Release, ctx: ArgoContext) =>
  Boolean(
    release.chartInfo?.templates.some(t =>
      (ctx.tree.get(t) ?? '').includes('argoproj.io'),
    ),
  ) || isArgocdAppsChart(release);

const APP_FIELDS = ['project', 'source', 'sources', 'destination'];
const APPSET_FIELDS = [
  'generators',
  'template',
  'templatePatch',
  'goTemplate',
  'goTemplateOptions',
];

/**
 * The objects the `argocd-apps` chart renders from its values:
 * `applications` and `applicationsets`, as a map by name or a list of
 * entries with `name`.
 */
export function argocdAppsObjects(
  values: Record<string, unknown>,
): Array<Record<string, any>> {
  const entries = (v: unknown): Array<[string, Record<string, any>]> => {
    if (Array.isArray(v))
      return v
        .filter(isMap)
        .map(e => [String(e.name ?? ''), e] as [string, Record<string, any>]);
    if (isMap(v))
      return Object.entries(v)
        .filter(([, e]) => isMap(e))
        .map(([k, e]) => [
          String((e as any).name ?? k),
          e as Record<string, any>,
        ]);
    return [];
  };
  const pick = (e: Record<string, any>, fields: string[]) =>
    Object.fromEntries(
      fields.filter(f => e[f] !== undefined).map(f => [f, e[f]]),
    );
  const meta = (name: string, e: Record<string, any>) => ({
    name,
    ...(isMap(e.labels) ? { labels: e.labels } : {}),
  });
  return [
    ...entries(values.applications).map(([name, e]) => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: meta(name, e),
      spec: pick(e, APP_FIELDS),
    })),
    ...entries(values.applicationsets).map(([name, e]) => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: meta(name, e),
      spec: pick(e, APPSET_FIELDS),
    })),
  ];
}

/**
 * Follows rendered Argo CD objects from `roots`. `admit` records the
 * declarations and returns the releases it created or extended.
 */
export function followAppOfApps(
  roots: Release[],
  ctx: ArgoContext,
  admit: (found: {
    releases: ArgoRelease[];
    directories: DirectorySource[];
  }) => Release[],
  maxDepth = MAX_APP_OF_APPS_DEPTH,
): void {
  const templates = new TemplateCache();
  const rendered = new Set<string>();
  let frontier = roots.filter(r => templatesArgo(r, ctx));
  for (let depth = 0; frontier.length; depth++) {
    if (depth >= maxDepth) {
      const r = frontier[0];
      note(
        ctx,
        {
          file: r.sourceRef?.file ?? r.chart ?? '',
          line: r.sourceRef?.line,
          what: `release ${r.name}`,
        },
        `Applications nest deeper than ${maxDepth} levels of app-of-apps; deeper ones are not analysed`,
      );
      return;
    }
    const docs: RenderedDoc[] = [];
    for (const release of frontier) {
      for (const env of release.environments) {
        const key = `${release.name}\u0000${release.chart}\u0000${env}`;
        if (rendered.has(key)) continue;
        rendered.add(key);
        const values = releaseValues(release, env, ctx.cache, []);
        if (values.installed === false || values.enabled === false) continue;
        if (isArgocdAppsChart(release)) {
          for (const obj of argocdAppsObjects(values))
            docs.push({
              obj,
              release: release.name,
              environment: env,
              file: release.sourceRef?.file ?? '',
              line: release.sourceRef?.line,
              generated: true,
            });
          continue;
        }
        const namespace =
          release.namespaces[env] ??
          (typeof values.namespace === 'string' ? values.namespace : undefined);
        docs.push(
          ...renderRelease(
            { release, environment: env, values, installed: true, namespace },
            ctx.tree,
            templates,
            [],
          ),
        );
      }
    }
    frontier = admit(argoFromRenderedDocs(docs, ctx)).filter(r =>
      templatesArgo(r, ctx),
    );
  }
}
