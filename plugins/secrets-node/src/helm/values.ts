/**
 * Helm's value coalescing: maps deep-merge, lists and scalars replace, and a
 * `null` in a later layer deletes the key.
 */
export type Values = Record<string, unknown>;

const isMap = (v: unknown): v is Values =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges `over` onto `base` without mutating either. */
export function mergeValues(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) {
      delete out[k];
    } else if (isMap(v) && isMap(out[k])) {
      out[k] = mergeValues(out[k] as Values, v);
    } else if (isMap(v)) {
      out[k] = stripNulls(v);
    } else {
      out[k] = v;
    }
  }
  return out;
}

function stripNulls(v: Values): Values {
  const out: Values = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null) continue;
    out[k] = isMap(x) ? stripNulls(x) : x;
  }
  return out;
}

/** Merges layers in order (first is the chart's own values.yaml). */
export function layerValues(layers: Values[]): Values {
  return layers.reduce<Values>((acc, l) => mergeValues(acc, l), {});
}
