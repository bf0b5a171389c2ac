import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { isMap, isSeq, type Document } from 'yaml';
import type { FileTree } from '../tree';
import { parseYaml, toData, type YamlProblem } from '../yaml';

export interface ParsedDoc {
  value: unknown;
  /** 1-based line where the document starts. */
  line: number;
  /** Line of a top-level or nested key path, when asked. */
  lineOfPath(path: Array<string | number>): number | undefined;
}

interface Entry {
  text: string;
  docs: ParsedDoc[];
  errors: YamlProblem[];
}

/** Pairs of a YAML map by key, indexed on first use (fixture maps have thousands of keys). */
const pairIndex = new WeakMap<object, Map<unknown, any>>();
function pairOf(node: { items: any[] }, key: unknown): any {
  let index = pairIndex.get(node);
  if (!index) {
    index = new Map();
    // a repeated key is reported by the YAML layer; its later value is the one read
    for (const p of node.items) index.set(p.key?.value, p);
    pairIndex.set(node, index);
  }
  return index.get(key);
}

function makeDoc(
  doc: Document,
  lineOf: (o: number) => number,
  value: unknown,
): ParsedDoc {
  const start = doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0;
  return {
    value,
    line: lineOf(start),
    lineOfPath(path) {
      let node: unknown = doc.contents;
      for (const key of path) {
        if (isMap(node)) {
          const pair = pairOf(node, key);
          if (!pair) return undefined;
          node = pair.value ?? pair.key;
          if (key === path[path.length - 1]) {
            const r = (pair.key as any)?.range;
            return r ? lineOf(r[0]) : undefined;
          }
        } else if (isSeq(node) && typeof key === 'number') {
          node = node.items[key];
        } else {
          return undefined;
        }
      }
      const r = (node as any)?.range;
      return r ? lineOf(r[0]) : undefined;
    },
  };
}

/**
 * Parses each file once per content: a changed file is re-parsed, the others
 * come from the cache. This is what makes re-analysis after one edit cheap.
 */
export class YamlCache {
  private readonly entries = new Map<string, Entry>();
  private tree: FileTree = new Map();

  use(tree: FileTree) {
    this.tree = tree;
    for (const k of this.entries.keys())
      if (!tree.has(k)) this.entries.delete(k);
  }

  private entry(path: string): Entry {
    const text = this.tree.get(path) ?? '';
    const hit = this.entries.get(path);
    if (hit && hit.text === text) return hit;
    const e = parseText(text, path);
    this.entries.set(path, e);
    return e;
  }

  docs(path: string): ParsedDoc[] {
    return this.entry(path).docs;
  }

  data(path: string): unknown[] {
    return this.entry(path).docs.map(d => d.value);
  }

  errors(path: string): YamlProblem[] {
    return this.entry(path).errors;
  }
}

/** Parses text (a file or rendered template output) into documents. */
export function parseText(text: string, file: string): Entry {
  const parsed = parseYaml(text, file);
  const errors = [...parsed.errors];
  const docs: ParsedDoc[] = [];
  for (const doc of parsed.documents) {
    if (doc.errors.length) continue;
    const data = toData(doc);
    if ('error' in data) {
      errors.push({
        file,
        line: parsed.lineOf(doc.range?.[0] ?? 0),
        message: data.error,
      });
      continue;
    }
    docs.push(makeDoc(doc, parsed.lineOf, data.value));
  }
  return { text, docs, errors };
}

/** Largest rendered output taken through the fast path. */
const MAX_FAST = 2_000_000;

/**
 * Parses rendered template output. Rendered output is several times larger
 * than the sources and its lines come from the template, not from the parse,
 * so plain text without anchors or aliases takes a fast path (js-yaml, core
 * schema: no timestamps or custom tags). Anything else, and any error
 * (a duplicate key included), goes through the bounded YAML layer above,
 * which also words the problems: both paths report the same.
 */
export function parseRendered(text: string, file: string): Entry {
  if (text.length <= MAX_FAST && !/[&*!]/.test(text)) {
    try {
      const docs: ParsedDoc[] = [];
      // without `json`, js-yaml throws on a duplicate key: the text then takes
      // the YAML layer, which reports the key as it does for any file
      for (const value of loadAll(text, undefined, { schema: CORE_SCHEMA })) {
        docs.push({ value, line: 1, lineOfPath: () => undefined });
      }
      return { text, docs, errors: [] };
    } catch {
      // fall through: the YAML layer reports the error with its line
    }
  }
  return parseText(text, file);
}
