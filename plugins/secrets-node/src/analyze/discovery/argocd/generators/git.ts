/* The git generator (files and directories) over this repository's tree. */

import { normPath } from '../../../kustomize/util';
import { isThisRepo } from '../repoURL';
import { note } from '../notes';
import { globToRegExp } from '../glob';
import {
  type TemplateMode,
  type Params,
  sanitizeName,
  type ArgoContext,
  type Origin,
  isMap,
  displayURL,
} from '../types';
import { withValues, flatten } from './params';

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

export function gitParams(
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
