/* Without declared roots: every manifest outside charts and values, as before. */

import type { FileTree } from '../../tree';
import { AppliedManifests, AppliedObject } from '../applied';
import { foreignTemplate, isSopsEncrypted } from '../kustomize/ignores';
import { yamlNote } from '../kustomize/resources';
import { isMap } from '../kustomize/util';
import type { ResolvedOptions } from '../options';
import type { Problem } from '../render';
import type { YamlCache } from '../yamlCache';
import { manifestsOf } from './docs';
import { isFluxObject } from './kinds';

/** Every manifest outside charts and values, scoped by a path segment naming an environment. */
export function rawMode(
  tree: FileTree,
  readable: (path: string) => boolean,
  o: ResolvedOptions,
  cache: YamlCache,
  problems: Problem[],
): AppliedManifests {
  const objects: AppliedObject[] = [];
  for (const path of [...tree.keys()].sort()) {
    if (!readable(path)) continue;
    const text = tree.get(path) ?? '';
    if (!/^\s*kind:/m.test(text) || !/^\s*apiVersion:/m.test(text)) continue;
    const errors = cache.errors(path);
    if (foreignTemplate(text, errors.length > 0)) {
      problems.push({
        kind: 'source',
        file: path,
        message: `${path} is a template of another tool (not Helm), not a Kubernetes manifest; it was not analysed`,
      });
      continue;
    }
    for (const e of errors) problems.push(yamlNote(path, e));
    const segs = path.split('/');
    const environment = o.environments.find(e => segs.includes(e));
    const release =
      segs.length > 1 ? segs[segs.length - 2] : path.replace(/\.ya?ml$/, '');
    for (const d of cache.docs(path)) {
      const v = d.value;
      if (!isMap(v) || !v.kind || !v.apiVersion) continue;
      const encrypted = isSopsEncrypted(v);
      let obj = v as Record<string, any>;
      if (encrypted) {
        const { sops: _s, ...rest } = obj;
        obj = rest;
      }
      objects.push({
        obj,
        file: path,
        line: d.line,
        lineOfPath: p => d.lineOfPath(p),
        release,
        environment,
        ...(encrypted ? { encrypted } : {}),
      });
    }
  }
  return manifestsOf(
    'raw',
    objects,
    o.environments,
    objects.filter(b => isFluxObject(b.obj)),
  );
}
