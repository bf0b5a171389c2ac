/* Caches kept between analyses: parsed templates, and rendered releases keyed by what they read. */

import { type ParsedTemplate, TemplateError, parseTemplate } from '../../helm';
import type { HelmCapabilities } from '../../helm/chart/capabilities';
import { type LoadedChart, loadChart } from '../../helm/chart/load';
import type { FileTree } from '../../tree';
import type { Chart } from '../releases';
import { RenderedDoc, Problem, ReleaseEnv, renderRelease } from '../render';
import { chartFileMap, sameList } from './chartFiles';

/** Entries by name, kept while used: a sweep forgets those not used since the previous one (removed, moved or renamed). */
class SweptCache<V> {
  private readonly entries = new Map<string, V>();
  private readonly touched = new Set<string>();

  sweep() {
    for (const k of this.entries.keys())
      if (!this.touched.has(k)) this.entries.delete(k);
    this.touched.clear();
  }

  /** The entry of a name, now used. */
  protected use(name: string): V | undefined {
    this.touched.add(name);
    return this.entries.get(name);
  }

  protected keep(name: string, entry: V) {
    this.entries.set(name, entry);
  }
}

/** Loaded charts (templates, files, subcharts), cached by the chart's file texts. */
export class TemplateCache extends SweptCache<{
  key: Array<string | undefined>;
  loaded: LoadedChart;
}> {
  get(chart: Chart, tree: FileTree) {
    const hit = this.use(chart.dir);
    const paths = chartFileMap(tree, chart.dir);
    const key = [...paths].flatMap(([rel, p]) => [rel, tree.get(p)]);
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
    this.keep(chart.dir, entry);
    return entry;
  }
}

/**
 * Rendered documents per release and environment, reused while the chart's
 * templates and the merged values are unchanged: re-analysis after one
 * changed file only renders the releases that file feeds.
 */
export class RenderCache extends SweptCache<{
  templates: unknown;
  inputs: Array<string | undefined>;
  docs: RenderedDoc[];
  problems: Problem[];
}> {
  render(
    re: ReleaseEnv,
    tree: FileTree,
    templates: TemplateCache,
    problems: Problem[],
    /** The cluster rendered for (the analysis options' `helm`). */
    capabilities: HelmCapabilities,
  ): RenderedDoc[] {
    const chart = re.release.chartInfo;
    if (!chart) return [];
    const key = `${re.release.name}\u0000${re.environment}`;
    const hit = this.use(key);
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
    if (hit && hit.templates === entry && sameList(hit.inputs, inputs)) {
      problems.push(...hit.problems);
      return hit.docs;
    }
    const own: Problem[] = [];
    const docs = renderRelease(re, tree, templates, own, capabilities);
    this.keep(key, { templates: entry, inputs, docs, problems: own });
    problems.push(...own);
    return docs;
  }
}
