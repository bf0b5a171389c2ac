/*
 * Kustomize patches, for the common cases: strategic merge of maps (lists
 * of containers, env, volumes and mounts merged by their key, other lists
 * replaced, `null` and `$patch: delete` removing), JSON 6902 operations on
 * JSON-pointer paths, and patch targets (group, version, kind, name and
 * namespace as anchored patterns, label and annotation selectors).
 */
import { clone, isMap } from './util';

/** Merge keys of the lists Kubernetes merges element-wise. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
};

function mergeList(key: string, base: unknown[], patch: unknown[]): unknown[] {
  const mk = MERGE_KEYS[key];
  if (!mk || !patch.every(isMap) || !base.every(isMap)) return clone(patch);
  const out = [...base] as Array<Record<string, any>>;
  for (const p of patch as Array<Record<string, any>>) {
    const i = out.findIndex(b => b[mk] === p[mk]);
    if (p.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1);
    } else if (i >= 0) {
      out[i] = strategicMerge(out[i], p) as Record<string, any>;
    } else {
      const { $patch: _p, ...rest } = p;
      out.push(clone(rest));
    }
  }
  return out;
}

/** Strategic merge of a patch into an object; `undefined` when the patch deletes it. */
export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (!isMap(patch)) return clone(patch);
  if (patch.$patch === 'delete') return undefined;
  if (patch.$patch === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return clone(rest);
  }
  const out: Record<string, any> = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) delete out[k];
    else if (isMap(v) && isMap(out[k])) out[k] = strategicMerge(out[k], v);
    else if (Array.isArray(v) && Array.isArray(out[k]))
      out[k] = mergeList(k, out[k], v);
    else if (isMap(v)) out[k] = strategicMerge(undefined, v);
    else out[k] = clone(v);
  }
  return out;
}

export interface JsonPatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

const pointer = (p: string) =>
  p
    .split('/')
    .slice(1)
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));

function walk(doc: any, segs: string[]): any {
  let node = doc;
  for (const s of segs) {
    if (Array.isArray(node)) node = node[Number(s)];
    else if (isMap(node)) node = node[s];
    else return undefined;
  }
  return node;
}

/** Applies JSON 6902 operations; returns an error message for the first that cannot apply. */
export function applyJson6902(
  doc: Record<string, any>,
  ops: JsonPatchOp[],
): string | undefined {
  for (const op of ops) {
    if (!op || typeof op.path !== 'string')
      return 'a JSON patch operation has no path';
    const segs = pointer(op.path);
    const last = segs[segs.length - 1];
    const parent = walk(doc, segs.slice(0, -1));
    const set = (value: unknown, insert: boolean) => {
      if (Array.isArray(parent)) {
        const i = last === '-' ? parent.length : Number(last);
        if (!Number.isInteger(i) || i < 0 || i > parent.length) return false;
        if (insert) parent.splice(i, 0, clone(value));
        else parent[i] = clone(value);
        return true;
      }
      if (!isMap(parent)) return false;
      parent[last] = clone(value);
      return true;
    };
    const remove = () => {
      if (Array.isArray(parent)) {
        const i = Number(last);
        if (!Number.isInteger(i) || i < 0 || i >= parent.length) return false;
        parent.splice(i, 1);
        return true;
      }
      if (!isMap(parent) || !(last in parent)) return false;
      delete parent[last];
      return true;
    };
    let ok = true;
    switch (op.op) {
      case 'add':
        ok = set(op.value, true);
        break;
      case 'replace':
        ok = walk(doc, segs) !== undefined && set(op.value, false);
        break;
      case 'remove':
        ok = remove();
        break;
      case 'copy':
      case 'move': {
        const from = typeof op.from === 'string' ? pointer(op.from) : [];
        const value = walk(doc, from);
        if (value === undefined) ok = false;
        else {
          if (op.op === 'move') {
            const fp = walk(doc, from.slice(0, -1));
            const fl = from[from.length - 1];
            if (Array.isArray(fp)) fp.splice(Number(fl), 1);
            else if (isMap(fp)) delete fp[fl];
          }
          ok = set(value, true);
        }
        break;
      }
      case 'test':
        break;
      default:
        return `JSON patch operation "${op.op}" is not supported`;
    }
    if (!ok) return `JSON patch ${op.op} ${op.path}: the path does not exist`;
  }
  return undefined;
}

export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

const anchored = (p: string) => {
  try {
    return new RegExp(`^(?:${p})$`);
  } catch {
    return new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  }
};

function selects(selector: string, labels: Record<string, unknown>): boolean {
  return selector
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
    .every(term => {
      let m = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
      if (m) {
        const has = labels[m[1]] !== undefined && String(labels[m[1]]) === m[3];
        return m[2] === '!=' ? !has : has;
      }
      m = /^([^\s]+)\s+(in|notin)\s+\((.*)\)$/.exec(term);
      if (m) {
        const vals = m[3].split(',').map(v => v.trim());
        const has =
          labels[m[1]] !== undefined && vals.includes(String(labels[m[1]]));
        return m[2] === 'in' ? has : !has;
      }
      if (term.startsWith('!')) return labels[term.slice(1)] === undefined;
      return labels[term] !== undefined;
    });
}

/** Whether an object is selected by a patch target. */
export function matchesTarget(
  obj: Record<string, any>,
  t: PatchTarget,
): boolean {
  const apiVersion = String(obj.apiVersion ?? '');
  const [group, version] = apiVersion.includes('/')
    ? apiVersion.split('/')
    : ['', apiVersion];
  const md = isMap(obj.metadata) ? obj.metadata : {};
  if (t.group !== undefined && !anchored(t.group).test(group)) return false;
  if (t.version && !anchored(t.version).test(version)) return false;
  if (t.kind && !anchored(t.kind).test(String(obj.kind ?? ''))) return false;
  if (t.name && !anchored(t.name).test(String(md.name ?? ''))) return false;
  if (t.namespace && !anchored(t.namespace).test(String(md.namespace ?? '')))
    return false;
  if (t.labelSelector && !selects(t.labelSelector, md.labels ?? {}))
    return false;
  if (
    t.annotationSelector &&
    !selects(t.annotationSelector, md.annotations ?? {})
  )
    return false;
  return true;
}
