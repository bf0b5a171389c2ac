/*
 * ApplicationSet generators evaluated offline, with Argo CD's parameter
 * shapes in both template modes: list, clusters, git (files and
 * directories), matrix and merge, and every generator's post-selector.
 * Generators that need a live service (SCM providers, pull requests,
 * plugins, cluster decision resources) and git generators reading another
 * repository yield nothing and a note naming them.
 */
import { parseYamlValue } from '../../../yaml';
import { argoClusters, IN_CLUSTER_SERVER } from './clusters';
import { ArgoTemplateError } from './fasttemplate';
import { globToRegExp } from './glob';
import { emptySelector, flatLabels, matchesSelector } from './selector';
import { renderFields, replaceString } from './template';
import {
  type ArgoContext,
  type ArgoSettings,
  displayURL,
  isMap,
  normPath,
  type Origin,
  type Params,
  sanitizeName,
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

export function note(ctx: ArgoContext, origin: Origin, message: string) {
  ctx.notes.push({
    file: origin.file,
    ...(origin.line ? { line: origin.line } : {}),
    message: `${origin.what}: ${message}`,
  });
}

/** A repository URL in a comparable form: no scheme, user, `.git` or trailing slash. */
export function canonicalRepoURL(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/^[^@/]+@/, '')
    .replace(/^([^/:]+):(?!\d)/, '$1/')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}

/** Whether a repoURL is this repository (every URL is, unless the options list them). */
export function isThisRepo(url: unknown, settings: ArgoSettings): boolean {
  if (!settings.repoURLs) return true;
  if (typeof url !== 'string' || !url) return true;
  const c = canonicalRepoURL(url);
  return settings.repoURLs.some(u => canonicalRepoURL(u) === c);
}

/** Deep merge of parameter maps, `over` winning (mergo with override). */
function mergeParams(base: Params, over: Params): Params {
  const out: Params = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isMap(v) && isMap(out[k]) ? mergeParams(out[k] as Params, v) : v;
  }
  return out;
}

/** Go's `%v` of a decoded YAML/JSON scalar. */
function goString(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}

/** Flattens an object to `a.b.c` / `a.0` keys with string values (fasttemplate mode). */
function flatten(v: unknown, prefix: string, out: Params, depth = 0): Params {
  if (depth > 32) return out;
  if (isMap(v)) {
    for (const [k, x] of Object.entries(v))
      flatten(x, prefix ? `${prefix}.${k}` : k, out, depth + 1);
  } else if (Array.isArray(v)) {
    v.forEach((x, i) =>
      flatten(x, prefix ? `${prefix}.${i}` : String(i), out, depth + 1),
    );
  } else if (prefix) out[prefix] = goString(v);
  return out;
}

/** The generator's `values`, rendered with its own parameters and added under `values`. */
function withValues(
  params: Params,
  values: unknown,
  mode: TemplateMode,
): Params {
  if (!isMap(values)) return params;
  const rendered: Record<string, string> = {};
  for (const [k, v] of Object.entries(values))
    rendered[k] = replaceString(String(v ?? ''), params, mode);
  if (mode.goTemplate) return { ...params, values: rendered };
  const out = { ...params };
  for (const [k, v] of Object.entries(rendered)) out[`values.${k}`] = v;
  return out;
}

const dirname = (p: string) => p.split('/').slice(0, -1).join('/') || '.';
const basename = (p: string) => p.split('/').pop() || p;

/** Parameters of the path of a git generator item, in the mode's shape. */
function pathParams(
  dir: string,
  file: string | undefined,
  prefix: string,
  mode: TemplateMode,
): Params {
  if (mode.goTemplate) {
    const p: Params = {
      path: dir,
      basename: basename(dir),
      ...(file
        ? {
            filename: basename(file),
            filenameNormalized: sanitizeName(basename(file)),
          }
        : {}),
      basenameNormalized: sanitizeName(basename(dir)),
      segments: dir.split('/'),
    };
    return prefix ? { [prefix]: { path: p } } : { path: p };
  }
  const name = prefix ? `${prefix}.path` : 'path';
  const out: Params = {
    [name]: dir,
    [`${name}.basename`]: basename(dir),
    [`${name}.basenameNormalized`]: sanitizeName(basename(dir)),
  };
  if (file) {
    out[`${name}.filename`] = basename(file);
    out[`${name}.filenameNormalized`] = sanitizeName(basename(file));
  }
  dir.split('/').forEach((seg, i) => {
    if (seg) out[`${name}[${i}]`] = seg;
  });
  return out;
}

/** Directories of the tree, hidden ones excluded, as the repo server lists them. */
function directories(ctx: ArgoContext): string[] {
  const dirs = new Set<string>();
  for (const path of ctx.tree.keys()) {
    const segs = path.split('/');
    for (let i = 1; i < segs.length; i++) {
      if (segs[i - 1].startsWith('.')) break;
      dirs.add(segs.slice(0, i).join('/'));
    }
  }
  return [...dirs].sort();
}

function gitParams(
  git: Record<string, any>,
  ctx: ArgoContext,
  mode: TemplateMode,
  origin: Origin,
): Params[] {
  if (!isThisRepo(git.repoURL, ctx.settings)) {
    note(
      ctx,
      origin,
      `git generator reads another repository (${displayURL(
        git.repoURL,
      )}), which the engine cannot read`,
    );
    return [];
  }
  const prefix =
    typeof git.pathParamPrefix === 'string' ? git.pathParamPrefix : '';
  const out: Params[] = [];
  if (Array.isArray(git.directories) && git.directories.length) {
    const items = git.directories.filter(
      (d: unknown) => isMap(d) && typeof d.path === 'string',
    );
    const include = items
      .filter((d: any) => !d.exclude)
      .map((d: any) => globToRegExp(normPath(d.path), 'match'));
    const exclude = items
      .filter((d: any) => d.exclude)
      .map((d: any) => globToRegExp(normPath(d.path), 'match'));
    for (const dir of directories(ctx)) {
      if (!include.some((re: RegExp) => re.test(dir))) continue;
      if (exclude.some((re: RegExp) => re.test(dir))) continue;
      out.push(
        withValues(pathParams(dir, undefined, prefix, mode), git.values, mode),
      );
    }
    return out;
  }
  if (!Array.isArray(git.files) || !git.files.length) {
    note(ctx, origin, 'git generator lists neither files nor directories');
    return [];
  }
  const items = git.files.filter(
    (f: unknown) => isMap(f) && typeof f.path === 'string',
  );
  const style = ctx.settings.gitFileGlobbing;
  const include = items
    .filter((f: any) => !f.exclude)
    .map((f: any) => globToRegExp(normPath(f.path), style));
  const exclude = items
    .filter((f: any) => f.exclude)
    .map((f: any) => globToRegExp(normPath(f.path), style));
  const files = [...ctx.tree.keys()]
    .filter(p => include.some((re: RegExp) => re.test(p)))
    .filter(p => !exclude.some((re: RegExp) => re.test(p)))
    .sort();
  for (const file of files) {
    const errors = ctx.cache.errors(file);
    if (errors.length) {
      note(
        ctx,
        { ...origin, file, line: errors[0].line },
        `git generator file ${file} is not valid YAML and was skipped`,
      );
      continue;
    }
    const data = ctx.cache.data(file)[0];
    let objects: unknown[] = [data];
    if (data === undefined || data === null) objects = [{}];
    else if (Array.isArray(data)) objects = data;
    if (!objects.every(isMap)) {
      note(
        ctx,
        { ...origin, file, line: 1 },
        `git generator file ${file} holds neither an object nor a list of objects and was skipped`,
      );
      continue;
    }
    for (const obj of objects as Params[]) {
      const base = mode.goTemplate ? { ...obj } : flatten(obj, '', {});
      const params = {
        ...base,
        ...pathParams(dirname(file), file, prefix, mode),
      };
      out.push(withValues(params, git.values, mode));
    }
  }
  return out;
}

function listParams(
  list: Record<string, any>,
  ctx: ArgoContext,
  mode: TemplateMode,
  origin: Origin,
): Params[] {
  const out: Params[] = [];
  for (const el of Array.isArray(list.elements) ? list.elements : []) {
    if (!isMap(el)) continue;
    if (mode.goTemplate) {
      out.push(el);
      continue;
    }
    const params: Params = {};
    for (const [k, v] of Object.entries(el)) {
      if (k === 'values' && isMap(v)) {
        for (const [vk, vv] of Object.entries(v)) params[`values.${vk}`] = vv;
      } else params[k] = v;
    }
    const bad = Object.keys(params).find(k => typeof params[k] !== 'string');
    if (bad) {
      note(
        ctx,
        origin,
        `list element field "${bad}" is not a string, which Argo CD rejects without goTemplate`,
      );
      return [];
    }
    out.push(params);
  }
  if (typeof list.elementsYaml === 'string' && list.elementsYaml.trim()) {
    const read = parseYamlValue(list.elementsYaml);
    const parsed = 'value' in read ? read.value : undefined;
    if (!Array.isArray(parsed) || !parsed.every(isMap)) {
      note(
        ctx,
        origin,
        'list generator elementsYaml is not a YAML list of objects',
      );
      return out;
    }
    out.push(...(parsed as Params[]));
  }
  return out;
}

function clusterParams(
  clusters: Record<string, any>,
  ctx: ArgoContext,
  mode: TemplateMode,
): Params[] {
  const selector = clusters.selector;
  const all = argoClusters(ctx);
  const selected = all.filter(c => matchesSelector(selector, c.labels));
  const out: Params[] = selected.map(c => {
    const p: Params = {
      name: c.name,
      nameNormalized: sanitizeName(c.name),
      server: c.server,
      project: c.project ?? '',
    };
    if (mode.goTemplate) {
      p.metadata = {
        ...(Object.keys(c.annotations).length
          ? { annotations: c.annotations }
          : {}),
        ...(Object.keys(c.labels).length ? { labels: c.labels } : {}),
      };
    } else {
      for (const [k, v] of Object.entries(c.annotations))
        p[`metadata.annotations.${k}`] = v;
      for (const [k, v] of Object.entries(c.labels))
        p[`metadata.labels.${k}`] = v;
    }
    return withValues(p, clusters.values, mode);
  });
  if (
    emptySelector(selector) &&
    !selected.some(c => c.server === IN_CLUSTER_SERVER)
  ) {
    out.push(
      withValues(
        {
          name: 'in-cluster',
          nameNormalized: 'in-cluster',
          server: IN_CLUSTER_SERVER,
          project: '',
        },
        clusters.values,
        mode,
      ),
    );
  }
  return clusters.flatList === true ? [{ clusters: out }] : out;
}

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
        case 'merge':
          if (depth > MAX_GENERATOR_DEPTH) {
            note(
              ctx,
              origin,
              `${kind} generators nest deeper than Argo CD allows`,
            );
            break;
          }
          out.push(
            ...(kind === 'matrix' ? matrixParams : mergeParams2)(
              spec,
              ctx,
              mode,
              origin,
              depth,
            ),
          );
          break;
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

function matrixParams(
  spec: Params,
  ctx: ArgoContext,
  mode: TemplateMode,
  origin: Origin,
  depth: number,
): Params[] {
  const gens = Array.isArray(spec.generators) ? spec.generators : [];
  if (gens.length !== 2) {
    note(
      ctx,
      origin,
      `a matrix generator needs exactly two generators (found ${gens.length})`,
    );
    return [];
  }
  const out: Params[] = [];
  for (const a of generatorParams(gens[0], ctx, mode, origin, depth + 1)) {
    for (const b of generatorParams(gens[1], ctx, mode, origin, depth + 1, a)) {
      if (mode.goTemplate) {
        out.push(mergeParams(b, a));
        continue;
      }
      const clash = Object.keys(b).find(k => k in a && a[k] !== b[k]);
      if (clash) {
        note(
          ctx,
          origin,
          `the matrix generators both set parameter "${clash}" with different values, which Argo CD rejects`,
        );
        return [];
      }
      out.push({ ...a, ...b });
    }
  }
  return out;
}

function mergeParams2(
  spec: Params,
  ctx: ArgoContext,
  mode: TemplateMode,
  origin: Origin,
  depth: number,
): Params[] {
  const gens = Array.isArray(spec.generators) ? spec.generators : [];
  const keys = Array.isArray(spec.mergeKeys)
    ? [...new Set(spec.mergeKeys.map(String))]
    : [];
  if (gens.length < 2 || !keys.length) {
    note(ctx, origin, 'a merge generator needs two generators and mergeKeys');
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
  const sets = gens.map((x: unknown) =>
    generatorParams(x, ctx, mode, origin, depth + 1),
  );
  const base = byKey(sets[0]);
  if (!base) {
    note(
      ctx,
      origin,
      'a merge generator has parameter sets sharing the same merge key, which Argo CD rejects',
    );
    return [];
  }
  for (const set of sets.slice(1)) {
    const over = byKey(set);
    if (!over) {
      note(
        ctx,
        origin,
        'a merge generator has parameter sets sharing the same merge key, which Argo CD rejects',
      );
      return [];
    }
    for (const [k, p] of base) {
      const o = over.get(k);
      if (o) base.set(k, mode.goTemplate ? mergeParams(p, o) : { ...p, ...o });
    }
  }
  return [...base.values()];
}
