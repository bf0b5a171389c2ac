/* The first phase of an analysis: charts, environments, releases and what the repository applies. */
import type { FileTree } from '../../tree';
import { appliedManifests, configMapLookup } from '../applied';
import { ignoredPaths } from '../applied/docs';
import { inferEnvironments, resolveEnvironments } from '../environments';
import type { ResolvedOptions } from '../options';
import {
  discoverReleases,
  type DiscoveryOutput,
  findCharts,
} from '../releases';
import { isInflation } from '../kustomize/helmCharts';
import { helmChartIndex, remoteHelmReleases } from '../remoteReleases';
import { type Problem, releaseValues, type ReleaseEnv } from '../render';
import type { YamlCache } from '../yamlCache';

/**
 * Finds the charts and releases, settles the environments (configured, else
 * what the repository shows, else one implicit) into `o`, and reads each
 * release's values per environment.
 */
export function discoverAnalysedReleases(
  tree: FileTree,
  o: ResolvedOptions,
  yaml: YamlCache,
  problems: Problem[],
) {
  const charts = findCharts(tree, o, yaml);
  for (const c of charts) {
    for (const e of yaml.errors(`${c.dir}/Chart.yaml`)) {
      problems.push({
        kind: 'yaml',
        chart: c.dir,
        file: e.file,
        line: e.line,
        message: e.message,
        ...(e.code ? { code: e.code } : {}),
      });
    }
  }
  // environments: configured, else what the repository shows, else one implicit
  const layoutEnvs = inferEnvironments(tree, o);
  let envs = resolveEnvironments(o.configuredEnvironments, layoutEnvs);
  let discovery: DiscoveryOutput = { notes: [], directories: [] };
  let releases = discoverReleases(
    tree,
    charts,
    { ...o, environments: envs.known },
    yaml,
    discovery,
  );
  // names only Argo CD / Flux declarations give (an ApplicationSet element's env)
  const declared = releases
    .flatMap(r => r.environments)
    .filter(e => !envs.known.includes(e));
  if (declared.length) {
    envs = resolveEnvironments(
      o.configuredEnvironments,
      inferEnvironments(tree, o, declared),
    );
    discovery = { notes: [], directories: [] };
    releases = discoverReleases(
      tree,
      charts,
      { ...o, environments: envs.known },
      yaml,
      discovery,
    );
  }
  o.environments = envs.environments;
  o.productionEnvironments = envs.productionEnvironments;
  if (envs.fixtureEnvironments)
    o.fixtureEnvironments = envs.fixtureEnvironments;
  const known = envs.known;
  // what the repository applies (raw manifests are scoped by a path segment
  // naming any known environment), and Flux releases of charts not in it
  const applied = appliedManifests(
    tree,
    charts.map(c => c.dir),
    { ...o, environments: known },
    yaml,
    problems,
    discovery.directories,
  );
  const remote = remoteHelmReleases(
    applied.helmReleases.filter(
      b => isInflation(b.obj) || o.discovery.includes('flux'),
    ),
    charts,
    known,
    configMapLookup(tree, yaml, ignoredPaths(o), () => applied.configMaps),
    new Set(releases.map(r => r.name)),
    problems,
    helmChartIndex(applied.helmCharts),
  );
  // a chart a HelmRelease of the applied manifests or a kustomize helmCharts
  // entry renders is installed by it: not uninstalled, nor a release of its own
  const rendered = new Set(remote.releases.map(r => r.chartInfo?.dir));
  discovery.notes = discovery.notes.filter(
    n => !n.uninstalledChart || !rendered.has(n.uninstalledChart),
  );
  releases = releases.filter(r => !r.layoutGuess || !rendered.has(r.chart));
  releases.push(...remote.releases);
  releases.sort((a, b) => a.name.localeCompare(b.name));
  const releaseEnvs: ReleaseEnv[] = [];
  // releases of environments outside this run: read only to tell whether a fixture has a consumer
  const contextEnvs: ReleaseEnv[] = [];
  for (const release of releases) {
    for (const environment of release.environments) {
      const analysed = o.environments.includes(environment);
      if (!analysed && !known.includes(environment)) continue;
      const values = releaseValues(
        release,
        environment,
        yaml,
        analysed ? problems : [],
      );
      const installed = values.installed !== false && values.enabled !== false;
      (analysed ? releaseEnvs : contextEnvs).push({
        release,
        environment,
        values,
        installed,
        namespace:
          release.namespaces[environment] ??
          (typeof values.namespace === 'string' ? values.namespace : undefined),
      });
    }
  }
  const reIndex = new Map(
    releaseEnvs.map(r => [`${r.release.name}\u0000${r.environment}`, r]),
  );
  const releaseEnv = (name: string, env: string) =>
    reIndex.get(`${name}\u0000${env}`);
  return {
    charts,
    envs,
    discovery,
    releases,
    applied,
    remote,
    releaseEnvs,
    contextEnvs,
    releaseEnv,
  };
}
