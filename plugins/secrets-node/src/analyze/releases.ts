/*
 * Release discovery: which chart each release uses, with which value files in
 * which order, in which environments. Reads Argo CD declarations as Argo CD
 * renders them (see discovery/argocd) and Flux HelmReleases where they
 * exist, and falls back to the layout convention.
 */
import type { ReleaseInfo } from '@ameideio/plugin-secrets-common';
import type { FileTree } from '../tree';
import type { ResolvedOptions } from './options';
import { entityFor } from './entities';
import type { YamlCache } from './yamlCache';
import {
  argoContext,
  type ArgoNote,
  type ArgoRelease,
  discoverArgo,
  type DirectorySource,
  followAppOfApps,
} from './discovery/argocd';
import { argoSettings } from './discovery/argocd/settings';
import { normPath } from './kustomize/util';

export interface Chart {
  /** Repo-relative chart directory. */
  dir: string;
  name: string;
  version?: string;
  group: string;
  valuesFile?: string;
  templates: string[];
  /** `type: library`: templates for other charts, never installed on its own. */
  library?: boolean;
}

export interface Release extends ReleaseInfo {
  chartInfo?: Chart;
  /** Environments where some values come from where the engine cannot read them (a HelmRelease's valuesFrom Secret). */
  incompleteValues?: string[];
  /** Inline values per environment (Flux `spec.values`), applied last. */
  inlineValues: Record<string, Record<string, unknown>>;
  /** Namespace per environment. */
  namespaces: Record<string, string | undefined>;
  sourceRef?: { file: string; line?: number };
  /** Made by the layout convention alone (a chart folder with no layout value files): a guess that it is installed. */
  layoutGuess?: boolean;
}

/** A chart under `<chart>/charts/`: a dependency of that chart, not a release. */
function isVendored(dir: string, tree: FileTree): boolean {
  for (
    let i = dir.indexOf('/charts/');
    i >= 0;
    i = dir.indexOf('/charts/', i + 1)
  ) {
    if (tree.has(`${dir.slice(0, i)}/Chart.yaml`)) return true;
  }
  return false;
}

export function findCharts(
  tree: FileTree,
  o: ResolvedOptions,
  cache: YamlCache,
): Chart[] {
  const charts: Chart[] = [];
  // templates by chart directory, in one pass over the tree
  const templatesOf = new Map<string, string[]>();
  for (const path of tree.keys()) {
    const i = path.indexOf('/templates/');
    if (i < 0 || !/\.(ya?ml|tpl)$/.test(path)) continue;
    const dir = path.slice(0, i);
    const list = templatesOf.get(dir);
    if (list) list.push(path);
    else templatesOf.set(dir, [path]);
  }
  for (const path of tree.keys()) {
    if (!path.endsWith('/Chart.yaml')) continue;
    const dir = path.slice(0, -'/Chart.yaml'.length);
    if (isVendored(dir, tree)) {
      continue; // vendored subchart
    }
    const meta = cache.data(path)[0] as Record<string, unknown> | undefined;
    const rel = dir.startsWith(`${o.chartsRoot}/`)
      ? dir.slice(o.chartsRoot.length + 1)
      : dir;
    const parts = rel.split('/');
    const group = parts.length > 1 ? parts[parts.length - 2] : parts[0];
    const templates = [...(templatesOf.get(dir) ?? [])].sort();
    charts.push({
      dir,
      name: String(meta?.name ?? parts[parts.length - 1]),
      version: meta?.version ? String(meta.version) : undefined,
      group,
      valuesFile: tree.has(`${dir}/values.yaml`)
        ? `${dir}/values.yaml`
        : undefined,
      templates,
      ...(meta?.type === 'library' ? { library: true } : {}),
    });
  }
  return charts.sort((a, b) => a.dir.localeCompare(b.dir));
}

/** A release as declared, without the Application that declares it; empty fields are absent. */
type Declared = Omit<ArgoRelease, 'application'>;

/**
 * Flux declarations in plain YAML: the chart folders HelmReleases and
 * HelmCharts name (their releases come from the applied builds, see
 * remoteReleases), and whether the repository declares Flux deliveries.
 */
function fluxDeclarations(
  tree: FileTree,
  charts: Chart[],
  o: ResolvedOptions,
  cache: YamlCache,
): { charts: Set<string>; declares: boolean } {
  const chartDirs = new Set(charts.map(c => c.dir));
  const out = new Set<string>();
  let declares = false;
  if (!o.discovery.includes('flux')) return { charts: out, declares };
  for (const path of tree.keys()) {
    if (!/\.ya?ml$/.test(path)) continue;
    const text = tree.get(path)!;
    if (!text.includes('toolkit.fluxcd.io')) continue;
    if (text.includes('kustomize.toolkit.fluxcd.io')) declares = true;
    if (!/kind:\s*Helm(Release|Chart)\b/.test(text)) continue;
    for (const { value: doc } of cache.docs(path)) {
      if (!doc || typeof doc !== 'object') continue;
      const d = doc as any;
      const api = String(d.apiVersion ?? '');
      let chart: unknown;
      if (d.kind === 'HelmRelease' && api.startsWith('helm.toolkit.fluxcd.io'))
        chart = d.spec?.chart?.spec?.chart;
      else if (
        d.kind === 'HelmChart' &&
        api.startsWith('source.toolkit.fluxcd.io')
      )
        chart = d.spec?.chart;
      if (d.kind === 'HelmRelease') declares = true;
      const chartPath = normPath(String(chart ?? ''));
      if (chartDirs.has(chartPath)) out.add(chartPath);
    }
  }
  return { charts: out, declares };
}

/** What discovery reports besides releases. */
export interface DiscoveryOutput {
  /** Declarations the engine could not evaluate, for info findings. */
  notes: ArgoNote[];
  /** Argo CD Applications of Kustomize overlays and plain directories. */
  directories: DirectorySource[];
}

/** Every release, per environment, with its value files in merge order. */
export function discoverReleases(
  tree: FileTree,
  charts: Chart[],
  o: ResolvedOptions,
  cache: YamlCache,
  output: DiscoveryOutput = { notes: [], directories: [] },
): Release[] {
  const byChart = new Map(charts.map(c => [c.dir, c]));
  const argo = o.discovery.includes('argocd')
    ? argoContext(tree, cache, byChart.keys(), argoSettings(o, o.environments))
    : undefined;
  const fromArgo = (found: {
    releases: ArgoRelease[];
    directories: DirectorySource[];
  }): Declared[] => {
    output.directories.push(...found.directories);
    return found.releases.map(r => ({
      name: r.name,
      ...(r.chartDir ? { chartDir: r.chartDir } : {}),
      ...(r.remoteChart ? { remoteChart: r.remoteChart } : {}),
      ...(r.env ? { env: r.env } : {}),
      valueFiles: r.valueFiles,
      inline: r.inline,
      namespace: r.namespace,
      file: r.file,
      line: r.line,
    }));
  };
  const flux = fluxDeclarations(tree, charts, o, cache);
  const declared = argo ? fromArgo(discoverArgo(argo)) : [];
  const releases = new Map<string, Release>();
  const layer = (c?: Chart) =>
    c && o.foundationGroups.includes(c.group) ? 'foundation' : 'service';
  const entityOf = (name: string, chartDir: string) => {
    const ref = entityFor(o.entities, name, chartDir);
    return ref ? { entityRef: ref } : {};
  };
  const dedupe = (files: string[]) =>
    files.filter((f, i) => files.indexOf(f) === i);

  /** Records declarations; returns the releases created or given a new environment. */
  const admit = (list: Declared[]): Release[] => {
    const changed = new Set<Release>();
    for (const d of list) {
      const chart = d.chartDir ? byChart.get(d.chartDir) : undefined;
      const chartRef = chart?.dir ?? d.remoteChart ?? '';
      const r =
        releases.get(d.name) ??
        ({
          name: d.name,
          chart: chartRef,
          kind: 'helm',
          layer: layer(chart),
          environments: [],
          valueFiles: {},
          ...(chart ? { chartInfo: chart } : {}),
          inlineValues: {},
          namespaces: {},
          ...entityOf(d.name, chartRef),
          sourceRef: { file: d.file, line: d.line },
        } as Release);
      for (const env of d.env ? [d.env] : o.environments) {
        if (!r.environments.includes(env)) {
          r.environments.push(env);
          changed.add(r);
        }
        r.valueFiles[env] = dedupe([
          ...(r.chartInfo?.valuesFile ? [r.chartInfo.valuesFile] : []),
          ...d.valueFiles,
        ]);
        if (d.inline) r.inlineValues[env] = d.inline;
        r.namespaces[env] = d.namespace;
      }
      releases.set(d.name, r);
    }
    return [...changed];
  };
  admit(declared);
  // app-of-apps: Applications rendered by the releases declared so far
  const layoutOf = new Map<string, string>();
  const follow = (roots: Release[]) => {
    if (!argo) return;
    followAppOfApps(roots, argo, found => {
      const list = fromArgo(found);
      for (const d of list) {
        declared.push(d);
        // a chart first taken as a layout release is declared after all
        const layoutName = d.chartDir ? layoutOf.get(d.chartDir) : undefined;
        if (layoutName && layoutName !== d.name) releases.delete(layoutName);
      }
      return admit(list);
    });
  };
  follow([...releases.values()]);

  const declaredCharts = new Set<string | undefined>([
    ...declared.map(d => d.chartDir),
    ...flux.charts,
  ]);
  // a repository that declares its deliveries (Argo CD, Flux) installs what
  // they name: another chart is a release only by the layout convention
  // (values in the layout's folders), or when it renders Argo CD objects
  // (an app of apps installed by hand)
  const delivers =
    declared.length > 0 || output.directories.length > 0 || flux.declares;
  // the file names under the values root, read once (not once per chart)
  let layoutNames: Set<string> | undefined;
  const layoutValues = (chart: Chart) => {
    const tail = `${chart.group}-${chart.name}.yaml`;
    if (tail.includes('/'))
      return [...tree.keys()].some(
        f => f.startsWith(`${o.valuesRoot}/`) && f.endsWith(`/${tail}`),
      );
    if (!layoutNames) {
      layoutNames = new Set();
      for (const f of tree.keys())
        if (f.startsWith(`${o.valuesRoot}/`))
          layoutNames.add(f.slice(f.lastIndexOf('/') + 1));
    }
    return layoutNames.has(tail);
  };
  const rendersArgo = (chart: Chart) =>
    chart.templates.some(t => (tree.get(t) ?? '').includes('argoproj.io'));
  const globals = (env?: string) =>
    [
      `${o.valuesRoot}/${o.sharedValuesDir}/globals.yaml`,
      ...(env ? [`${o.valuesRoot}/${o.envValuesDir}/${env}/globals.yaml`] : []),
    ].filter(f => tree.has(f));
  for (const chart of charts) {
    if (
      declaredCharts.has(chart.dir) ||
      chart.library ||
      !o.discovery.includes('layout')
    )
      continue;
    if (delivers && !layoutValues(chart) && !rendersArgo(chart)) {
      output.notes.push({
        file: `${chart.dir}/Chart.yaml`,
        message: `chart ${chart.dir} is installed by no Argo CD Application or ApplicationSet and no Flux HelmRelease of the repository, and has no values in the layout folders: it was not analysed as a release`,
        uninstalledChart: chart.dir,
      });
      continue;
    }
    const name = `${chart.group}-${chart.name}`;
    const r: Release = {
      name,
      chart: chart.dir,
      kind: 'helm',
      layer: layer(chart),
      environments: [],
      valueFiles: {},
      chartInfo: chart,
      inlineValues: {},
      namespaces: {},
      ...entityOf(name, chart.dir),
      ...(layoutValues(chart) ? {} : { layoutGuess: true }),
    };
    for (const env of o.environments) {
      const shared = `${o.valuesRoot}/${o.sharedValuesDir}/${chart.group}/${name}.yaml`;
      const perEnv = `${o.valuesRoot}/${o.envValuesDir}/${env}/${chart.group}/${name}.yaml`;
      r.environments.push(env);
      r.valueFiles[env] = [
        ...(chart.valuesFile ? [chart.valuesFile] : []),
        ...globals(env),
        ...[shared, perEnv].filter(f => tree.has(f)),
      ];
    }
    releases.set(name, r);
    layoutOf.set(chart.dir, name);
  }
  follow([...layoutOf.values()].map(n => releases.get(n)!));
  if (argo) output.notes.push(...argo.notes);
  return [...releases.values()].sort((a, b) => a.name.localeCompare(b.name));
}
