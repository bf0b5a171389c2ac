/* Reading a resource file into objects, with their lines. */

import { BuildContext } from './context';
import { isMap, clone } from './util';
import type { YamlProblem } from '../../yaml';
import type { BuildNote, BuiltObject } from './types';
import { isSopsEncrypted } from './ignores';

export const docLine = (
  ctx: BuildContext,
  file: string,
  path: Array<string | number>,
) => ctx.cache.docs(file)[0]?.lineOfPath(path);

/** A YAML error of `file` as a note (an error finding). */
export const yamlNote = (file: string, e: YamlProblem): BuildNote => ({
  kind: 'yaml',
  file,
  line: e.line,
  message: e.message,
  ...(e.code ? { code: e.code } : {}),
});

/** Notes the YAML errors of a file the build reads. */
export function noteYamlErrors(ctx: BuildContext, file: string) {
  for (const e of ctx.cache.errors(file)) ctx.notes.push(yamlNote(file, e));
}

/** Objects of one manifest file (each document with a kind), copied. */
export function readResourceFile(
  ctx: BuildContext,
  path: string,
): BuiltObject[] {
  noteYamlErrors(ctx, path);
  const out: BuiltObject[] = [];
  for (const d of ctx.cache.docs(path)) {
    const v = d.value;
    if (Array.isArray(v) || !isMap(v) || !v.kind) continue;
    if (v.kind === 'List' && Array.isArray(v.items)) {
      for (const item of v.items)
        if (isMap(item) && item.kind)
          out.push({ obj: clone(item), file: path, line: d.line });
      continue;
    }
    const encrypted = isSopsEncrypted(v);
    const obj = clone(v);
    if (encrypted) delete obj.sops;
    out.push({
      obj,
      file: path,
      line: d.line,
      lineOfPath: p => d.lineOfPath(p),
      ...(encrypted ? { encrypted } : {}),
    });
  }
  return out;
}
