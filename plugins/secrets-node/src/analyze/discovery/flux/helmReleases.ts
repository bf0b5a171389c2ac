/*
 * Flux HelmReleases whose chart the engine cannot render (an OCI or Helm
 * repository chart, `chartRef`): their values are still read (inline
 * `spec.values` over in-repository `valuesFrom` ConfigMaps) so the objects
 * embedded in them (`extraObjects`, raw resources of app-template-style
 * charts) and `existingSecret` references can be analysed.
 */
import { overlayValues, UNKNOWN_MARKER, type Values } from '../../../helm';
import { parseText } from '../../yamlCache';
import { clone, isMap, normPath } from '../../kustomize/util';

export const isHelmRelease = (o: any) =>
  isMap(o) &&
  o.kind === 'HelmRelease' &&
  String(o.apiVersion ?? '').startsWith('helm.toolkit.fluxcd.io/');

/** Flux HelmChart objects of the repository, by `namespace/name` and by name. */
export type HelmCharts = ReadonlyMap<string, Record<string, any>>;

/** The chart folder of this repository a HelmRelease installs, if any. */
export function localChart(
  hr: Record<string, any>,
  localCharts: ReadonlySet<string>,
  helmCharts: HelmCharts = new Map(),
): string | undefined {
  const spec = hr.spec ?? {};
  let c: Record<string, any> | undefined;
  if (isMap(spec.chartRef)) {
    // a HelmChart object built from a source of this repository
    if (spec.chartRef.kind !== 'HelmChart') return undefined;
    const name = String(spec.chartRef.name ?? '');
    const ns = spec.chartRef.namespace ?? hr.metadata?.namespace;
    c = (helmCharts.get(`${ns ?? ''}/${name}`) ?? helmCharts.get(name))?.spec;
  } else c = spec.chart?.spec;
  if (!isMap(c)) return undefined;
  const chart = normPath(String(c.chart ?? ''));
  const kind = String(c.sourceRef?.kind ?? '');
  if (kind === 'HelmRepository' || kind === 'OCIRepository') return undefined;
  return localCharts.has(chart) ? chart : undefined;
}

/** A chart reference the engine does not render; undefined for a chart folder in this repository. */
export function remoteChart(
  hr: Record<string, any>,
  localCharts: ReadonlySet<string>,
  helmCharts: HelmCharts = new Map(),
): string | undefined {
  if (localChart(hr, localCharts, helmCharts)) return undefined;
  const spec = hr.spec ?? {};
  if (isMap(spec.chartRef))
    return `${spec.chartRef.kind ?? 'OCIRepository'}/${
      spec.chartRef.name ?? ''
    }`;
  const c = spec.chart?.spec;
  if (!isMap(c)) return undefined;
  const chart = String(c.chart ?? '');
  const kind = String(c.sourceRef?.kind ?? '');
  // a chart folder of this repository, whatever source names it
  if (kind !== 'HelmRepository' && localCharts.has(normPath(chart)))
    return undefined;
  if (kind === 'GitRepository' || kind === 'Bucket') {
    return localCharts.has(normPath(chart))
      ? undefined
      : `${kind}/${c.sourceRef?.name ?? ''}:${chart}`;
  }
  return `${kind || 'HelmRepository'}/${c.sourceRef?.name ?? ''}:${chart}`;
}

export interface ValuesLookup {
  /** Data of a ConfigMap found in the repository (or built), by namespace and name. */
  configMap(
    name: string,
    namespace?: string,
  ): Record<string, string> | undefined;
}

export interface HelmValues {
  values: Values;
  /** What could not be read, as sentences for info findings. */
  notes: string[];
  /** Some values come from where the engine cannot read them (a Secret, a ConfigMap not in the repository). */
  incomplete: boolean;
}

function setPath(target: Record<string, any>, path: string, value: unknown) {
  const segs = path.split(/(?<!\\)\./).map(s => s.replace(/\\\./g, '.'));
  let node = target;
  for (const s of segs.slice(0, -1)) {
    if (!isMap(node[s])) node[s] = {};
    node = node[s];
  }
  node[segs[segs.length - 1]] = value;
}

/** The merged values of a HelmRelease: `valuesFrom` in order, then `spec.values`. */
export function helmReleaseValues(
  hr: Record<string, any>,
  lookup: ValuesLookup,
): HelmValues {
  const notes: string[] = [];
  const layers: Values[] = [];
  let incomplete = false;
  const ns = hr.metadata?.namespace;
  for (const ref of Array.isArray(hr.spec?.valuesFrom)
    ? hr.spec.valuesFrom
    : []) {
    if (!isMap(ref)) continue;
    const key = String(ref.valuesKey ?? 'values.yaml');
    if (ref.kind === 'Secret') {
      notes.push(
        `values from Secret ${ref.name} (valuesFrom) are not read by the engine`,
      );
      // a value set at install time: known to exist, not what it is
      if (typeof ref.targetPath === 'string' && ref.targetPath) {
        const layer: Record<string, any> = {};
        setPath(layer, ref.targetPath, UNKNOWN_MARKER);
        layers.push(layer);
      } else incomplete = true;
      continue;
    }
    const data = lookup.configMap(String(ref.name ?? ''), ns);
    if (!data || data[key] === undefined) {
      if (!ref.optional) {
        notes.push(
          `values from ConfigMap ${ref.name} key ${key} (valuesFrom) are not in the repository`,
        );
        incomplete = true;
      }
      continue;
    }
    if (typeof ref.targetPath === 'string') {
      const layer: Record<string, any> = {};
      setPath(layer, ref.targetPath, data[key]);
      layers.push(layer);
      continue;
    }
    const parsed = parseText(data[key], `ConfigMap/${ref.name}`);
    const v = parsed.docs[0]?.value;
    if (isMap(v)) layers.push(v as Values);
    else
      notes.push(
        `ConfigMap ${ref.name} key ${key} (valuesFrom) is not a map of values`,
      );
  }
  if (isMap(hr.spec?.values)) layers.push(hr.spec.values as Values);
  return { values: overlayValues(layers.map(clone)), notes, incomplete };
}

/** Kinds read from values: what the engine analyses. */
const EMBEDDED_KINDS = new Set([
  'ExternalSecret',
  'ClusterExternalSecret',
  'PushSecret',
  'SecretStore',
  'ClusterSecretStore',
  'Secret',
  'SealedSecret',
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
]);

export interface EmbeddedObject {
  obj: Record<string, any>;
  /** Key path inside the values. */
  path: Array<string | number>;
}

/**
 * Kubernetes objects embedded in chart values: maps with `apiVersion` and
 * `kind` of an analysed kind and a literal `metadata.name`. Objects whose
 * name the chart computes (a template, or no name) are returned in `skipped`.
 */
export function embeddedObjects(values: unknown): {
  objects: EmbeddedObject[];
  skipped: Array<{ kind: string; path: string }>;
} {
  const objects: EmbeddedObject[] = [];
  const skipped: Array<{ kind: string; path: string }> = [];
  const walk = (v: unknown, path: Array<string | number>, depth: number) => {
    if (depth > 12) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, [...path, i], depth + 1));
      return;
    }
    if (!isMap(v)) return;
    if (typeof v.apiVersion === 'string' && typeof v.kind === 'string') {
      if (!EMBEDDED_KINDS.has(v.kind)) return;
      const name = v.metadata?.name;
      if (typeof name !== 'string' || !name || name.includes('{{')) {
        skipped.push({ kind: v.kind, path: path.join('.') });
        return;
      }
      objects.push({ obj: clone(v), path });
      return;
    }
    for (const [k, x] of Object.entries(v)) walk(x, [...path, k], depth + 1);
  };
  walk(values, [], 0);
  return { objects, skipped };
}
