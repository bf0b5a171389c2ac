/**
 * Helm's value coalescing: maps deep-merge, lists and scalars replace. A
 * `null` deletes the key it meets in the chart's defaults; where the
 * defaults have no such key it stays, as Helm keeps it (`hasKey` sees it).
 */
export type Values = Record<string, unknown>;

const isMap = (v: unknown): v is Values =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Coalesces `over` (what the user gives) onto `base` (a chart's defaults)
 * without mutating either.
 */
export function mergeValues(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) {
      if (k in out) delete out[k];
      else out[k] = null;
    } else if (isMap(v) && isMap(out[k])) {
      out[k] = mergeValues(out[k] as Values, v);
    } else if (isMap(v)) {
      out[k] = copyMap(v);
    } else {
      out[k] = v;
    }
  }
  return out;
}

function copyMap(v: Values): Values {
  const out: Values = {};
  for (const [k, x] of Object.entries(v)) out[k] = isMap(x) ? copyMap(x) : x;
  return out;
}

/**
 * Merges the user's values onto each other as `helm -f a -f b` (and Flux's
 * `valuesFrom` then `values`) do: maps deep-merge, anything else replaces,
 * a `null` included (the chart's defaults are coalesced later).
 */
export function overlayValues(layers: Values[]): Values {
  return layers.reduce<Values>((acc, l) => overlay(acc, l), {});
}

function overlay(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(over))
    out[k] = isMap(v) && isMap(out[k]) ? overlay(out[k] as Values, v) : v;
  return out;
}

/**
 * Layers values in order: the first is the chart's own values.yaml, the
 * others are merged onto each other (as `helm -f a -f b`), then coalesced
 * with the chart's defaults.
 */
export function layerValues(layers: Values[]): Values {
  if (!layers.length) return {};
  const [defaults, ...user] = layers;
  return mergeValues(defaults, overlayValues(user));
}
