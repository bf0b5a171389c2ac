/* The state one planning run shares between its steps: the loaded files and the planned edits. */
import { Document } from 'yaml';
import type { FileTree } from '../../tree';
import { toData } from '../../yaml';
import type { PlanPaths } from './inputs';
import {
  ScaffoldError,
  type PlannedFile,
  type PlannedFileRole,
  type ScaffoldInput,
} from './types';
import { load, type Loaded } from './yamlFile';

/** A values or fixture file with its path. */
interface LoadedFile {
  path: string;
  l: Loaded;
}

/** What the planning steps read and add to. */
export interface PlanContext {
  tree: FileTree;
  raw: ScaffoldInput;
  paths: PlanPaths;
  chartName: string;
  valuesPath: string;
  values: Loaded;
  envDocs: LoadedFile[];
  prodValuesDocs: LoadedFile[];
  fixtureDocs: LoadedFile[];
  prodDocs: LoadedFile[];
  files: PlannedFile[];
  warnings: string[];
}

/**
 * Loads the chart and every file the run edits. Every file is parsed before
 * anything is decided, so a broken file refuses the whole run.
 */
export function loadPlanContext(
  tree: FileTree,
  raw: ScaffoldInput,
  paths: PlanPaths,
): PlanContext {
  const { chartPath, envFiles, prodValuesFiles } = paths;
  const chartYaml = `${chartPath}/Chart.yaml`;
  if (!tree.has(chartYaml)) {
    throw new ScaffoldError(
      `No chart at ${chartPath}: ${chartYaml} does not exist`,
    );
  }
  const chart = load(tree, chartYaml);
  const chartName = String(chart.doc.get('name') ?? raw.serviceName);
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,252}$/.test(chartName)) {
    throw new ScaffoldError(
      `${chartYaml}: chart name "${chartName.slice(
        0,
        80,
      )}" may only contain letters, digits, "-", "_" and "."; nothing was written`,
    );
  }

  const valuesPath = `${chartPath}/values.yaml`;
  const values = load(tree, valuesPath);
  const envDocs = envFiles.map(f => ({ path: f, l: load(tree, f) }));
  const prodValuesDocs = prodValuesFiles
    .filter(f => !envFiles.includes(f))
    .map(f => ({ path: f, l: load(tree, f) }));
  const fixtureDocs = paths.fixtureFiles.map(f => ({
    path: f,
    l: load(tree, f),
  }));
  const prodDocs = paths.prodFiles.map(f => ({ path: f, l: load(tree, f) }));
  return {
    tree,
    raw,
    paths,
    chartName,
    valuesPath,
    values,
    envDocs,
    prodValuesDocs,
    fixtureDocs,
    prodDocs,
    files: [],
    warnings: [],
  };
}

/** The loaded values file at `path` (an environment's or production's). */
export function valuesDocOf(ctx: PlanContext, path: string) {
  return (
    ctx.envDocs.find(d => d.path === path)?.l ??
    ctx.prodValuesDocs.find(d => d.path === path)?.l
  );
}

/** Plans the content of one file, with the part a reviewer should see. */
export function put(
  ctx: PlanContext,
  path: string,
  role: PlannedFileRole,
  content: string,
  preview?: string,
) {
  const before = ctx.tree.get(path);
  let change: PlannedFile['change'] = 'update';
  if (before === undefined) change = 'create';
  else if (before === content) change = 'unchanged';
  let shown = preview ?? content;
  if (change === 'unchanged') shown = '';
  else if (
    change === 'create' &&
    role !== 'production-fixtures' &&
    role !== 'fixtures'
  )
    shown = content;
  ctx.files.push({ path, role, content, change, preview: shown });
}

/** The top-level blocks the action edits in an existing values file. */
export function blocks(l: Loaded, keys: string[]) {
  const converted = toData(l.doc); // bounded: load() refused alias bombs already
  const data = ('value' in converted ? converted.value : {}) as Record<
    string,
    unknown
  >;
  const picked = Object.fromEntries(
    keys.filter(k => data?.[k] !== undefined).map(k => [k, data[k]]),
  );
  return new Document(picked).toString({
    indent: l.indent,
    indentSeq: l.indentSeq,
    lineWidth: 0,
  });
}
