/* The objects secretGenerator and configMapGenerator make, merged into the build where their behavior says so. */

import { BuildContext, KustomizationSpec } from './context';
import { generate } from './generators';
import { docLine } from './resources';
import type { BuiltObject } from './types';
import { isMap } from './util';

/** secretGenerator and configMapGenerator objects, merged into `list` where `behavior` says so. */
export function addGenerated(
  ctx: BuildContext,
  k: KustomizationSpec,
  list: BuiltObject[],
) {
  const { spec, dir } = k;
  const genOptions = isMap(spec.generatorOptions) ? spec.generatorOptions : {};
  for (const kind of ['Secret', 'ConfigMap'] as const) {
    const field = kind === 'Secret' ? 'secretGenerator' : 'configMapGenerator';
    const gens: unknown[] = Array.isArray(spec[field]) ? spec[field] : [];
    for (let i = 0; i < gens.length; i++) {
      const g = gens[i];
      if (!isMap(g)) continue;
      const made = generate({
        tree: ctx.tree,
        dir,
        file: k.file,
        line: docLine(ctx, k.file, [field, i]),
        kind,
        spec: g,
        options: genOptions,
        notes: ctx.notes,
      });
      if (!made) continue;
      const existing =
        g.behavior === 'merge' || g.behavior === 'replace'
          ? findGenerated(list, kind, g)
          : undefined;
      if (existing) {
        existing.obj.data =
          g.behavior === 'merge'
            ? { ...(existing.obj.data ?? {}), ...made.obj.data }
            : made.obj.data;
        existing.encrypted = Boolean(existing.encrypted && made.encrypted);
      } else list.push(made);
    }
  }
}

function findGenerated(
  list: BuiltObject[],
  kind: string,
  g: Record<string, any>,
): BuiltObject | undefined {
  return list.find(
    b =>
      b.obj.kind === kind &&
      (b.obj.metadata?.name === g.name ||
        b.previousNames?.includes(String(g.name))) &&
      (!g.namespace || b.obj.metadata?.namespace === g.namespace),
  );
}
