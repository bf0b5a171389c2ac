/* The patches of a kustomization (strategic merge and JSON 6902, inline or from files) applied to the accumulated objects. */

import { BuildContext, KustomizationSpec, note } from './context';
import {
  type JsonPatchOp,
  strategicMerge,
  matchesTarget,
  applyJson6902,
  PatchTarget,
} from './patch';
import { joinPath, isMap } from './util';
import { parseText } from '../yamlCache';
import type { BuiltObject } from './types';

interface PatchEntry {
  text?: string;
  file: string;
  target?: PatchTarget;
  json?: boolean;
}

/** Patch entries of `patches`, `patchesStrategicMerge` and `patchesJson6902`, resolved to text. */
function patchEntries(ctx: BuildContext, k: KustomizationSpec): PatchEntry[] {
  const { spec, dir } = k;
  const out: PatchEntry[] = [];
  const textOf = (p: any, field: string): { text?: string; file: string } => {
    if (typeof p?.patch === 'string') return { text: p.patch, file: k.file };
    if (typeof p?.path === 'string') {
      const path = joinPath(dir, p.path);
      const text = ctx.tree.get(path);
      if (text === undefined)
        note(ctx, k, field, `patch file ${p.path} is not in the repository`);
      return { text, file: path };
    }
    return { file: k.file };
  };
  for (const p of Array.isArray(spec.patches) ? spec.patches : [])
    out.push({
      ...textOf(p, 'patches'),
      target: isMap(p?.target) ? p.target : undefined,
    });
  for (const p of Array.isArray(spec.patchesStrategicMerge)
    ? spec.patchesStrategicMerge
    : []) {
    if (typeof p !== 'string') continue;
    const path = joinPath(dir, p);
    if (!p.includes('\n') && ctx.tree.has(path))
      out.push({ text: ctx.tree.get(path), file: path });
    else if (p.includes('\n') || p.includes(':'))
      out.push({ text: p, file: k.file });
    else
      note(
        ctx,
        k,
        'patchesStrategicMerge',
        `patch file ${p} is not in the repository`,
      );
  }
  for (const p of Array.isArray(spec.patchesJson6902)
    ? spec.patchesJson6902
    : [])
    out.push({
      ...textOf(p, 'patchesJson6902'),
      target: isMap(p?.target) ? p.target : undefined,
      json: true,
    });
  return out;
}

/** Applies a kustomization's patches to the objects accumulated so far. */
export function applyPatches(
  ctx: BuildContext,
  k: KustomizationSpec,
  input: BuiltObject[],
): BuiltObject[] {
  let list = input;
  for (const p of patchEntries(ctx, k)) {
    if (p.text === undefined) continue;
    const parsed = parseText(p.text, p.file);
    if (parsed.errors.length) {
      ctx.notes.push({
        kind: 'yaml',
        file: p.file,
        line: parsed.errors[0].line,
        message: `patch is not valid YAML: ${parsed.errors[0].message}`,
      });
      continue;
    }
    for (const d of parsed.docs) {
      const v = d.value;
      if (Array.isArray(v) || p.json) {
        if (!p.target) {
          note(
            ctx,
            k,
            'patches',
            'a JSON 6902 patch has no target and was not applied',
          );
          continue;
        }
        for (const b of list) {
          if (!matchesTarget(b.obj, p.target)) continue;
          const err = applyJson6902(
            b.obj,
            (Array.isArray(v) ? v : []) as JsonPatchOp[],
          );
          if (err)
            note(
              ctx,
              k,
              'patches',
              `${err} in ${b.obj.kind}/${b.obj.metadata?.name}; the patch was applied up to that operation`,
            );
        }
        continue;
      }
      if (!isMap(v)) continue;
      const selector: PatchTarget = p.target ?? {
        kind: v.kind ? String(v.kind) : undefined,
        name: v.metadata?.name
          ? String(v.metadata.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          : undefined,
        namespace: v.metadata?.namespace
          ? String(v.metadata.namespace).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          : undefined,
      };
      const patch = p.target
        ? { ...v, metadata: { ...(v.metadata ?? {}) } }
        : v;
      if (p.target) {
        delete patch.metadata.name;
        delete patch.metadata.namespace;
        delete patch.kind;
        delete patch.apiVersion;
      }
      let matched = false;
      const next: BuiltObject[] = [];
      for (const b of list) {
        if (!matchesTarget(b.obj, selector)) {
          next.push(b);
          continue;
        }
        matched = true;
        const merged = strategicMerge(b.obj, patch);
        if (merged === undefined) continue; // $patch: delete removes the object
        b.obj = merged as Record<string, any>;
        next.push(b);
      }
      list = next;
      if (!matched && !p.target)
        note(
          ctx,
          k,
          'patches',
          `a patch names ${v.kind}/${v.metadata?.name}, which the build does not contain`,
        );
    }
  }
  return list;
}
