/* Values files loaded through the yaml Document API, so comments, key order and quoting survive an edit. */

import {
  Document,
  isMap,
  isScalar,
  isSeq,
  type Node as YamlNode,
  visit,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import { ScaffoldError } from './types';
import { parseYaml, toData } from '../../yaml';
import type { FileTree } from '../../tree';

/** Line of a node, for messages. */
const lineOf = (
  parsed: { lineOf(o: number): number },
  node: YamlNode | null | undefined,
) => (node?.range ? parsed.lineOf(node.range[0]) : undefined);

export interface Loaded {
  doc: Document;
  original?: string;
  dirty: boolean;
  indent: number;
  indentSeq: boolean;
}

/** Detects the indentation habits of a file, so an edit does not reformat it. */
function styleOf(text: string): { indent: number; indentSeq: boolean } {
  const lines = text.split('\n');
  let indent = 0;
  let indentSeq: boolean | undefined;
  for (let i = 0; i < lines.length; i++) {
    const m = /^( +)\S/.exec(lines[i]);
    if (
      m &&
      !lines[i].trimStart().startsWith('#') &&
      !indent &&
      !lines[i].trimStart().startsWith('- ')
    ) {
      indent = m[1].length;
    }
    if (
      indentSeq === undefined &&
      /:\s*$/.test(lines[i]) &&
      !lines[i].trimStart().startsWith('#')
    ) {
      const own = /^ */.exec(lines[i])![0].length;
      const next = lines
        .slice(i + 1)
        .find(l => l.trim() && !l.trimStart().startsWith('#'));
      if (next && next.trimStart().startsWith('- ')) {
        indentSeq = /^ */.exec(next)![0].length > own;
      }
    }
  }
  // the step from a key to its nested map is the indent; the first indented
  // line after a sequence item is off by the dash, so it only counts as a fallback
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trimStart();
    if (t.startsWith('#') || t.startsWith('- ') || !/:\s*$/.test(t)) continue;
    const own = lines[i].length - t.length;
    const next = lines
      .slice(i + 1)
      .find(l => l.trim() && !l.trimStart().startsWith('#'));
    if (!next || next.trimStart().startsWith('- ')) continue;
    const step = next.length - next.trimStart().length - own;
    if (step > 0) {
      indent = step;
      break;
    }
  }
  return {
    indent: indent >= 2 && indent <= 8 ? indent : 2,
    indentSeq: indentSeq ?? true,
  };
}

export function load(tree: FileTree, path: string): Loaded {
  const original = tree.get(path);
  const text = original ?? '';
  const parsed = parseYaml(text, path);
  // duplicate keys are refused below, naming the key
  const errors = parsed.errors.filter(e => e.code !== 'duplicate-key');
  if (errors.length) {
    const e = errors[0];
    throw new ScaffoldError(
      `${path}${
        e.line ? `:${e.line}` : ''
      } is not valid YAML (${e.message.replace(
        /^invalid YAML: /,
        '',
      )}); fix it first, nothing was written`,
    );
  }
  const docs = parsed.documents.filter(
    d => d.contents !== null || parsed.documents.length === 1,
  );
  if (docs.length > 1) {
    throw new ScaffoldError(
      `${path} holds ${docs.length} YAML documents; a values file must hold one, nothing was written`,
    );
  }
  const doc = docs[0] ?? new Document(new YAMLMap());
  if (
    doc.contents !== null &&
    doc.contents !== undefined &&
    !isMap(doc.contents)
  ) {
    throw new ScaffoldError(
      `${path} must hold a YAML map at the top level; nothing was written`,
    );
  }
  // Helm keeps the last of two equal keys, the yaml library edits the first:
  // refuse instead of guessing
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const k = isScalar(pair.key)
          ? String(pair.key.value)
          : String(pair.key);
        if (seen.has(k)) {
          const line = lineOf(parsed, pair.key as YamlNode);
          throw new ScaffoldError(
            `${path}${
              line ? `:${line}` : ''
            } has the key "${k}" twice; remove the duplicate first, nothing was written`,
          );
        }
        seen.add(k);
      }
    },
  });
  const data = toData(doc);
  if ('error' in data)
    throw new ScaffoldError(`${path}: ${data.error}; nothing was written`);
  if (!doc.contents) doc.contents = new YAMLMap() as any;
  return { doc, original, dirty: original === undefined, ...styleOf(text) };
}

export function render(l: Loaded): string {
  if (!l.dirty && l.original !== undefined) return l.original;
  const out = l.doc.toString({
    lineWidth: 0,
    indent: l.indent,
    indentSeq: l.indentSeq,
  });
  return out === '{}\n' ? '' : out;
}

/**
 * Adds a top-level key. A file that separates its top-level blocks with
 * blank lines gets one before the new block too.
 */
function addTop(l: Loaded, key: string, value: YamlNode) {
  const top = l.doc.contents as YAMLMap;
  const pair = l.doc.createPair(key, value);
  const spaced = top.items.some(
    (p, i) => i > 0 && isScalar(p.key) && p.key.spaceBefore,
  );
  if (spaced && top.items.length && isScalar(pair.key))
    pair.key.spaceBefore = true;
  if (l.doc.has(key)) l.doc.set(key, value);
  else top.items.push(pair);
  l.dirty = true;
}

/** Gets the collection under a top-level `key`, creating it when absent or null; refuses another type. */
function collectionAt<T extends YAMLMap | YAMLSeq>(
  l: Loaded,
  path: string,
  key: string,
  is: (node: unknown) => node is T,
  create: () => T,
  what: string,
): T {
  const node = l.doc.get(key, true);
  if (node === undefined || (isScalar(node) && node.value === null)) {
    const created = create();
    addTop(l, key, created);
    return created;
  }
  if (!is(node))
    throw new ScaffoldError(
      `${path}: "${key}" must be ${what}; nothing was written`,
    );
  return node;
}

/** Gets a map under `key`, creating it; refuses another type. */
export const mapAt = (l: Loaded, path: string, key: string): YAMLMap =>
  collectionAt(l, path, key, isMap, () => new YAMLMap(), 'a map');

/** Gets a list under `key`, creating it; refuses another type. */
export const seqAt = (l: Loaded, path: string, key: string): YAMLSeq =>
  collectionAt(l, path, key, isSeq, () => new YAMLSeq(), 'a list');

/** Sets `key` in `map` unless it is there already. */
export function setIfAbsent(
  map: YAMLMap,
  key: string,
  value: unknown,
  l: Loaded,
) {
  if (!map.has(key)) {
    map.set(key, l.doc.createNode(value));
    l.dirty = true;
  }
}
