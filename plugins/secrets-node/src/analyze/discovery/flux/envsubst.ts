/*
 * Flux post-build variable substitution: `${var}`, `${var:=default}` (and
 * `${var:-default}`, `${var=default}`, `${var-default}`), `$${var}` as an
 * escape for a literal `${var}`. `$var` without braces is left alone, as
 * Flux documents. Variables whose value is not known to the engine (they
 * come from a Secret, or from a ConfigMap outside the repository) are left
 * untouched and reported by the caller.
 */
const VAR = /\$(\$?)\{([_A-Za-z][_A-Za-z0-9]*)(?:(:?[-=])([^}]*))?\}/g;

export interface SubstituteResult<T> {
  value: T;
  /** Variables left as written because their value is unknown. */
  unknown: Set<string>;
}

/**
 * Substitutes variables in every string of an object (keys are left alone).
 * `known` holds the variables' values; with `complete` a variable missing
 * from it becomes empty, as Flux does when every source is known.
 */
export function substituteVariables<T>(
  value: T,
  known: Record<string, string>,
  complete: boolean,
): SubstituteResult<T> {
  const unknown = new Set<string>();
  const sub = (s: string): string =>
    s.replace(
      VAR,
      (m, escape: string, name: string, op?: string, def?: string) => {
        if (escape) return m.slice(1);
        if (Object.prototype.hasOwnProperty.call(known, name)) {
          const v = known[name];
          // `:=`/`:-` also apply to an empty value
          if (v === '' && op?.startsWith(':')) return def ?? '';
          return v;
        }
        if (op !== undefined) return def ?? '';
        if (complete) return '';
        unknown.add(name);
        return m;
      },
    );
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.includes('${') ? sub(v) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return { value: walk(value) as T, unknown };
}

/** Flux's opt-out: an object annotated `kustomize.toolkit.fluxcd.io/substitute: disabled`. */
export const substitutionDisabled = (obj: Record<string, any>) =>
  obj?.metadata?.annotations?.['kustomize.toolkit.fluxcd.io/substitute'] ===
  'disabled';
