/* eslint-disable no-nested-ternary -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/*
 * A chart as Helm assembles it for rendering: its templates registered by
 * path, `.Files`, vendored subcharts and library charts under `charts/`
 * (dependencies with alias, condition, tags and import-values), values
 * scoped per subchart with `global` propagated, and `.Capabilities`.
 * Pure: works on the chart's files (chart-relative paths) in memory.
 */
import { isMap, type GoMap } from './goValues';
import { type Node, TemplateError } from './parse/ast';
import { renderTemplate } from './render';
import { type RenderContext, type RenderNote } from './render/state';
import { mergeValues, type Values } from './values';
import { ChartTemplate, LoadedChart } from './chart/load';
import { base, filesObject } from './chart/files';
import { capabilitiesObject, HelmCapabilities } from './chart/capabilities';
import { Instance, instances } from './chart/subcharts';

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
