/*
 * The Helm settings of an Application source: value files (in order, `$ref/`
 * files at the root of the referenced source, globs expanded in lexical
 * order, missing files dropped with a note unless `ignoreMissingValueFiles`),
 * and the inline values with Argo CD's precedence
 * `parameters > valuesObject > values > valueFiles`.
 */
import { parseYamlValue } from '../../../yaml';
import { normPath } from '../../kustomize/util';
import { note } from './notes';
import { globToRegExp, isGlob } from './glob';
import { type ArgoContext, displayURL, isMap, type Origin } from './types';

/** Helm's `--set` typing of a parameter value. */
function setValue(value: string, forceString: boolean): unknown {
  if (forceString) return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (value === 'null') return null;
  if (/^-?(0|[1-9]\d{0,15})$/.test(value)) return Number(value);
  return value;
}

/** Splits `a.b\.c[0].d` into keys and list indexes. */
function setPath(name: string): Array<string | number> {
  const out: Array<string | number> = [];
  let cur = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '\\' && i + 1 < name.length) cur += name[++i];
    else if (c === '.') {
      if (cur) out.push(cur);
      cur = '';
    } else if (c === '[') {
      const close = name.indexOf(']', i);
      if (close < 0) {
        cur += c;
        continue;
      }
      if (cur) out.push(cur);
      cur = '';
      out.push(Number(name.slice(i + 1, close)) || 0);
      i = close;
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/** Applies `helm.parameters` (`--set` semantics) onto a values map. */
export function applyParameters(
  values: Record<string, unknown>,
  parameters: unknown,
): Record<string, unknown> {
  if (!Array.isArray(parameters)) return values;
  const root: Record<string, unknown> = JSON.parse(JSON.stringify(values));
  for (const p of parameters) {
    if (!isMap(p) || typeof p.name !== 'string' || !p.name) continue;
    const path = setPath(p.name);
    if (!path.length || path.length > 32) continue;
    let cur: any = root;
    const fill = (list: unknown, k: string | number) => {
      if (Array.isArray(list) && typeof k === 'number')
        for (let j = list.length; j < k; j++) list[j] = null;
    };
    for (let i = 0; i < path.length - 1; i++) {
      const k = path[i];
      if (typeof k === 'number' && k > 10_000) break;
      fill(cur, k);
      const nextIsIndex = typeof path[i + 1] === 'number';
      if (cur[k] === undefined || cur[k] === null || typeof cur[k] !== 'object')
        cur[k] = nextIsIndex ? [] : {};
      cur = cur[k];
    }
    const last = path[path.length - 1];
    if (typeof last === 'number' && (!Array.isArray(cur) || last > 10_000))
      continue;
    fill(cur, last);
    cur[last] = setValue(String(p.value ?? ''), p.forceString === true);
  }
  return root;
}

/** Inline values of a Helm source, or undefined when it declares none. */
export function inlineValues(
  helm: Record<string, any>,
  ctx: ArgoContext,
  origin: Origin,
): Record<string, unknown> | undefined {
  let values: Record<string, unknown> | undefined;
  if (isMap(helm.valuesObject)) values = helm.valuesObject;
  else if (typeof helm.values === 'string' && helm.values.trim()) {
    const read = parseYamlValue(helm.values);
    const parsed = 'value' in read ? read.value : undefined;
    if (isMap(parsed)) values = parsed;
    else
      note(
        ctx,
        origin,
        'helm.values is not a YAML map of values and was ignored',
      );
  } else if (isMap(helm.values)) values = helm.values;
  if (Array.isArray(helm.parameters) && helm.parameters.length)
    values = applyParameters(values ?? {}, helm.parameters);
  return values;
}

/** Repo-relative value files of a Helm source, in order. */
export function valueFiles(
  helm: Record<string, any>,
  chartPath: string | undefined,
  refs: Map<string, { thisRepo: boolean; repoURL?: string }>,
  ctx: ArgoContext,
  origin: Origin,
): string[] {
  const out: string[] = [];
  const ignoreMissing = helm.ignoreMissingValueFiles === true;
  for (const raw of Array.isArray(helm.valueFiles) ? helm.valueFiles : []) {
    if (typeof raw !== 'string' || !raw.trim()) continue;
    const f = raw.trim();
    let path: string;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(f)) {
      note(
        ctx,
        origin,
        `value file ${f} is fetched from a URL, which the engine does not read`,
      );
      continue;
    }
    const ref = /^\$([^/]+)\/(.*)$/.exec(f);
    if (ref) {
      const source = refs.get(ref[1]);
      if (!source) {
        note(
          ctx,
          origin,
          `value file ${f} names no source with ref "${ref[1]}"`,
        );
        continue;
      }
      if (!source.thisRepo) {
        note(
          ctx,
          origin,
          `value file ${f} lives in another repository (${displayURL(
            source.repoURL,
          )}), which the engine cannot read`,
        );
        continue;
      }
      path = normPath(ref[2]);
    } else if (chartPath === undefined) {
      // a file of a remote chart: not in this repository
      continue;
    } else path = normPath(`${chartPath}/${f}`);
    if (isGlob(path)) {
      const re = globToRegExp(path, 'strict');
      const matches = [...ctx.tree.keys()].filter(p => re.test(p)).sort();
      if (!matches.length && !ignoreMissing)
        note(
          ctx,
          origin,
          `value file glob ${f} matches no file; Argo CD reports a comparison error`,
        );
      out.push(...matches);
      continue;
    }
    if (ctx.tree.has(path)) out.push(path);
    else if (!ignoreMissing)
      note(
        ctx,
        origin,
        `value file ${f} (${path}) does not exist; Argo CD fails to render the Application unless ignoreMissingValueFiles is set`,
      );
  }
  return out;
}
