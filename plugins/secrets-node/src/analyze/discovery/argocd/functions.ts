/*
 * Template functions of Argo CD's Go template mode that the engine's Helm
 * template implementation does not provide: Argo CD's `normalize` and
 * Sprig's path functions (`base`, `dir`, `clean`, `ext`). Applied to a
 * string literal or a field of the parameter set, they are evaluated here
 * and the call is replaced by its result as a string literal, before the
 * template is rendered.
 */
import { goBase, goClean, goDir, goExt } from '../../../helm/goPath';
import { isMap, type Params, sanitizeName } from './types';

const FUNCTIONS: Record<string, (s: string) => string> = {
  normalize: sanitizeName,
  base: goBase,
  dir: goDir,
  clean: goClean,
  ext: goExt,
};

const NAMES = Object.keys(FUNCTIONS).join('|');
const ARG = String.raw`(\$?\.[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*|"(?:[^"\\]|\\.)*")`;
/** `ARG | fn` (fn last in its command) and `fn ARG` at the start of a command. */
const PIPED = new RegExp(
  String.raw`${ARG}\s*\|\s*(${NAMES})(?=\s*(?:\||\)|$))`,
  'g',
);
const CALLED = new RegExp(
  String.raw`(^|[(|]\s*)(${NAMES})\s+${ARG}(?=\s*(?:\||\)|$))`,
  'g',
);

/**
 * Rewrites the calls of an action body whose argument is known; `rootDot`
 * says whether `.` is the parameter set (outside `range`/`with`).
 */
export function evaluateArgoFunctions(
  body: string,
  params: Params,
  rootDot: boolean,
): string {
  if (!new RegExp(String.raw`\b(${NAMES})\b`).test(body)) return body;
  const value = (arg: string): string | undefined => {
    if (arg.startsWith('"')) {
      try {
        return JSON.parse(arg);
      } catch {
        return undefined;
      }
    }
    if (!arg.startsWith('$') && !rootDot) return undefined;
    let cur: unknown = params;
    for (const k of arg.replace(/^\$?\./, '').split('.')) {
      if (!isMap(cur)) return undefined;
      cur = cur[k];
    }
    return typeof cur === 'string' ? cur : undefined;
  };
  const apply = (fn: string, arg: string, whole: string, prefix = '') => {
    const v = value(arg);
    return v === undefined
      ? whole
      : `${prefix}${JSON.stringify(FUNCTIONS[fn](v))}`;
  };
  let out = body;
  for (let i = 0; i < 4; i++) {
    const next = out
      .replace(PIPED, (m, arg, fn) => apply(fn, arg, m))
      .replace(CALLED, (m, pre, fn, arg) => apply(fn, arg, m, pre));
    if (next === out) break;
    out = next;
  }
  return out;
}
