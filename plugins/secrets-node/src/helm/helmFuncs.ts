/* eslint-disable no-nested-ternary -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/*
 * Helm's own conversion functions: toYaml (keys sorted, sequences not
 * indented, as Helm's YAML encoder writes them), fromYaml / fromYamlArray
 * (YAML 1.1 scalars, numbers as float64, errors as an `Error` key),
 * fromJson / fromJsonArray and toToml.
 */
import { parseDocument, stringify, visit, type Document } from 'yaml';
import {
  isMap,
  sortedKeys,
  toPlain,
  Unknown,
  UNKNOWN_MARKER,
  type GoMap,
} from './goValues';

export function toYaml(v: unknown): string {
  if (v instanceof Unknown) return UNKNOWN_MARKER;
  const plain = toPlain(v);
  if (plain === null || plain === undefined) return 'null';
  const text = stringify(plain, {
    lineWidth: 0,
    indentSeq: false,
    sortMapEntries: (a, b) => {
      const x = String(a.key);
      const y = String(b.key);
      return x < y ? -1 : x > y ? 1 : 0;
    },
    version: '1.1',
    defaultStringType: 'PLAIN',
    defaultKeyType: 'PLAIN',
    nullStr: 'null',
    aliasDuplicateObjects: false,
  });
  return text.replace(/\n$/, '');
}

const MAX_YAML = 5_000_000;

function parseFirst(text: string): { value?: unknown; error?: string } {
  if (text.length > MAX_YAML) return { error: 'document too large' };
  try {
    const doc = parseDocument(text, {
      version: '1.1',
      uniqueKeys: false,
      merge: true,
    });
    if (doc.errors.length)
      return {
        error: `error converting YAML to JSON: ${
          doc.errors[0].message.split('\n')[0]
        }`,
      };
    if (!text.endsWith('\n')) unbreakFinalBlockScalar(doc, text);
    return { value: normalise(doc.toJS({ maxAliasCount: 1000 })) };
  } catch (e) {
    return {
      error: `error converting YAML to JSON: ${
        (e as Error).message.split('\n')[0]
      }`,
    };
  }
}

/**
 * A literal or folded block scalar that runs to the end of a text without
 * a final line break ends without one in Go's YAML parser (there is no
 * break to keep), where the JavaScript parser adds one: `include` output
 * is often trimmed before `fromYaml`, so a multi-line value last in the
 * text would otherwise gain a newline.
 */
function unbreakFinalBlockScalar(doc: Document, text: string) {
  visit(doc, {
    Scalar(_key, node) {
      if (
        (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') &&
        node.range?.[1] === text.length &&
        typeof node.value === 'string' &&
        node.value.endsWith('\n') &&
        !/^[|>][1-9]?-/.test(text.slice(node.range[0]))
      )
        node.value = node.value.slice(0, -1);
    },
  });
}

/** JSON-compatible values (Helm's YAML goes through JSON): numbers are float64, keys strings. */
function normalise(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(normalise);
  if (v instanceof Map) {
    const out: GoMap = {};
    for (const [k, x] of v) out[String(k)] = normalise(x);
    return out;
  }
  if (v && typeof v === 'object') {
    const out: GoMap = {};
    for (const k of Object.keys(v)) out[k] = normalise((v as GoMap)[k]);
    return out;
  }
  return v;
}

export function fromYaml(text: string): GoMap {
  const r = parseFirst(text);
  if (r.error) return { Error: r.error };
  if (r.value === null) return {};
  if (!isMap(r.value))
    return {
      Error: `error unmarshaling JSON: json: cannot unmarshal ${
        Array.isArray(r.value) ? 'array' : typeof r.value
      } into Go value of type map[string]interface {}`,
    };
  return r.value;
}

export function fromYamlArray(text: string): unknown[] {
  const r = parseFirst(text);
  if (r.error) return [r.error];
  if (r.value === null) return [];
  if (!Array.isArray(r.value))
    return [
      'error unmarshaling JSON: json: cannot unmarshal object into Go value of type []interface {}',
    ];
  return r.value;
}

export function fromJson(text: string): GoMap {
  try {
    const v = JSON.parse(text);
    if (!isMap(v))
      return {
        Error:
          'json: cannot unmarshal into Go value of type map[string]interface {}',
      };
    return v;
  } catch (e) {
    return { Error: (e as Error).message };
  }
}

export function fromJsonArray(text: string): unknown[] {
  try {
    const v = JSON.parse(text);
    if (!Array.isArray(v))
      return [
        'json: cannot unmarshal object into Go value of type []interface {}',
      ];
    return v;
  } catch (e) {
    return [(e as Error).message];
  }
}

function tomlValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean')
    return String(v);
  if (Array.isArray(v)) return `[${v.map(tomlValue).join(', ')}]`;
  return '""';
}

/** Helm's toToml for maps of scalars, lists and tables. */
export function toToml(v: unknown): string {
  const plain = toPlain(v);
  if (!isMap(plain)) return '';
  const lines: string[] = [];
  const table = (m: GoMap, prefix: string) => {
    const keys = sortedKeys(m);
    for (const k of keys)
      if (!isMap(m[k]) && m[k] !== null)
        lines.push(`${prefix ? '  ' : ''}${k} = ${tomlValue(m[k])}`);
    for (const k of keys) {
      if (!isMap(m[k])) continue;
      const name = prefix ? `${prefix}.${k}` : k;
      lines.push('', `[${name}]`);
      table(m[k] as GoMap, name);
    }
  };
  table(plain, '');
  return `${lines.join('\n').replace(/^\n/, '')}\n`;
}
