/*
 * secretGenerator and configMapGenerator. A generated Secret carries its
 * keys, never its values: a key whose value sits in Git in plain text
 * (a literal, or an env/file source that is not SOPS-encrypted) gets a
 * marker value so the inline-credential check sees it; a value that is
 * encrypted or not in the repository stays empty. ConfigMap values are
 * configuration and are kept (Flux substitutes variables from them).
 */
import { createHash } from 'node:crypto';
import type { FileTree } from '../../tree';
import { IN_GIT_MARKER } from '../credentials';
import { isSopsEncryptedText } from './ignores';
import type { BuildNote, BuiltObject } from './types';
import { baseOf, isMap, joinPath } from './util';

export { IN_GIT_MARKER };

function parseEnv(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const i = line.indexOf('=');
    const key = (i < 0 ? line : line.slice(0, i)).trim();
    if (!key || /^sops_/.test(key)) continue;
    out.push([key, i < 0 ? '' : line.slice(i + 1)]);
  }
  return out;
}

export interface GeneratorInput {
  tree: FileTree;
  dir: string;
  file: string;
  line?: number;
  kind: 'Secret' | 'ConfigMap';
  spec: Record<string, any>;
  options: Record<string, any>;
  notes: BuildNote[];
}

/** One generated object, named with a stable suffix unless `disableNameSuffixHash`. */
export function generate(g: GeneratorInput): BuiltObject | undefined {
  const { spec, kind, tree, dir } = g;
  if (typeof spec.name !== 'string' || !spec.name) {
    g.notes.push({
      kind: 'yaml',
      file: g.file,
      line: g.line,
      message: `a ${kind} generator has no name`,
    });
    return undefined;
  }
  const data: Record<string, string> = {};
  let plain = false;
  let encrypted = false;
  const put = (key: string, value: string, inGit: boolean) => {
    if (kind === 'ConfigMap') data[key] = value;
    else data[key] = inGit ? IN_GIT_MARKER : '';
    if (inGit) plain = true;
  };
  for (const lit of Array.isArray(spec.literals) ? spec.literals : []) {
    const s = String(lit);
    const i = s.indexOf('=');
    if (i > 0) put(s.slice(0, i), s.slice(i + 1), true);
  }
  const envs = [
    ...(Array.isArray(spec.envs) ? spec.envs : []),
    ...(typeof spec.env === 'string' ? [spec.env] : []),
  ];
  let source = g.file;
  for (const e of envs) {
    const path = joinPath(dir, String(e));
    const text = tree.get(path);
    if (text === undefined) {
      if (kind === 'Secret')
        g.notes.push({
          kind: 'source',
          file: g.file,
          line: g.line,
          message: `Secret generator ${spec.name} reads ${path}, which the engine did not read: its keys are unknown`,
        });
      continue;
    }
    const enc = isSopsEncryptedText(text);
    encrypted ||= enc;
    source = path;
    for (const [k, v] of parseEnv(text)) put(k, v, !enc);
  }
  for (const f of Array.isArray(spec.files) ? spec.files : []) {
    const s = String(f);
    const i = s.indexOf('=');
    const key = i > 0 ? s.slice(0, i) : baseOf(s);
    const path = joinPath(dir, i > 0 ? s.slice(i + 1) : s);
    const text = tree.get(path);
    if (text === undefined) {
      // a file the engine did not read (not YAML): the key is known, its value is not
      put(key, '', false);
      continue;
    }
    const enc = isSopsEncryptedText(text);
    encrypted ||= enc;
    source = path;
    put(key, text, !enc);
  }
  const opts = { ...g.options, ...(isMap(spec.options) ? spec.options : {}) };
  const hash = createHash('sha256')
    .update([kind, spec.name, ...Object.keys(data).sort(), source].join('\0'))
    .digest('hex')
    .slice(0, 10);
  const name = opts.disableNameSuffixHash ? spec.name : `${spec.name}-${hash}`;
  const obj: Record<string, any> = {
    apiVersion: 'v1',
    kind,
    metadata: {
      name,
      ...(spec.namespace ? { namespace: String(spec.namespace) } : {}),
      ...(isMap(opts.labels) ? { labels: { ...opts.labels } } : {}),
      ...(isMap(opts.annotations)
        ? { annotations: { ...opts.annotations } }
        : {}),
    },
    ...(kind === 'Secret' ? { type: String(spec.type ?? 'Opaque') } : {}),
    data,
  };
  return {
    obj,
    file: source,
    line: source === g.file ? g.line : 1,
    encrypted: kind === 'Secret' && encrypted && !plain,
    ...(name !== spec.name ? { previousNames: [spec.name] } : {}),
  };
}
