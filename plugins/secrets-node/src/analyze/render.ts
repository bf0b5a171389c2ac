/*
 * Renders every release in every environment into Kubernetes documents, and
 * reads raw manifests. Problems become data, never exceptions.
 */
import type { FileTree } from '../tree';
import { layerValues, type Values } from '../helm';
import { renderChart } from '../helm/chart';
import {
  DEFAULT_API_VERSIONS,
  DEFAULT_KUBE_VERSION,
  type HelmCapabilities,
} from '../helm/chart/capabilities';
import { missingDependencies } from '../helm/chart/load';
import type { ResolvedOptions } from './options';
import type { Release } from './releases';
import { parseRendered, type YamlCache } from './yamlCache';
import { appliedManifests } from './applied';
import { templateProblem } from './templateProblem';
import { asValues } from './render/chartFiles';
import type { TemplateCache } from './render/caches';

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

/** A problem of a release's file in one environment. */
const releaseProblem = (
  at: Pick<Problem, 'release' | 'chart' | 'environment'>,
  kind: Problem['kind'],
  file: string,
  detail: Pick<Problem, 'line' | 'message' | 'code'>,
): Problem => ({ kind, ...at, file, ...detail });

export function releaseValues(
  release: Release,
  env: string,
  cache: YamlCache,
  problems: Problem[],
): Values {
  const layers: Values[] = [];
  const at = { release: release.name, chart: release.chart, environment: env };
  for (const f of release.valueFiles[env] ?? []) {
    for (const e of cache.errors(f))
      problems.push(
        releaseProblem(at, 'yaml', f, {
          line: e.line,
          message: e.message,
          ...(e.code ? { code: e.code } : {}),
        }),
      );
    const data = cache.data(f)[0];
    if (
      data !== undefined &&
      data !== null &&
      (typeof data !== 'object' || Array.isArray(data))
    )
      problems.push(
        releaseProblem(at, 'yaml', f, {
          line: 1,
          message: 'values file is not a map of values and was ignored',
        }),
      );
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

export const DEFAULT_CAPABILITIES: HelmCapabilities = {
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
  const at = { release: release.name, chart: chart.dir, environment };
  const rendered = renderChart(
    loaded,
    values,
    { name: release.name, namespace: re.namespace ?? 'default' },
    capabilities,
  );
  for (const r of rendered) {
    const file = `${chart.dir}/${r.rel}`;
    for (const n of r.notes)
      problems.push(
        releaseProblem(at, 'unknown', file, {
          line: n.line,
          message: n.message,
          code: n.kind === 'generated' ? 'generated-value' : 'install-time',
        }),
      );
    if (r.error) {
      problems.push(
        releaseProblem(at, 'template', file, {
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
        }),
      );
      continue;
    }
    const output = r.output ?? '';
    if (!output.trim()) continue;
    const parsedOut = parseRendered(output, file);
    for (const e of parsedOut.errors)
      problems.push(
        releaseProblem(at, 'yaml', file, {
          line: 1,
          message: `rendered output is not valid YAML${
            e.line ? ` at line ${e.line} of the output` : ''
          } (${e.message.replace(/^invalid YAML: /, '')})`,
        }),
      );
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
