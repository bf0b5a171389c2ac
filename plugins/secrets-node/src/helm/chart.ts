/* eslint-disable no-nested-ternary -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/*
 * A chart as Helm assembles it for rendering: its templates registered by
 * path, `.Files`, vendored subcharts and library charts under `charts/`
 * (dependencies with alias, condition, tags and import-values), values
 * scoped per subchart with `global` propagated, and `.Capabilities`.
 * Pure: works on the chart's files (chart-relative paths) in memory.
 */
import { parseDocument } from 'yaml';
import { GoObject, isMap, type GoMap } from './goValues';
import { type ParsedTemplate, type Node, TemplateError } from './parse/ast';
import { parseTemplate } from './parse';
import { renderTemplate } from './render';
import { type RenderContext, type RenderNote } from './render/state';
import { toYaml } from './helmFuncs';
import { mergeValues, type Values } from './values';

/** The cluster Helm renders for (`.Capabilities`). */
export interface HelmCapabilities {
  /** Kubernetes version, e.g. `v1.32.0`. */
  kubeVersion: string;
  /** API versions `.Capabilities.APIVersions.Has` knows (`group/version` or `group/version/Kind`). */
  apiVersions: string[];
}

/** Default Kubernetes version of `.Capabilities.KubeVersion`. */
export const DEFAULT_KUBE_VERSION = 'v1.32.0';

/** Default API versions of `.Capabilities.APIVersions`: Kubernetes built-ins and ESO. */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  'apiregistration.k8s.io/v1',
  'apps/v1',
  'authentication.k8s.io/v1',
  'authorization.k8s.io/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'batch/v1',
  'certificates.k8s.io/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'events.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1',
  'networking.k8s.io/v1',
  'node.k8s.io/v1',
  'policy/v1',
  'rbac.authorization.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1',
  'external-secrets.io/v1beta1',
  'external-secrets.io/v1',
];

export interface ChartTemplate {
  /** Chart-relative path, e.g. `templates/deployment.yaml`. */
  rel: string;
  parsed: ParsedTemplate | TemplateError;
}

export interface Dependency {
  name: string;
  alias?: string;
  condition?: string;
  tags: string[];
  importValues: unknown[];
}

export interface LoadedChart {
  /** Chart-relative directory inside the top chart ('' for the top chart). */
  path: string;
  meta: GoMap;
  name: string;
  library: boolean;
  /** values.yaml of this chart (the top chart's values come from the release). */
  defaults: Values;
  templates: ChartTemplate[];
  /** Non-template files, chart-relative. */
  files: Map<string, string>;
  subcharts: LoadedChart[];
  dependencies: Dependency[];
}

function parseYamlMap(text: string | undefined): GoMap {
  if (!text) return {};
  try {
    // no warnings printed: they would quote the text
    const doc = parseDocument(text, {
      version: '1.1',
      uniqueKeys: false,
      logLevel: 'error',
    });
    if (doc.errors.length) return {};
    const v = doc.toJS({ maxAliasCount: 1000 });
    return isMap(v) ? (v as GoMap) : {};
  } catch {
    return {};
  }
}

const NOT_FILES =
  /^(templates\/|charts\/|Chart\.yaml$|Chart\.lock$|values\.yaml$|values\.schema\.json$|requirements\.(yaml|lock)$)/;

/**
 * Loads a chart from its files (chart-relative paths). `parse` may cache
 * parsed templates by text.
 */
export function loadChart(
  files: ReadonlyMap<string, string>,
  parse: (text: string) => ParsedTemplate | TemplateError = safeParse,
  path = '',
  depth = 0,
): LoadedChart {
  const meta = parseYamlMap(files.get('Chart.yaml'));
  const own = new Map<string, string>();
  const templates: ChartTemplate[] = [];
  const subDirs = new Map<string, Map<string, string>>();
  for (const [rel, text] of files) {
    const sub = /^charts\/([^/]+)\/(.+)$/.exec(rel);
    if (sub) {
      let m = subDirs.get(sub[1]);
      if (!m) subDirs.set(sub[1], (m = new Map()));
      m.set(sub[2], text);
      continue;
    }
    if (rel.startsWith('templates/')) {
      if (/\.(ya?ml|tpl|txt|json)$/.test(rel))
        templates.push({ rel, parsed: parse(text) });
      continue;
    }
    if (!NOT_FILES.test(rel)) own.set(rel, text);
  }
  templates.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const subcharts: LoadedChart[] = [];
  if (depth < 8) {
    for (const [dir, m] of [...subDirs].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!m.has('Chart.yaml')) continue;
      subcharts.push(
        loadChart(
          m,
          parse,
          `${path ? `${path}/` : ''}charts/${dir}`,
          depth + 1,
        ),
      );
    }
  }
  const deps = Array.isArray(meta.dependencies) ? meta.dependencies : [];
  return {
    path,
    meta,
    name: String(meta.name ?? (path.split('/').pop() || 'chart')),
    library: meta.type === 'library',
    defaults: parseYamlMap(files.get('values.yaml')),
    templates,
    files: own,
    subcharts,
    dependencies: deps.filter(isMap).map(d => ({
      name: String(d.name ?? ''),
      alias: typeof d.alias === 'string' ? d.alias : undefined,
      condition: typeof d.condition === 'string' ? d.condition : undefined,
      tags: Array.isArray(d.tags) ? d.tags.map(String) : [],
      importValues: Array.isArray(d['import-values']) ? d['import-values'] : [],
    })),
  };
}

function safeParse(text: string): ParsedTemplate | TemplateError {
  try {
    return parseTemplate(text);
  } catch (e) {
    return e instanceof TemplateError ? e : new TemplateError(String(e), 0);
  }
}

/** Dependencies declared in Chart.yaml that have no vendored chart (remote charts or archives). */
export function missingDependencies(chart: LoadedChart): string[] {
  return chart.dependencies
    .filter(d => !chart.subcharts.some(s => s.name === d.name))
    .map(d => d.name);
}

/* ---------- .Files ---------- */

function globToRegExp(glob: string): RegExp {
  let re = '^';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${glob
          .slice(i + 1, end)
          .split(',')
          .map(x =>
            x.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'),
          )
          .join('|')})`;
        i = end;
      }
    } else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`${re}$`);
}

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Helm's `.Files`: Get, GetBytes, Glob, Lines, AsConfig, AsSecrets; ranges as path → bytes. */
export function filesObject(files: ReadonlyMap<string, string>): GoObject {
  const obj = new GoObject(
    'engine.files',
    {},
    {
      Get: (name: unknown) => files.get(String(name)) ?? '',
      GetBytes: (name: unknown) =>
        Buffer.from(files.get(String(name)) ?? '', 'utf8'),
      Glob: (pattern: unknown) => {
        const re = globToRegExp(String(pattern));
        const m = new Map<string, string>();
        for (const [k, v] of files) if (re.test(k)) m.set(k, v);
        return filesObject(m);
      },
      Lines: (name: unknown) => {
        const s = files.get(String(name));
        if (s === undefined) return [];
        return (s.endsWith('\n') ? s.slice(0, -1) : s).split('\n');
      },
      AsConfig: () => {
        if (!files.size) return '';
        const m: GoMap = {};
        for (const [k, v] of files) m[base(k)] = v;
        return toYaml(m);
      },
      AsSecrets: () => {
        if (!files.size) return '';
        const m: GoMap = {};
        for (const [k, v] of files)
          m[base(k)] = Buffer.from(v, 'utf8').toString('base64');
        return toYaml(m);
      },
    },
  );
  obj.entries = () => {
    const entries: GoMap = {};
    for (const [k, v] of files) entries[k] = Buffer.from(v, 'utf8');
    return entries;
  };
  return obj;
}

/* ---------- .Capabilities ---------- */

export function capabilitiesObject(c: HelmCapabilities): GoObject {
  const m = /^v?(\d+)\.(\d+)/.exec(c.kubeVersion);
  const version = c.kubeVersion.startsWith('v')
    ? c.kubeVersion
    : `v${c.kubeVersion}`;
  const kube = new GoObject(
    'chartutil.KubeVersion',
    {
      Version: version,
      Major: m ? m[1] : '1',
      Minor: m ? m[2] : '0',
      GitVersion: version,
    },
    {},
    () => version,
  );
  const set = new Set(c.apiVersions);
  const has = (v: unknown) => {
    const s = String(v);
    if (set.has(s)) return true;
    // "group/version/Kind" or "v1/Kind": the group/version is enough
    const parts = s.split('/');
    if (parts.length === 3) return set.has(`${parts[0]}/${parts[1]}`);
    if (parts.length === 2 && /^v\d/.test(parts[0])) return set.has(parts[0]);
    return false;
  };
  const apis = new GoObject(
    'chartutil.VersionSet',
    {},
    { Has: has },
    () => `[${c.apiVersions.join(' ')}]`,
  );

  return new GoObject('chartutil.Capabilities', {
    KubeVersion: kube,
    APIVersions: apis,
    HelmVersion: {
      Version: 'v3.16.0',
      GitCommit: '',
      GitTreeState: '',
      GoVersion: 'go1.22',
    },
  });
}

/* ---------- values of subcharts ---------- */

function getPath(v: unknown, path: string): unknown {
  let cur = v;
  for (const p of path.split('.')) {
    if (!isMap(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/** Helm's dependency enablement: conditions (first path that is a bool) win over tags. */
function enabled(dep: Dependency | undefined, values: GoMap): boolean {
  if (!dep) return true;
  if (dep.condition) {
    for (const path of dep.condition
      .split(',')
      .map(s => s.trim())
      .filter(Boolean)) {
      const v = getPath(values, path);
      if (typeof v === 'boolean') return v;
    }
  }
  if (dep.tags.length) {
    const tags = isMap(values.tags) ? values.tags : {};
    const set = dep.tags.map(t => tags[t]).filter(v => typeof v === 'boolean');
    if (set.length) return set.some(Boolean);
  }
  return true;
}

interface Instance {
  chart: LoadedChart;
  /** Name the subchart renders under (alias or name). */
  name: string;
  /** Helm template path prefix, e.g. `parent/charts/sub`. */
  id: string;
  values: GoMap;
}

/** Scopes values to the enabled subcharts, recursively; returns every chart instance to render. */
function instances(
  chart: LoadedChart,
  name: string,
  id: string,
  values: GoMap,
): Instance[] {
  const out: Instance[] = [{ chart, name, id, values }];
  const global = isMap(values.global) ? values.global : {};
  const used = new Set<LoadedChart>();
  const plan: Array<{ sub: LoadedChart; dep?: Dependency; as: string }> = [];
  for (const dep of chart.dependencies) {
    const sub = chart.subcharts.find(s => s.name === dep.name);
    if (!sub) continue;
    used.add(sub);
    plan.push({ sub, dep, as: dep.alias ?? dep.name });
  }
  for (const sub of chart.subcharts)
    if (!used.has(sub)) plan.push({ sub, as: sub.name });
  for (const { sub, dep, as } of plan) {
    if (!sub.library && !enabled(dep, values)) continue;
    const fromParent = isMap(values[as]) ? (values[as] as GoMap) : {};
    const subValues: GoMap = mergeValues(sub.defaults, fromParent);
    subValues.global = mergeValues(
      isMap(sub.defaults.global) ? (sub.defaults.global as GoMap) : {},
      global,
    );
    values[as] = subValues;
    for (const iv of dep?.importValues ?? []) {
      if (typeof iv === 'string') {
        const exported = getPath(subValues, `exports.${iv}`);
        if (isMap(exported))
          Object.assign(values, mergeValues(exported, values));
      } else if (
        isMap(iv) &&
        typeof iv.child === 'string' &&
        typeof iv.parent === 'string'
      ) {
        const child = getPath(subValues, iv.child);
        if (isMap(child)) {
          const cur = getPath(values, iv.parent);
          setPath(values, iv.parent, mergeValues(child, isMap(cur) ? cur : {}));
        }
      }
    }
    out.push(
      ...instances(sub, as, `${id}/charts/${as}`, subValues).map(i => i),
    );
  }
  return out;
}

function setPath(v: GoMap, path: string, value: unknown) {
  const parts = path.split('.');
  let cur = v;
  for (const p of parts.slice(0, -1)) {
    if (!isMap(cur[p])) cur[p] = {};
    cur = cur[p] as GoMap;
  }
  cur[parts[parts.length - 1]] = value;
}

/* ---------- rendering ---------- */

export interface RenderedTemplate {
  /** Chart-relative path of the template file (subcharts: `charts/<dir>/templates/...`). */
  rel: string;
  /** Helm's template name, e.g. `app/charts/common/templates/x.yaml`. */
  name: string;
  output?: string;
  error?: TemplateError;
  notes: RenderNote[];
}

export interface ReleaseInfo {
  name: string;
  namespace: string;
}

function chartMeta(c: LoadedChart, name: string): GoMap {
  const m = c.meta;
  return {
    Name: name,
    Version: String(m.version ?? '0.0.0'),
    AppVersion: m.appVersion === undefined ? '' : String(m.appVersion),
    Description: String(m.description ?? ''),
    Type: String(m.type ?? 'application'),
    APIVersion: String(m.apiVersion ?? 'v2'),
    KubeVersion: String(m.kubeVersion ?? ''),
    Home: String(m.home ?? ''),
    Icon: String(m.icon ?? ''),
    Deprecated: Boolean(m.deprecated),
    Keywords: Array.isArray(m.keywords) ? m.keywords : [],
    Sources: Array.isArray(m.sources) ? m.sources : [],
    Maintainers: Array.isArray(m.maintainers) ? m.maintainers : [],
    Annotations: isMap(m.annotations) ? m.annotations : {},
    Dependencies: Array.isArray(m.dependencies) ? m.dependencies : [],
  };
}

const isPartial = (rel: string) => {
  const b = base(rel);
  return (
    b.startsWith('_') || b === 'NOTES.txt' || !/\.(ya?ml|tpl|txt|json)$/.test(b)
  );
};

/** Renders every template of a chart and its enabled subcharts. */
export function renderChart(
  chart: LoadedChart,
  values: Values,
  release: ReleaseInfo,
  capabilities: HelmCapabilities,
): RenderedTemplate[] {
  const topValues = mergeValues({}, values) as GoMap;
  const all = instances(chart, chart.name, chart.name, topValues);
  // every template of every chart, deepest first so that parents' defines win
  type Entry = { inst: Instance; t: ChartTemplate; name: string };
  const entries: Entry[] = [];
  for (const inst of all) {
    for (const t of inst.chart.templates)
      entries.push({ inst, t, name: `${inst.id}/${t.rel}` });
  }
  const depth = (s: string) => s.split('/').length;
  const order = [...entries].sort((a, b) => {
    const d = depth(b.name) - depth(a.name);
    if (d) return d;
    return a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
  });
  const defines = new Map<string, Node[]>();
  for (const e of order) {
    if (e.t.parsed instanceof TemplateError) continue;
    defines.set(e.name, e.t.parsed.nodes);
    for (const [k, v] of e.t.parsed.defines) defines.set(k, v);
  }
  const caps = capabilitiesObject(capabilities);
  const out: RenderedTemplate[] = [];
  const releaseObj = {
    Name: release.name,
    Namespace: release.namespace,
    Service: 'Helm',
    IsInstall: true,
    IsUpgrade: false,
    Revision: 1n,
  };
  // Helm gives every template of a chart the same top-level object (what
  // one template sets on `.` or `.Values`, the next ones see) and executes
  // them in its sorted order (deepest first, names in reverse): run in that
  // order, report in the chart's.
  const contextOf = new Map<Instance, RenderContext>();
  const results = new Map<Entry, RenderedTemplate>();
  for (const e of order) {
    if (e.t.parsed instanceof TemplateError) continue;
    if (e.inst.chart.library || isPartial(e.t.rel)) continue;
    const rel = e.inst.chart.path ? `${e.inst.chart.path}/${e.t.rel}` : e.t.rel;
    let context = contextOf.get(e.inst);
    if (!context) {
      context = {
        Values: e.inst.values,
        Release: releaseObj,
        Chart: chartMeta(e.inst.chart, e.inst.name),
        Capabilities: caps,
        Files: filesObject(e.inst.chart.files),
      };
      contextOf.set(e.inst, context);
    }
    context.Template = { Name: e.name, BasePath: `${e.inst.id}/templates` };
    try {
      const r = renderTemplate(e.t.parsed, defines, context);
      results.set(e, { rel, name: e.name, output: r.output, notes: r.notes });
    } catch (err) {
      const te =
        err instanceof TemplateError
          ? err
          : new TemplateError(
              err instanceof Error ? err.message : String(err),
              0,
            );
      results.set(e, { rel, name: e.name, error: te, notes: [] });
    }
  }
  for (const e of entries) {
    if (e.t.parsed instanceof TemplateError) {
      const rel = e.inst.chart.path
        ? `${e.inst.chart.path}/${e.t.rel}`
        : e.t.rel;
      out.push({ rel, name: e.name, error: e.t.parsed, notes: [] });
      continue;
    }
    const r = results.get(e);
    if (r) out.push(r);
  }
  return out;
}
