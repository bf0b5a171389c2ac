/*
 * Renders every release in every environment into Kubernetes documents, and
 * reads raw manifests. Problems become data, never exceptions.
 */
import { posix } from 'node:path';
import { parse as parseYamlText } from 'yaml';
import type { FileTree } from '../tree';
import {
  layerValues,
  parseTemplate,
  type ParsedTemplate,
  TemplateError,
  type Values,
} from '../helm';
import {
  DEFAULT_API_VERSIONS,
  DEFAULT_KUBE_VERSION,
  type HelmCapabilities,
  loadChart,
  type LoadedChart,
  missingDependencies,
  renderChart,
} from '../helm/chart';
import type { ResolvedOptions } from './options';
import type { Chart, Release } from './releases';
import { parseRendered, type YamlCache } from './yamlCache';
import { appliedManifests } from './applied';
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

export interface Problem {
  /** `source`: a part of a source the engine does not evaluate (an info finding). */
  kind: 'template' | 'yaml' | 'unknown' | 'source';
  release?: string;
  chart?: string;
  environment?: string;
  file: string;
  line?: number;
  message: string;
  /** `unsupported`: the engine does not evaluate a construct the chart uses (not an error in the chart). */
  code?: 'unsupported';
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

/**
 * A chart's files as `[chart-relative path, tree path]`, with each
 * dependency whose `repository` is a `file://` directory of the tree placed
 * under `charts/<name>/` as `helm dependency build` vendors it (recursively,
 * a few levels); a chart already vendored under that name wins.
 */
function withLocalDependencies(
  tree: FileTree,
  dir: string,
  depth = 0,
): Array<[string, string]> {
  const out: Array<[string, string]> = chartFiles(tree, dir).map(p => [
    p.slice(dir.length + 1),
    p,
  ]);
  const chartYaml = tree.get(`${dir}/Chart.yaml`) ?? '';
  if (depth >= 4 || !chartYaml.includes('file://')) return out;
  let meta: unknown;
  try {
    meta = parseYamlText(chartYaml);
  } catch {
    return out;
  }
  const deps = (meta as { dependencies?: unknown })?.dependencies;
  if (!Array.isArray(deps)) return out;
  for (const d of deps) {
    const repo = typeof d?.repository === 'string' ? d.repository : '';
    const name = typeof d?.name === 'string' ? d.name : '';
    if (!repo.startsWith('file://') || !name || name.includes('/')) continue;
    const target = posix.normalize(posix.join(dir, repo.slice(7)));
    if (target.startsWith('..') || target === dir) continue;
    if (!tree.has(`${target}/Chart.yaml`)) continue;
    if (out.some(([rel]) => rel === `charts/${name}/Chart.yaml`)) continue;
    for (const [rel, p] of withLocalDependencies(tree, target, depth + 1))
      out.push([`charts/${name}/${rel}`, p]);
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
    const entries = withLocalDependencies(tree, chart.dir);
    const key = entries.flatMap(([rel, p]) => [rel, tree.get(p)]);
    const hit = this.cache.get(chart.dir);
    if (hit && sameList(hit.key, key)) return hit;
    const files = new Map<string, string>();
    for (const [rel, p] of entries) files.set(rel, tree.get(p) ?? '');
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
        ...templateProblem(r.error, missing),
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
