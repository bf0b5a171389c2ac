/*
 * Renders every release in every environment into Kubernetes documents, and
 * reads raw manifests. Problems become data, never exceptions.
 */
import type { FileTree } from '../tree';
import { parseYamlValue } from '../yaml';
import {
  layerValues,
  parseTemplate,
  type ParsedTemplate,
  TemplateError,
  type Values,
} from '../helm';
import { renderChart } from '../helm/chart';
import {
  DEFAULT_API_VERSIONS,
  DEFAULT_KUBE_VERSION,
  type HelmCapabilities,
} from '../helm/chart/capabilities';
import {
  missingDependencies,
  loadChart,
  type LoadedChart,
} from '../helm/chart/load';
import type { ResolvedOptions } from './options';
import type { Chart, Release } from './releases';
import { parseRendered, type YamlCache } from './yamlCache';
import { appliedManifests } from './applied';
import { joinPath } from './kustomize/util';
import { templateProblem } from './templateProblem';

export interface RenderedDoc {
  /** Parsed Kubernetes object. */
  obj: Record<string, any>;
  release: string;
  chart?: string;
  environment: string;
  file: string;
  line?: number;
  /** Rendered from a chart (true) or read from a raw manifest (false). */
  generated: boolean;
  /** A raw manifest that applies to every environment (no environment folder). */
  allEnvironments?: boolean;
  /** Line of a key path inside the document, when the source is plain YAML. */
  lineOfPath?: (path: Array<string | number>) => number | undefined;
  /** Read from a SOPS-encrypted file: its values are ciphertext, never inline credentials. */
  encrypted?: boolean;
}

export type ProblemCode =
  | 'unsupported'
  | 'duplicate-key'
  | 'generated-value'
  | 'install-time';

export interface Problem {
  /** `source`: a part of a source the engine does not evaluate (an info finding). */
  kind: 'template' | 'yaml' | 'unknown' | 'source';
  release?: string;
  chart?: string;
  environment?: string;
  file: string;
  line?: number;
  message: string;
  /**
   * What kind of problem, for the detectors (never read from the message):
   * `unsupported`: the engine does not evaluate a construct the chart uses
   * (not an error in the chart); `duplicate-key`: a repeated mapping key;
   * `generated-value`: Helm generates a value in the cluster;
   * `install-time`: a value only known at install time (`lookup`).
   */
  code?: ProblemCode;
}

export interface ReleaseEnv {
  release: Release;
  environment: string;
  values: Values;
  installed: boolean;
  namespace?: string;
}

const asValues = (v: unknown): Values =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Values) : {};

/** Element-wise equality; unchanged file texts are the same strings, so this is cheap. */
function sameList(
  a: ReadonlyArray<unknown>,
  b: ReadonlyArray<unknown>,
): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Every file under each directory of a tree, computed once per tree. */
const filesUnder = new WeakMap<FileTree, Map<string, string[]>>();

function chartFiles(tree: FileTree, dir: string): string[] {
  let index = filesUnder.get(tree);
  if (!index) {
    index = new Map();
    for (const path of tree.keys()) {
      for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
        const d = path.slice(0, i);
        const list = index.get(d);
        if (list) list.push(path);
        else index.set(d, [path]);
      }
    }
    filesUnder.set(tree, index);
  }
  return index.get(dir) ?? [];
}

const depsByText = new Map<string, Array<{ name: string; repo: string }>>();

/** The `file://` dependencies of a Chart.yaml, parsed once per text. */
function fileDependencies(text: string): Array<{ name: string; repo: string }> {
  if (!text.includes('file://')) return [];
  let deps = depsByText.get(text);
  if (deps) return deps;
  deps = [];
  // an unreadable Chart.yaml is reported where the chart is loaded
  const parsed = parseYamlValue(text, 'Chart.yaml');
  const meta = 'value' in parsed ? (parsed.value as any) : undefined;
  for (const d of Array.isArray(meta?.dependencies) ? meta.dependencies : []) {
    const repo = typeof d?.repository === 'string' ? d.repository : '';
    const name = typeof d?.name === 'string' ? d.name : '';
    if (repo.startsWith('file://') && name && !name.includes('/'))
      deps.push({ name, repo });
  }
  if (depsByText.size > 5000) depsByText.clear();
  depsByText.set(text, deps);
  return deps;
}

/**
 * The files of a chart by chart-relative path, with the in-repository
 * dependencies Chart.yaml declares as `repository: file://<dir>` placed
 * under `charts/<name>/`, as `helm dependency build` (which Argo CD and
 * Flux run) would vendor them. A dependency already vendored wins.
 */
export function chartFileMap(
  tree: FileTree,
  dir: string,
  depth = 0,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of chartFiles(tree, dir)) out.set(p.slice(dir.length + 1), p);
  if (depth > 4) return out;
  for (const { name, repo } of fileDependencies(
    tree.get(`${dir}/Chart.yaml`) ?? '',
  )) {
    const target = joinPath(dir, repo.slice('file://'.length));
    if (target === dir || !tree.has(`${target}/Chart.yaml`)) continue;
    const prefix = `charts/${name}/`;
    if ([...out.keys()].some(k => k.startsWith(prefix))) continue;
    for (const [rel, p] of chartFileMap(tree, target, depth + 1))
      out.set(`${prefix}${rel}`, p);
  }
  return out;
}

/** Loaded charts (templates, files, subcharts), cached by the chart's file texts. */
export class TemplateCache {
  private readonly cache = new Map<
    string,
    {
      key: Array<string | undefined>;
      loaded: LoadedChart;
    }
  >();

  private readonly touched = new Set<string>();

  /** Forgets charts not used since the previous sweep (removed or moved). */
  sweep() {
    for (const k of this.cache.keys())
      if (!this.touched.has(k)) this.cache.delete(k);
    this.touched.clear();
  }

  get(chart: Chart, tree: FileTree) {
    this.touched.add(chart.dir);
    const paths = chartFileMap(tree, chart.dir);
    const key = [...paths].flatMap(([rel, p]) => [rel, tree.get(p)]);
    const hit = this.cache.get(chart.dir);
    if (hit && sameList(hit.key, key)) return hit;
    const files = new Map<string, string>();
    for (const [rel, p] of paths) files.set(rel, tree.get(p) ?? '');
    const parsed = new Map<string, ParsedTemplate | TemplateError>();
    const loaded = loadChart(files, text => {
      const seen = parsed.get(text);
      if (seen) return seen;
      let r: ParsedTemplate | TemplateError;
      try {
        r = parseTemplate(text);
      } catch (e) {
        r = e instanceof TemplateError ? e : new TemplateError(String(e), 0);
      }
      parsed.set(text, r);
      return r;
    });
    const entry = { key, loaded };
    this.cache.set(chart.dir, entry);
    return entry;
  }
}

/**
 * Rendered documents per release and environment, reused while the chart's
 * templates and the merged values are unchanged: re-analysis after one
 * changed file only renders the releases that file feeds.
 */
export class RenderCache {
  private readonly entries = new Map<
    string,
    {
      templates: unknown;
      inputs: Array<string | undefined>;
      docs: RenderedDoc[];
      problems: Problem[];
    }
  >();
  private readonly touched = new Set<string>();

  /** Forgets releases not rendered since the previous sweep (removed or renamed). */
  sweep() {
    for (const k of this.entries.keys())
      if (!this.touched.has(k)) this.entries.delete(k);
    this.touched.clear();
  }

  render(
    re: ReleaseEnv,
    tree: FileTree,
    templates: TemplateCache,
    problems: Problem[],
    // eslint-disable-next-line @typescript-eslint/no-use-before-define
    capabilities: HelmCapabilities = DEFAULT_CAPABILITIES,
  ): RenderedDoc[] {
    const chart = re.release.chartInfo;
    if (!chart) return [];
    const key = `${re.release.name}\u0000${re.environment}`;
    this.touched.add(key);
    const entry = templates.get(chart, tree);
    // the merged values are a function of the value files and the inline values
    const files = re.release.valueFiles[re.environment] ?? [];
    const inputs = [
      re.namespace,
      chart.dir,
      chart.name,
      chart.version,
      JSON.stringify(re.release.inlineValues[re.environment] ?? null),
      capabilities.kubeVersion,
      capabilities.apiVersions.join(' '),
      ...files.flatMap(f => [f, tree.get(f)]),
    ];
    const hit = this.entries.get(key);
    if (hit && hit.templates === entry && sameList(hit.inputs, inputs)) {
      problems.push(...hit.problems);
      return hit.docs;
    }
    const own: Problem[] = [];
    const docs = renderRelease(re, tree, templates, own, capabilities);
    this.entries.set(key, { templates: entry, inputs, docs, problems: own });
    problems.push(...own);
    return docs;
  }
}

export function releaseValues(
  release: Release,
  env: string,
  cache: YamlCache,
  problems: Problem[],
): Values {
  const layers: Values[] = [];
  for (const f of release.valueFiles[env] ?? []) {
    for (const e of cache.errors(f)) {
      problems.push({
        kind: 'yaml',
        release: release.name,
        chart: release.chart,
        environment: env,
        file: f,
        line: e.line,
        message: e.message,
        ...(e.code ? { code: e.code } : {}),
      });
    }
    const data = cache.data(f)[0];
    if (
      data !== undefined &&
      data !== null &&
      (typeof data !== 'object' || Array.isArray(data))
    ) {
      problems.push({
        kind: 'yaml',
        release: release.name,
        chart: release.chart,
        environment: env,
        file: f,
        line: 1,
        message: 'values file is not a map of values and was ignored',
      });
    }
    layers.push(asValues(data));
  }
  if (release.inlineValues[env])
    layers.push(asValues(release.inlineValues[env]));
  return layerValues(layers);
}

function templateLine(
  text: string,
  kind: string,
  name: string | undefined,
): number | undefined {
  const lines = text.split('\n');
  const kindIdx = lines.findIndex(l =>
    new RegExp(`^\\s*kind:\\s*["']?${kind}["']?\\s*$`).test(l),
  );
  if (name) {
    const nameIdx = lines.findIndex(l => l.includes(`name: ${name}`));
    if (nameIdx >= 0 && (kindIdx < 0 || Math.abs(nameIdx - kindIdx) < 6))
      return Math.min(kindIdx >= 0 ? kindIdx : nameIdx, nameIdx) + 1;
  }
  return kindIdx >= 0 ? kindIdx + 1 : undefined;
}

const DEFAULT_CAPABILITIES: HelmCapabilities = {
  kubeVersion: DEFAULT_KUBE_VERSION,
  apiVersions: [...DEFAULT_API_VERSIONS],
};

export function renderRelease(
  re: ReleaseEnv,
  tree: FileTree,
  templates: TemplateCache,
  problems: Problem[],
  capabilities: HelmCapabilities = DEFAULT_CAPABILITIES,
): RenderedDoc[] {
  const { release, environment, values } = re;
  const chart = release.chartInfo;
  if (!chart) return [];
  const { loaded } = templates.get(chart, tree);
  const missing = missingDependencies(loaded);
  const docs: RenderedDoc[] = [];
  const rendered = renderChart(
    loaded,
    values,
    { name: release.name, namespace: re.namespace ?? 'default' },
    capabilities,
  );
  for (const r of rendered) {
    const file = `${chart.dir}/${r.rel}`;
    for (const n of r.notes) {
      problems.push({
        kind: 'unknown',
        release: release.name,
        chart: chart.dir,
        environment,
        file,
        line: n.line,
        message: n.message,
        code: n.kind === 'generated' ? 'generated-value' : 'install-time',
      });
    }
    if (r.error) {
      problems.push({
        kind: 'template',
        release: release.name,
        chart: chart.dir,
        environment,
        file,
        line: r.error.line || undefined,
        ...(release.incompleteValues?.includes(environment)
          ? {
              // the values the template wants may be among those the engine cannot read
              message: `${
                templateProblem(r.error, missing).message
              }; some values of the release come from a Secret or ConfigMap the engine cannot read (valuesFrom)`,
              code: 'unsupported' as const,
            }
          : templateProblem(r.error, missing)),
      });
      continue;
    }
    const output = r.output ?? '';
    if (!output.trim()) continue;
    const parsedOut = parseRendered(output, file);
    for (const e of parsedOut.errors) {
      problems.push({
        kind: 'yaml',
        release: release.name,
        chart: chart.dir,
        environment,
        file,
        line: 1,
        message: `rendered output is not valid YAML${
          e.line ? ` at line ${e.line} of the output` : ''
        } (${e.message.replace(/^invalid YAML: /, '')})`,
      });
    }
    const src = tree.get(file) ?? '';
    for (const d of parsedOut.docs) {
      const obj = d.value as Record<string, any>;
      if (!obj || typeof obj !== 'object' || !obj.kind) continue;
      docs.push({
        obj,
        release: release.name,
        chart: chart.dir,
        environment,
        file,
        line: templateLine(src, String(obj.kind), obj.metadata?.name),
        generated: true,
      });
    }
  }
  return docs;
}

/**
 * The manifests analysed: what the repository's builds apply (Flux
 * Kustomizations, kustomization roots), or every manifest outside charts
 * and values when it declares none.
 */
export function rawManifests(
  tree: FileTree,
  chartDirs: string[],
  o: ResolvedOptions,
  cache: YamlCache,
  problems: Problem[],
): RenderedDoc[] {
  return appliedManifests(tree, chartDirs, o, cache, problems).docs;
}
