/*
 * Flux HelmReleases as applied, as releases. Each applied copy (a base
 * patched per cluster) gives the release its values in that environment:
 * `spec.values` over in-repository `valuesFrom`, over the chart's
 * `valuesFiles`. A chart folder of this repository (named directly, or
 * through a HelmChart built from a source of this repository) is rendered;
 * a chart from elsewhere is not, and only the objects embedded in its values
 * (and the Secrets its values name) are analysed.
 */
import {
  embeddedObjects,
  type HelmCharts,
  helmReleaseValues,
  localChart,
  remoteChart,
} from './discovery/flux/helmReleases';
import type { AppliedObject } from './applied';
import { isInflation } from './kustomize/helmCharts';
import { CLUSTER_SCOPED } from './kustomize/names';
import { normPath } from './kustomize/util';
import type { Chart, Release } from './releases';
import type { Problem, RenderedDoc } from './render';

export interface RemoteReleases {
  releases: Release[];
  docs: RenderedDoc[];
}

/** HelmChart objects by `namespace/name` and by name. */
export function helmChartIndex(objects: AppliedObject[]): HelmCharts {
  const m = new Map<string, Record<string, any>>();
  for (const { obj } of objects) {
    const name = String(obj.metadata?.name ?? '');
    m.set(`${obj.metadata?.namespace ?? ''}/${name}`, obj);
    if (!m.has(name)) m.set(name, obj);
  }
  return m;
}

export function remoteHelmReleases(
  helmReleases: AppliedObject[],
  charts: Chart[],
  environments: readonly string[],
  configMap: (
    name: string,
    namespace?: string,
    env?: string,
  ) => Record<string, string> | undefined,
  taken: ReadonlySet<string>,
  problems: Problem[],
  helmCharts: HelmCharts = new Map(),
): RemoteReleases {
  const byDir = new Map(charts.map(c => [c.dir, c]));
  const localDirs = new Set(byDir.keys());
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
    const local = localChart(hr.obj, localDirs, helmCharts);
    const chart = local
      ? undefined
      : remoteChart(hr.obj, localDirs, helmCharts);
    if (!local && !chart) continue;
    const name = String(
      hr.obj.spec?.releaseName ?? hr.obj.metadata?.name ?? '',
    );
    if (!name || taken.has(name)) continue;
    const namespace: string | undefined =
      hr.obj.spec?.targetNamespace ?? hr.obj.metadata?.namespace;
    const what = isInflation(hr.obj) ? 'helmCharts' : 'HelmRelease';
    const envs = hr.environment ? [hr.environment] : [...environments];
    const { values, notes, incomplete } = helmReleaseValues(hr.obj, {
      configMap: (n, ns) => configMap(n, ns, hr.environment),
    });
    for (const n of notes) info(hr.file, hr.line, `${what} ${name}: ${n}`);
    const chartInfo = local ? byDir.get(local) : undefined;
    if (!chartInfo)
      info(
        hr.file,
        hr.line,
        `${what} ${name}: chart ${chart} is not in this repository and is not rendered; only objects embedded in its values are analysed`,
      );
    const r =
      releases.get(name) ??
      ({
        name,
        chart: chartInfo?.dir ?? chart,
        kind: 'helm',
        layer: 'service',
        environments: [],
        valueFiles: {},
        inlineValues: {},
        namespaces: {},
        ...(chartInfo ? { chartInfo } : {}),
        sourceRef: { file: hr.file, line: hr.line },
      } as Release);
    // the chart's valuesFiles act as its defaults, after values.yaml
    const chartSpec = hr.obj.spec?.chart?.spec;
    const valuesFiles: string[] = (
      Array.isArray(chartSpec?.valuesFiles) ? chartSpec.valuesFiles : []
    ).map((f: unknown) => normPath(String(f)));
    for (const env of envs) {
      if (!r.environments.includes(env)) r.environments.push(env);
      r.valueFiles[env] = chartInfo
        ? [
            ...(chartInfo.valuesFile ? [chartInfo.valuesFile] : []),
            ...valuesFiles,
          ]
        : [];
      r.inlineValues[env] = values;
      r.namespaces[env] = namespace;
      if (incomplete) (r.incompleteValues ??= []).push(env);
    }
    releases.set(name, r);
    if (chartInfo) continue;
    const { objects, skipped } = embeddedObjects(values);
    for (const s of skipped)
      info(
        hr.file,
        hr.line,
        `${what} ${name}: the ${s.kind} at values ${s.path} has a name the chart computes; it is not analysed`,
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
