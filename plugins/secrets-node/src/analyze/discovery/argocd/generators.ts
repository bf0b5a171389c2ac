/*
 * ApplicationSet generators evaluated offline, with Argo CD's parameter
 * shapes in both template modes: list, clusters, git (files and
 * directories), matrix and merge, and every generator's post-selector.
 * Generators that need a live service (SCM providers, pull requests,
 * plugins, cluster decision resources) and git generators reading another
 * repository yield nothing and a note naming them.
 */
import { ArgoTemplateError } from './fasttemplate';
import { clusterParams } from './generators/clusters';
import { gitParams } from './generators/git';
import { listParams } from './generators/list';
import { mergeParams } from './generators/params';
import { note } from './notes';
import { flatLabels, matchesSelector } from './selector';
import { renderFields, replaceString } from './template';
import {
  type ArgoContext,
  isMap,
  type Origin,
  type Params,
  type TemplateMode,
} from './types';

/** Matrix and merge generators nest one level below the top, as in Argo CD. */
export const MAX_GENERATOR_DEPTH = 1;

const OFFLINE = [
  'scmProvider',
  'pullRequest',
  'plugin',
  'clusterDecisionResource',
] as const;

const KNOWN = ['list', 'clusters', 'git', 'matrix', 'merge', ...OFFLINE];

/** Renders a child generator with the parameters of the generator before it (matrix). */
function interpolate(gen: Params, params: Params, mode: TemplateMode): Params {
  const strict: TemplateMode = {
    ...mode,
    options: [
      ...mode.options.filter(o => !o.startsWith('missingkey=')),
      'missingkey=error',
    ],
  };
  const walk = (v: unknown, depth: number): unknown => {
    if (!isMap(v) || depth > 8) return renderFields(v, params, mode);
    const out: Params = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'values' && isMap(x)) {
        // values may also reference the child's own parameters: resolved later when missing now
        out[k] = Object.fromEntries(
          Object.entries(x).map(([vk, vv]) => {
            try {
              return [vk, replaceString(String(vv ?? ''), params, strict)];
            } catch {
              return [vk, vv];
            }
          }),
        );
      } else out[k] = walk(x, depth + 1);
    }
    return out;
  };
  return walk(gen, 0) as Params;
}

/** Parameter sets of one generator (of `spec.generators`, or nested in matrix/merge). */
export function generatorParams(
  gen: unknown,
  ctx: ArgoContext,
  mode: TemplateMode,
  origin: Origin,
  depth = 0,
  inherited?: Params,
): Params[] {
  if (!isMap(gen)) return [];
  let g: Params = gen;
  if (inherited && Object.keys(inherited).length) {
    try {
      g = interpolate(gen, inherited, mode);
    } catch (e) {
      note(
        ctx,
        origin,
        `a matrix generator could not be rendered with the parameters of the one before it (${
          (e as Error).message
        })`,
      );
      return [];
    }
  }
  const kinds = Object.keys(g).filter(
    k =>
      k !== 'selector' &&
      k !== 'template' &&
      g[k] !== null &&
      g[k] !== undefined,
  );
  const unknown = kinds.filter(k => !KNOWN.includes(k));
  if (unknown.length)
    note(ctx, origin, `unknown generator ${unknown.join(', ')}`);
  const out: Params[] = [];
  for (const kind of kinds) {
    const spec = g[kind];
    if ((OFFLINE as readonly string[]).includes(kind)) {
      note(
        ctx,
        origin,
        `the ${kind} generator needs a live service and cannot be evaluated offline; its Applications are not analysed`,
      );
      continue;
    }
    if (!isMap(spec)) continue;
    try {
      switch (kind) {
        case 'list':
          out.push(...listParams(spec, ctx, mode, origin));
          break;
        case 'clusters':
          out.push(...clusterParams(spec, ctx, mode));
          break;
        case 'git':
          out.push(...gitParams(spec, ctx, mode, origin));
          break;
        case 'matrix':
        case 'merge': {
          if (depth > MAX_GENERATOR_DEPTH) {
            note(
              ctx,
              origin,
              `${kind} generators nest deeper than Argo CD allows`,
            );
            break;
          }
          const gens = Array.isArray(spec.generators) ? spec.generators : [];
          const nested: Nested = (child, before) =>
            generatorParams(child, ctx, mode, origin, depth + 1, before);
          const problem = (message: string) => note(ctx, origin, message);
          out.push(
            ...(kind === 'matrix'
              ? matrixParams(gens, nested, mode, problem)
              : mergeGeneratorParams(
                  gens,
                  spec.mergeKeys,
                  nested,
                  mode,
                  problem,
                )),
          );
          break;
        }
        default:
          break;
      }
    } catch (e) {
      if (!(e instanceof ArgoTemplateError)) throw e;
      note(
        ctx,
        origin,
        `the ${kind} generator could not be evaluated (${e.message})`,
      );
    }
  }
  if (!isMap(g.selector)) return out;
  return out.filter(p => matchesSelector(g.selector, flatLabels(p)));
}

/** The parameter sets of a generator nested in matrix or merge, after those of the one before it. */
type Nested = (gen: unknown, before?: Params) => Params[];

/** Every pair of the two generators' parameter sets, the second rendered with the first. */
function matrixParams(
  gens: unknown[],
  nested: Nested,
  mode: TemplateMode,
  problem: (message: string) => void,
): Params[] {
  if (gens.length !== 2) {
    problem(
      `a matrix generator needs exactly two generators (found ${gens.length})`,
    );
    return [];
  }
  const out: Params[] = [];
  for (const a of nested(gens[0])) {
    for (const b of nested(gens[1], a)) {
      if (mode.goTemplate) {
        out.push(mergeParams(b, a));
        continue;
      }
      const clash = Object.keys(b).find(k => k in a && a[k] !== b[k]);
      if (clash) {
        problem(
          `the matrix generators both set parameter "${clash}" with different values, which Argo CD rejects`,
        );
        return [];
      }
      out.push({ ...a, ...b });
    }
  }
  return out;
}

/** The first generator's parameter sets, each merged with the sets of the others sharing its merge keys. */
function mergeGeneratorParams(
  gens: unknown[],
  mergeKeys: unknown,
  nested: Nested,
  mode: TemplateMode,
  problem: (message: string) => void,
): Params[] {
  const keys = Array.isArray(mergeKeys)
    ? [...new Set(mergeKeys.map(String))]
    : [];
  if (gens.length < 2 || !keys.length) {
    problem('a merge generator needs two generators and mergeKeys');
    return [];
  }
  const keyOf = (p: Params) => JSON.stringify(keys.map(k => p[k] ?? null));
  const byKey = (list: Params[]): Map<string, Params> | undefined => {
    const m = new Map<string, Params>();
    for (const p of list) {
      const k = keyOf(p);
      if (m.has(k)) return undefined;
      m.set(k, p);
    }
    return m;
  };
  const [base, ...overs] = gens.map(gen => byKey(nested(gen)));
  if (!base || overs.some(over => !over)) {
    problem(
      'a merge generator has parameter sets sharing the same merge key, which Argo CD rejects',
    );
    return [];
  }
  for (const over of overs as Map<string, Params>[]) {
    for (const [k, p] of base) {
      const o = over.get(k);
      if (o) base.set(k, mode.goTemplate ? mergeParams(p, o) : { ...p, ...o });
    }
  }
  return [...base.values()];
}
