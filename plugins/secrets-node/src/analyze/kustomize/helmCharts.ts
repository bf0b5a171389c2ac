/*
 * Kustomize's `helmCharts` (built with `--enable-helm`): each entry is a
 * Helm release rendered at build time. The build hands each one on as a
 * release request object, which the release pipeline renders when the chart
 * is a folder of this repository (under `helmGlobals.chartHome`, `charts`
 * by default) and otherwise reads like any remote chart: its values only.
 */
import { mergeValues } from '../../helm/values';
import { KustomizationSpec, note, type BuildContext } from './context';
import type { BuiltObject } from './types';
import { isMap, joinPath } from './util';

export const INFLATION_KIND = 'HelmChartInflation';

/** A release request made from one `helmCharts` entry (never applied itself). */
export const isInflation = (o: unknown): o is Record<string, any> =>
  isMap(o) &&
  o.kind === INFLATION_KIND &&
  o.apiVersion === 'kustomize.config.k8s.io/v1beta1';

function valuesFile(
  ctx: BuildContext,
  k: KustomizationSpec,
  rel: unknown,
): Record<string, unknown> {
  if (typeof rel !== 'string' || !rel) return {};
  const path = joinPath(k.dir, rel);
  if (!ctx.tree.has(path)) {
    note(
      ctx,
      k,
      'helmCharts',
      `helmCharts values file ${rel} (${path}) is not in the repository`,
    );
    return {};
  }
  const v = ctx.cache.data(path)[0];
  return isMap(v) ? v : {};
}

/** One release request per `helmCharts` entry of a kustomization. */
export function inflationRequests(
  ctx: BuildContext,
  k: KustomizationSpec,
): BuiltObject[] {
  const { spec, dir, file } = k;
  const charts = Array.isArray(spec.helmCharts) ? spec.helmCharts : [];
  const globals = isMap(spec.helmGlobals) ? spec.helmGlobals : {};
  const home = joinPath(
    dir,
    typeof globals.chartHome === 'string' && globals.chartHome
      ? globals.chartHome
      : 'charts',
  );
  const out: BuiltObject[] = [];
  const transforms = [
    'namePrefix',
    'nameSuffix',
    'patches',
    'patchesStrategicMerge',
    'patchesJson6902',
  ].filter(f => spec[f]);
  if (charts.length && transforms.length)
    note(
      ctx,
      k,
      'helmCharts',
      `the objects of helmCharts are analysed as Helm renders them, without this kustomization's ${transforms.join(
        ', ',
      )}`,
    );
  charts.forEach((c: unknown, i: number) => {
    if (!isMap(c) || typeof c.name !== 'string' || !c.name) {
      note(
        ctx,
        k,
        'helmCharts',
        `helmCharts entry ${i + 1} has no chart name, so it is not rendered`,
      );
      return;
    }
    const chartDir = joinPath(home, c.name);
    // kustomize uses a chart already under chartHome instead of pulling it
    const local = ctx.tree.has(`${chartDir}/Chart.yaml`);
    const layers = [
      valuesFile(ctx, k, c.valuesFile),
      ...(Array.isArray(c.additionalValuesFiles)
        ? c.additionalValuesFiles.map((f: unknown) => valuesFile(ctx, k, f))
        : []),
      isMap(c.valuesInline) ? c.valuesInline : {},
    ];
    const values = layers.reduce<Record<string, unknown>>(
      (acc, l) => mergeValues(acc, l) as Record<string, unknown>,
      {},
    );
    const release =
      typeof c.releaseName === 'string' && c.releaseName
        ? c.releaseName
        : c.name;
    out.push({
      obj: {
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: INFLATION_KIND,
        metadata: {
          name: release,
          ...(typeof c.namespace === 'string' && c.namespace
            ? { namespace: c.namespace }
            : {}),
        },
        spec: {
          releaseName: release,
          chart: {
            spec: local
              ? { chart: chartDir, sourceRef: { kind: 'GitRepository' } }
              : {
                  chart: c.name,
                  sourceRef: {
                    kind: String(c.repo ?? '').startsWith('oci://')
                      ? 'OCIRepository'
                      : 'HelmRepository',
                    name: String(c.repo ?? ''),
                  },
                },
          },
          values,
        },
      },
      file,
    });
  });
  return out;
}
