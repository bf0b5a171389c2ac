/* eslint-disable no-nested-ternary -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/* A chart loaded from its files: Chart.yaml, values, templates and vendored subcharts under charts/. */

import { isMap, type GoMap } from '../goValues';
import { type ParsedTemplate, TemplateError } from '../parse/ast';
import type { Values } from '../values';
import { parseDocument } from 'yaml';
import { parseTemplate } from '../parse';

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
