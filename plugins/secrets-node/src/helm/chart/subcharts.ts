/* Subchart instances: condition, tags, alias and import-values, and the values each one is rendered with. */

import { isMap, type GoMap } from '../goValues';
import { mergeValues } from '../values';
import { Dependency, LoadedChart } from './load';

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

export interface Instance {
  chart: LoadedChart;
  /** Name the subchart renders under (alias or name). */
  name: string;
  /** Helm template path prefix, e.g. `parent/charts/sub`. */
  id: string;
  values: GoMap;
}

/** Scopes values to the enabled subcharts, recursively; returns every chart instance to render. */
export function instances(
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
