/*
 * Release discovery: which chart each release uses, with which value files in
 * which order, in which environments. Reads Argo CD Applications and
 * ApplicationSets (list, git-files and matrix generators: per-component
 * definition files read by an ApplicationSet) and Flux HelmReleases where
 * they exist, and falls back to the layout convention.
 */
import type { ReleaseInfo } from '@ameideio/plugin-secrets-common';
import type { FileTree } from '../tree';
import type { ResolvedOptions } from './options';
import { entityFor } from './entities';
import type { YamlCache } from './yamlCache';

export interface Chart {
  /** Repo-relative chart directory. */
  dir: string;
  name: string;
  version?: string;
  group: string;
  valuesFile?: string;
  templates: string[];
}

export interface Release extends ReleaseInfo {
  chartInfo?: Chart;
  /** Inline values per environment (Flux `spec.values`), applied last. */
  inlineValues: Record<string, Record<string, unknown>>;
  /** Namespace per environment. */
  namespaces: Record<string, string | undefined>;
  sourceRef?: { file: string; line?: number };
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
    if (
      dir.split('/').includes('charts') &&
      dir.includes('/charts/', o.chartsRoot.length + 1)
    ) {
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
    });
  }
  return charts.sort((a, b) => a.dir.localeCompare(b.dir));
}

const norm = (p: string) => {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
};

function envOfPath(path: string, environments: string[]): string | undefined {
  const segs = path.split('/');
  return environments.find(e => segs.includes(e));
}

function substitute(value: unknown, params: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{\{\s*\.?([A-Za-z0-9_.-]+)\s*\}\}/g, (m, k) =>
      params[k] !== undefined ? String(params[k]) : m,
    );
  }
  if (Array.isArray(value)) return value.map(v => substitute(v, params));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        substitute(v, params),
      ]),
    );
  }
  return value;
}

/** Flattens a definition file the way Argo CD's git-files generator does (`a.b.c` keys). */
function flatten(
  v: unknown,
  prefix: string,
  out: Record<string, unknown>,
): Record<string, unknown> {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>))
      flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out[prefix] = v;
  }
  return out;
}

/** A glob of the git-files generator (`*` within a segment, `**` across segments) as a RegExp. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Parameter sets of an ApplicationSet generator: list, git files, and matrix (two generators combined). */
function generatorParams(
  g: any,
  tree: FileTree,
  cache: YamlCache,
  depth: number,
): Array<Record<string, unknown>> {
  if (!g || typeof g !== 'object' || depth > 2) return [];
  if (Array.isArray(g.list?.elements))
    return g.list.elements.filter((e: unknown) => e && typeof e === 'object');
  if (Array.isArray(g.git?.files)) {
    const out: Array<Record<string, unknown>> = [];
    for (const f of g.git.files) {
      if (typeof f?.path !== 'string' || f.exclude) continue;
      const re = globToRegExp(norm(f.path));
      for (const path of [...tree.keys()].sort()) {
        if (!re.test(path)) continue;
        const dir = path.split('/').slice(0, -1);
        for (const value of cache.data(path)) {
          out.push({
            ...flatten(value, '', {}),
            path: dir.join('/'),
            'path.path': dir.join('/'),
            'path.basename': dir[dir.length - 1] ?? '',
            'path.filename': path.split('/').pop() ?? '',
          });
        }
      }
    }
    return out;
  }
  if (Array.isArray(g.matrix?.generators) && g.matrix.generators.length === 2) {
    const [a, b] = g.matrix.generators.map((x: any) =>
      generatorParams(x, tree, cache, depth + 1),
    );
    return a.flatMap((x: Record<string, unknown>) =>
      b.map((y: Record<string, unknown>) => ({ ...x, ...y })),
    );
  }
  return [];
}

interface Declared {
  name: string;
  chartDir: string;
  env: string;
  valueFiles: string[];
  inline?: Record<string, unknown>;
  namespace?: string;
  file: string;
  line?: number;
}

/** Reads Argo CD and Flux declarations of releases. */
function declaredReleases(
  tree: FileTree,
  charts: Chart[],
  o: ResolvedOptions,
  cache: YamlCache,
): Declared[] {
  const chartDirs = new Set(charts.map(c => c.dir));
  const out: Declared[] = [];
  for (const path of tree.keys()) {
    if (!/\.ya?ml$/.test(path)) continue;
    const text = tree.get(path)!;
    if (!/kind:\s*(Application|ApplicationSet|HelmRelease)\b/.test(text))
      continue;
    for (const { value: doc, line } of cache.docs(path)) {
      if (!doc || typeof doc !== 'object') continue;
      const d = doc as any;
      const apps: Array<{ app: any; env?: string }> = [];
      const argo =
        o.discovery.includes('argocd') &&
        String(d.apiVersion ?? '').startsWith('argoproj.io');
      if (d.kind === 'Application' && argo) {
        apps.push({ app: d });
      } else if (d.kind === 'ApplicationSet' && argo) {
        const elements = (d.spec?.generators ?? []).flatMap((g: any) =>
          generatorParams(g, tree, cache, 0),
        );
        for (const el of elements) {
          apps.push({
            app: substitute(d.spec?.template ?? {}, el ?? {}),
            env: el?.env ?? el?.environment,
          });
        }
      } else if (
        d.kind === 'HelmRelease' &&
        o.discovery.includes('flux') &&
        String(d.apiVersion ?? '').startsWith('helm.toolkit.fluxcd.io')
      ) {
        const chartPath = norm(String(d.spec?.chart?.spec?.chart ?? ''));
        if (!chartDirs.has(chartPath)) continue;
        const env = envOfPath(path, o.environments);
        const valueFiles = (d.spec?.chart?.spec?.valuesFiles ?? []).map(
          (f: string) => norm(f),
        );
        const envs = env ? [env] : o.environments;
        for (const e of envs) {
          out.push({
            name: String(d.spec?.releaseName ?? d.metadata?.name),
            chartDir: chartPath,
            env: e,
            valueFiles: valueFiles.filter((f: string) => tree.has(f)),
            inline: d.spec?.values,
            namespace: d.spec?.targetNamespace ?? d.metadata?.namespace,
            file: path,
            line,
          });
        }
        continue;
      }
      for (const { app, env: elEnv } of apps) {
        const sources: any[] =
          app?.spec?.sources ?? (app?.spec?.source ? [app.spec.source] : []);
        const refs = new Map<string, string>();
        for (const s of sources)
          if (s?.ref) refs.set(s.ref, norm(String(s.path ?? '')));
        for (const s of sources) {
          const chartPath = norm(String(s?.path ?? ''));
          if (!chartDirs.has(chartPath)) continue;
          const env =
            elEnv ??
            app?.metadata?.labels?.environment ??
            envOfPath(path, o.environments) ??
            o.environments.find(e =>
              String(app?.metadata?.name ?? '').endsWith(`-${e}`),
            );
          const valueFiles = (s?.helm?.valueFiles ?? []).map((f: string) => {
            const m = /^\$([A-Za-z0-9_-]+)\/(.*)$/.exec(f);
            if (m) return norm(`${refs.get(m[1]) ?? ''}/${m[2]}`);
            return norm(`${chartPath}/${f}`);
          });
          const name = String(
            s?.helm?.releaseName ?? app?.metadata?.name ?? chartPath,
          );
          for (const e of env ? [env] : o.environments) {
            out.push({
              name: name.replace(new RegExp(`-${e}$`), ''),
              chartDir: chartPath,
              env: e,
              valueFiles: valueFiles.filter((f: string) => tree.has(f)),
              inline: s?.helm?.valuesObject,
              namespace: app?.spec?.destination?.namespace,
              file: path,
              line,
            });
          }
        }
      }
    }
  }
  return out;
}

/** Every release, per environment, with its value files in merge order. */
export function discoverReleases(
  tree: FileTree,
  charts: Chart[],
  o: ResolvedOptions,
  cache: YamlCache,
): Release[] {
  const byChart = new Map(charts.map(c => [c.dir, c]));
  const declared = declaredReleases(tree, charts, o, cache);
  const releases = new Map<string, Release>();
  const layer = (c: Chart) =>
    o.foundationGroups.includes(c.group) ? 'foundation' : 'service';
  const entityOf = (name: string, chartDir: string) => {
    const ref = entityFor(o.entities, name, chartDir);
    return ref ? { entityRef: ref } : {};
  };
  const dedupe = (files: string[]) =>
    files.filter((f, i) => files.indexOf(f) === i);

  for (const d of declared) {
    const chart = byChart.get(d.chartDir)!;
    const r =
      releases.get(d.name) ??
      ({
        name: d.name,
        chart: chart.dir,
        kind: 'helm',
        layer: layer(chart),
        environments: [],
        valueFiles: {},
        chartInfo: chart,
        inlineValues: {},
        namespaces: {},
        ...entityOf(d.name, chart.dir),
        sourceRef: { file: d.file, line: d.line },
      } as Release);
    if (!r.environments.includes(d.env)) r.environments.push(d.env);
    r.valueFiles[d.env] = dedupe([
      ...(chart.valuesFile ? [chart.valuesFile] : []),
      ...d.valueFiles,
    ]);
    if (d.inline) r.inlineValues[d.env] = d.inline;
    r.namespaces[d.env] = d.namespace;
    releases.set(d.name, r);
  }

  const declaredCharts = new Set(declared.map(d => d.chartDir));
  const globals = (env?: string) =>
    [
      `${o.valuesRoot}/${o.sharedValuesDir}/globals.yaml`,
      ...(env ? [`${o.valuesRoot}/${o.envValuesDir}/${env}/globals.yaml`] : []),
    ].filter(f => tree.has(f));
  for (const chart of charts) {
    if (declaredCharts.has(chart.dir) || !o.discovery.includes('layout'))
      continue;
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
  }
  return [...releases.values()].sort((a, b) => a.name.localeCompare(b.name));
}
