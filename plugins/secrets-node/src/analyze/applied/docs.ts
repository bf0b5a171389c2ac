/* The documents of the files a mode reads, with the paths it skips and the problems it meets. */

import type { AppliedManifests, AppliedObject } from '../applied';
import { isHelmRelease } from '../discovery/flux/helmReleases';
import { isInflation } from '../kustomize/helmCharts';
import { ignoreMatcher } from '../kustomize/ignores';
import type { BuildNote } from '../kustomize/types';
import { isMap } from '../kustomize/util';
import type { ResolvedOptions } from '../options';
import type { Problem, RenderedDoc } from '../render';
import { isConfig, isHelmChart } from './kinds';

export function toProblems(notes: BuildNote[], problems: Problem[]) {
  for (const n of notes)
    problems.push({
      kind: n.kind,
      file: n.file,
      line: n.line,
      message: n.message,
      ...(n.code ? { code: n.code } : {}),
    });
}

/** The ignore matcher of the options (user paths, plus the default list unless disabled). */
export const ignoredPaths = (o: ResolvedOptions) =>
  ignoreMatcher(o.ignorePaths, o.defaultIgnores);

/** The environments an object is applied in: its own, or else every one of the run. */
export const environmentsOf = (
  b: AppliedObject,
  environments: readonly string[],
): readonly string[] => (b.environment ? [b.environment] : environments);

/**
 * Whether `seen` meets the object of this file and line for the first time
 * in `environment` (it is then remembered): the same object of the same
 * file, applied twice in one environment, counts once.
 */
export function firstInEnvironment(
  seen: Set<string>,
  environment: string,
  b: AppliedObject,
): boolean {
  const key = [
    environment,
    b.file,
    b.line,
    b.obj.kind,
    b.obj.metadata?.namespace,
    b.obj.metadata?.name,
  ].join('\u0000');
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

export function docsOf(
  objects: AppliedObject[],
  environments: readonly string[],
): RenderedDoc[] {
  const docs: RenderedDoc[] = [];
  const seen = new Set<string>();
  for (const b of objects) {
    if (!isMap(b.obj) || !b.obj.kind || !b.obj.apiVersion || isConfig(b.obj))
      continue;
    for (const environment of environmentsOf(b, environments)) {
      // a base shared by two clusters the run does not tell apart
      if (!firstInEnvironment(seen, environment, b)) continue;
      docs.push({
        obj: b.obj,
        release: b.release,
        environment,
        file: b.file,
        line: b.line,
        generated: false,
        allEnvironments: !b.environment,
        ...(b.lineOfPath ? { lineOfPath: b.lineOfPath } : {}),
        ...(b.encrypted ? { encrypted: true } : {}),
      });
    }
  }
  return docs;
}

/** What a mode read, as the readers take it: the documents of its objects, and its HelmReleases, ConfigMaps, HelmCharts and Flux objects. */
export function manifestsOf(
  mode: AppliedManifests['mode'],
  objects: AppliedObject[],
  environments: readonly string[],
  fluxObjects: AppliedObject[],
): AppliedManifests {
  return {
    mode,
    docs: docsOf(
      objects.filter(b => !isInflation(b.obj)),
      environments,
    ),
    helmReleases: objects.filter(
      b => isHelmRelease(b.obj) || isInflation(b.obj),
    ),
    configMaps: objects.filter(b => b.obj.kind === 'ConfigMap'),
    helmCharts: objects.filter(b => isHelmChart(b.obj)),
    fluxObjects,
  };
}
