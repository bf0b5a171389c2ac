/*
 * The environment an Argo CD Application belongs to, when Argo CD says so:
 * a generator parameter (`env`, `environment`, `stage`), a cluster label
 * (`env`, `environment`), an Application label, the Application name's
 * suffix or a path segment naming a known environment. Otherwise undefined:
 * the caller decides.
 */
import { isMap, type Params } from './types';

const FIELDS = ['env', 'environment', 'stage'];
const LABELS = ['env', 'environment'];

const str = (v: unknown) =>
  typeof v === 'string' && v.trim() ? v.trim() : undefined;

/** An environment named outright by a parameter set (element field or cluster label). */
export function paramsEnvironment(
  params: Params | undefined,
): string | undefined {
  if (!params) return undefined;
  for (const f of FIELDS) {
    const v = str(params[f]) ?? str(params[`values.${f}`]);
    if (v) return v;
  }
  if (isMap(params.values))
    for (const f of FIELDS)
      if (str(params.values[f])) return str(params.values[f]);
  const labels =
    isMap(params.metadata) && isMap(params.metadata.labels)
      ? params.metadata.labels
      : {};
  for (const l of LABELS) {
    const v = str(params[`metadata.labels.${l}`]) ?? str(labels[l]);
    if (v) return v;
  }
  return undefined;
}

/** An environment named by an Application's labels. */
export function labelEnvironment(app: Record<string, any>): string | undefined {
  const labels = isMap(app.metadata?.labels) ? app.metadata.labels : {};
  for (const l of LABELS) if (str(labels[l])) return str(labels[l]);
  return undefined;
}

/** A known environment that ends the Application's name (`orders-dev`). */
export function nameEnvironment(
  name: string,
  known: string[],
): string | undefined {
  return [...known]
    .sort((a, b) => b.length - a.length)
    .find(
      e =>
        name.endsWith(`-${e}`) ||
        name.endsWith(`.${e}`) ||
        name.endsWith(`_${e}`),
    );
}

/** A known environment named by a segment of one of the paths, first path first. */
export function pathEnvironment(
  paths: string[],
  known: string[],
): string | undefined {
  for (const p of paths) {
    const segs = p.split('/').map(s => s.replace(/\.ya?ml$/, ''));
    const hit = known.find(e => segs.includes(e));
    if (hit) return hit;
  }
  return undefined;
}
