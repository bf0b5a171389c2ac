/*
 * A small path language over parsed YAML, shared by the producer registry
 * and the writer selectors: dotted keys (`spec.users`), `[]` for each element
 * of a list (`spec.users[].name`) and `*` for each value of a map
 * (`spec.users.*`, whose matches carry the map key).
 */

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** One value a path reaches; `key` is the map key a `*` step went through last. */
export interface PathMatch {
  value: unknown;
  key?: string;
}

type Step = { kind: 'key'; name: string } | { kind: 'each' } | { kind: 'star' };

const SEGMENT = /^([^.[\]*]+)?((?:\[\])*)$/;

/** Parses a path; throws on a malformed one (empty segment, stray brackets). */
export function parsePath(path: string): Step[] {
  if (typeof path !== 'string' || !path.trim())
    throw new Error('a path must be a non-empty string');
  const steps: Step[] = [];
  for (const segment of path.split('.')) {
    if (segment === '*') {
      steps.push({ kind: 'star' });
      continue;
    }
    const m = SEGMENT.exec(segment);
    if (!m || (!m[1] && !m[2]))
      throw new Error(`malformed path "${path}" at "${segment}"`);
    if (m[1]) steps.push({ kind: 'key', name: m[1] });
    for (let i = 0; i < m[2].length / 2; i++) steps.push({ kind: 'each' });
  }
  return steps;
}

const parsed = new Map<string, Step[]>();

/** Every value `path` reaches in `root`, in document order. A missing key reaches nothing. */
export function selectPath(root: unknown, path: string): PathMatch[] {
  let steps = parsed.get(path);
  if (!steps) {
    steps = parsePath(path);
    parsed.set(path, steps);
  }
  let current: PathMatch[] = [{ value: root }];
  for (const step of steps) {
    const next: PathMatch[] = [];
    for (const m of current) {
      const v = m.value;
      if (step.kind === 'key') {
        if (isMap(v) && v[step.name] !== undefined)
          next.push({ value: v[step.name], key: m.key });
      } else if (step.kind === 'each') {
        if (Array.isArray(v))
          for (const x of v) next.push({ value: x, key: m.key });
      } else if (isMap(v)) {
        for (const [k, x] of Object.entries(v)) next.push({ value: x, key: k });
      }
    }
    current = next;
  }
  return current;
}

/** The first value a path reaches, or undefined. */
export function getPath(root: unknown, path: string): unknown {
  return selectPath(root, path)[0]?.value;
}
