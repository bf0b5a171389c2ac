/*
 * Flux HelmReleases of charts the engine does not render, as releases:
 * their merged values (inline over in-repository `valuesFrom`) are read
 * like any release's values (`existingSecret` consumers), and the objects
 * embedded in them are analysed like raw manifests of that release.
 */
import {
  embeddedObjects,
  helmReleaseValues,
  remoteChart,
} from './discovery/flux/helmReleases';
import type { AppliedObject } from './applied';
import { CLUSTER_SCOPED } from './kustomize/names';
import type { Release } from './releases';
import type { Problem, RenderedDoc } from './render';

export interface RemoteReleases {
  releases: Release[];
  docs: RenderedDoc[];
}

export function remoteHelmReleases(
  helmReleases: AppliedObject[],
  localCharts: ReadonlySet<string>,
  environments: readonly string[],
  configMap: (
    name: string,
    namespace?: string,
    env?: string,
  ) => Record<string, string> | undefined,
  taken: ReadonlySet<string>,
  problems: Problem[],
): RemoteReleases {
  const releases = new Map<string, Release>();
  const docs: RenderedDoc[] = [];
  const noted = new Set<string>();
  const info = (file: string, line: number | undefined, message: string) => {
    const k = `${file}\u0000${message}`;
    if (noted.has(k)) return;
    noted.add(k);
    problems.push({ kind: 'source', file, line, message });
  };
  for (const hr of helmReleases) {
    const chart = remoteChart(hr.obj, localCharts);
    if (!chart) continue;
    const name = String(
      hr.obj.spec?.releaseName ?? hr.obj.metadata?.name ?? '',
    );
    if (!name || taken.has(name)) continue;
    const namespace: string | undefined =
      hr.obj.spec?.targetNamespace ?? hr.obj.metadata?.namespace;
    const envs = hr.environment ? [hr.environment] : [...environments];
    const { values, notes } = helmReleaseValues(hr.obj, {
      configMap: (n, ns) => configMap(n, ns, hr.environment),
    });
    for (const n of notes) info(hr.file, hr.line, `HelmRelease ${name}: ${n}`);
    info(
      hr.file,
      hr.line,
      `HelmRelease ${name}: chart ${chart} is not in this repository and is not rendered; only objects embedded in its values are analysed`,
    );
    const r =
      releases.get(name) ??
      ({
        name,
        chart,
        kind: 'helm',
        layer: 'service',
        environments: [],
        valueFiles: {},
        inlineValues: {},
        namespaces: {},
        sourceRef: { file: hr.file, line: hr.line },
      } as Release);
    for (const env of envs) {
      if (!r.environments.includes(env)) r.environments.push(env);
      r.valueFiles[env] = [];
      r.inlineValues[env] = values;
      r.namespaces[env] = namespace;
    }
    releases.set(name, r);
    const { objects, skipped } = embeddedObjects(values);
    for (const s of skipped)
      info(
        hr.file,
        hr.line,
        `HelmRelease ${name}: the ${s.kind} at values ${s.path} has a name the chart computes; it is not analysed`,
      );
    for (const { obj } of objects) {
      const md = (obj.metadata ??= {});
      if (!md.namespace && namespace && !CLUSTER_SCOPED.has(String(obj.kind)))
        md.namespace = namespace;
      for (const environment of envs) {
        docs.push({
          obj,
          release: name,
          environment,
          file: hr.file,
          line: hr.line,
          generated: false,
          allEnvironments: !hr.environment,
        });
      }
    }
  }
  return { releases: [...releases.values()], docs };
}
