/*
 * Where the fixture map lives in the fixture release's values: under
 * `fixtureKey` (default `fixtures`), and under any `placeholderPaths` a team
 * already uses (`bootstrap.placeholders`), so the team keeps its layout.
 * A path may reach a map (Vault key -> value or map of properties) or a
 * list of `{ key | vaultKey | name, value? | properties? }` entries.
 */
import { selectPath } from './paths';

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export interface FixtureMapAt {
  /** Key path of the map in the values, for line look-ups (empty when the path iterates). */
  at: string[];
  map: Record<string, unknown>;
}

const simple = (path: string) => !/[[\]*]/.test(path);

function fromList(list: unknown[]): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  for (const item of list) {
    if (!isMap(item)) continue;
    const key = item.key ?? item.vaultKey ?? item.name;
    if (typeof key !== 'string' || !key) continue;
    map[key] = isMap(item.properties) ? item.properties : item.value ?? '';
  }
  return map;
}

/** Every fixture map of a values tree. Values are passed on to be reduced at once, never kept. */
export function fixtureMaps(
  values: Record<string, unknown>,
  o: { fixtureKey: string; placeholderPaths: string[] },
): FixtureMapAt[] {
  const out: FixtureMapAt[] = [];
  if (isMap(values[o.fixtureKey]))
    out.push({
      at: [o.fixtureKey],
      map: values[o.fixtureKey] as Record<string, unknown>,
    });
  for (const path of o.placeholderPaths) {
    const at = simple(path) ? path.split('.') : [];
    for (const m of selectPath(values, path)) {
      if (isMap(m.value)) out.push({ at, map: m.value });
      else if (Array.isArray(m.value))
        out.push({ at: [], map: fromList(m.value) });
    }
  }
  return out;
}
