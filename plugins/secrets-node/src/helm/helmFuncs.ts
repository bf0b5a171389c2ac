/* eslint-disable no-nested-ternary -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/*
 * Helm's own conversion functions: toYaml (keys sorted, sequences not
 * indented, as Helm's YAML encoder writes them), fromYaml / fromYamlArray
 * (YAML 1.1 scalars, numbers as float64, errors as an `Error` key),
 * fromJson / fromJsonArray and toToml.
 */
import { type Document, parseAllDocuments, visit } from 'yaml';
import { yamlV2 } from './yamlEmit';
import {
  compareStrings,
  formatFixedShortest,
  formatFloatG,
  isMap,
  JsonUnsupported,
  toPlainKeepInts,
  Unknown,
  UNKNOWN_MARKER,
  type GoMap,
} from './goValues';
import { escapeChars } from './escapeChars';

/** Helm's toYaml; what encoding/json refuses (NaN, infinities) writes nothing. */
export function toYaml(v: unknown): string {
  if (v instanceof Unknown) return UNKNOWN_MARKER;
  try {
    return yamlV2(v);
  } catch (e) {
    if (e instanceof JsonUnsupported) return '';
    throw e;
  }
}

/** Helm's mustToYaml: the encoding error fails the template. */
export function mustToYaml(v: unknown): string {
  if (v instanceof Unknown) return UNKNOWN_MARKER;
  return yamlV2(v);
}

const MAX_YAML = 5_000_000;

/** What yaml.v2's reader refuses before parsing. */
function hasControlCharacters(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (
      !(
        c === 0x09 ||
        c === 0x0a ||
        c === 0x0d ||
        (c >= 0x20 && c <= 0x7e) ||
        c === 0x85 ||
        (c >= 0xa0 && c <= 0xd7ff) ||
        (c >= 0xe000 && c <= 0xfffd) ||
        c >= 0x10000
      )
    )
      return true;
  }
  return false;
}

function parseFirst(text: string): { value?: unknown; error?: string } {
  if (text.length > MAX_YAML) return { error: 'document too large' };
  // a line starting with % opens a directive: yaml.v2 knows only %YAML and %TAG
  if (/^%/.test(text) && !/^%(YAML|TAG)[ \t]/.test(text))
    return {
      error:
        'error converting YAML to JSON: yaml: found unknown directive name',
    };
  if (hasControlCharacters(text))
    return {
      error:
        'error converting YAML to JSON: yaml: control characters are not allowed',
    };
  try {
    // yaml.Unmarshal reads the first document
    const doc = parseAllDocuments(text, {
      version: '1.1',
      uniqueKeys: false,
      merge: true,
      // the library's warnings quote the text, which may hold values
      logLevel: 'error',
    });
    if (!Array.isArray(doc)) return { value: null };
    return firstDocument(doc[0], text);
  } catch (e) {
    return {
      error: `error converting YAML to JSON: ${
        (e as Error).message.split('\n')[0]
      }`,
    };
  }
}

function firstDocument(
  doc: Document | undefined,
  text: string,
): {
  value?: unknown;
  error?: string;
} {
  if (!doc) return { value: null };
  try {
    if (doc.errors.length)
      return {
        error: `error converting YAML to JSON: ${
          doc.errors[0].message.split('\n')[0]
        }`,
      };
    if (!text.endsWith('\n')) unbreakFinalBlockScalar(doc, text);
    const value = normalise(doc.toJS({ maxAliasCount: 1000 }));
    // the conversion to JSON refuses infinities and NaN
    const bad = nonFinite(value);
    if (bad !== undefined)
      return {
        error: `error converting YAML to JSON: json: unsupported value: ${formatFloatG(
          bad,
        )}`,
      };
    return { value };
  } catch (e) {
    return {
      error: `error converting YAML to JSON: ${
        (e as Error).message.split('\n')[0]
      }`,
    };
  }
}

function nonFinite(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : v;
  const xs = Array.isArray(v) ? v : isMap(v) ? Object.values(v) : [];
  for (const x of xs) {
    const bad = nonFinite(x);
    if (bad !== undefined) return bad;
  }
  return undefined;
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
      Error: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(
        r.value,
      )} into Go value of type map[string]interface {}`,
    };
  return r.value;
}

export function fromYamlArray(text: string): unknown[] {
  const r = parseFirst(text);
  if (r.error) return [r.error];
  if (r.value === null) return [];
  if (!Array.isArray(r.value))
    return [
      'error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}',
    ];
  return r.value;
}

/** encoding/json's name for the JSON kind of a decoded value. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  return 'object';
}

export function fromJson(text: string): GoMap {
  try {
    const v = JSON.parse(text);
    if (v === null) return {};
    if (!isMap(v))
      return {
        Error: `json: cannot unmarshal ${jsonKind(
          v,
        )} into Go value of type map[string]interface {}`,
      };
    return v;
  } catch (e) {
    return { Error: (e as Error).message };
  }
}

export function fromJsonArray(text: string): unknown[] {
  try {
    const v = JSON.parse(text);
    if (v === null) return [];
    if (!Array.isArray(v))
      return [
        `json: cannot unmarshal ${jsonKind(
          v,
        )} into Go value of type []interface {}`,
      ];
    return v;
  } catch (e) {
    return [(e as Error).message];
  }
}

/* ---------- toToml: BurntSushi/toml's encoder over plain values ---------- */

class TomlError extends Error {}

const TOML_NAMED = new Map([
  ['"', '\\"'],
  ['\\', '\\\\'],
  ['\b', '\\b'],
  ['\t', '\\t'],
  ['\n', '\\n'],
  ['\f', '\\f'],
  ['\r', '\\r'],
]);

const tomlString = (s: string): string =>
  `"${escapeChars(s, TOML_NAMED, cp => cp < 0x20 || cp === 0x7f)}"`;

const tomlKey = (k: string) =>
  k === '' ? '""' : /^[A-Za-z0-9_-]+$/.test(k) ? k : tomlString(k);

function isTable(v: unknown): boolean {
  return isMap(v) || isTableArray(v);
}

function isTableArray(v: unknown): boolean {
  if (!Array.isArray(v) || !v.length) return false;
  let all = true;
  for (const x of v) {
    if (x === null || x === undefined)
      throw new TomlError('toml: cannot encode array with nil element');
    if (!isMap(x)) all = false;
  }
  return all;
}

function tomlFloat(f: number): string {
  if (Number.isNaN(f)) return 'nan';
  if (!Number.isFinite(f)) return f < 0 ? '-inf' : '+inf';
  const t = formatFixedShortest(f);
  return t.includes('.') ? t : `${t}.0`;
}

class TomlWriter {
  out = '';

  newline() {
    if (this.out) this.out += '\n';
  }

  element(v: unknown): string {
    if (typeof v === 'string') return tomlString(v);
    if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
    if (typeof v === 'number') return tomlFloat(v);
    if (Array.isArray(v)) {
      isTableArray(v);
      return `[${v.map(x => this.element(x)).join(', ')}]`;
    }
    if (isMap(v)) return this.inline(v);
    throw new TomlError(`toml: unsupported type`);
  }

  inline(m: GoMap): string {
    const keys = Object.keys(m);
    const direct = keys.filter(k => !isTable(m[k])).sort(compareStrings);
    const sub = keys.filter(k => isTable(m[k])).sort(compareStrings);
    const parts = [...direct, ...sub]
      .filter(k => m[k] !== null && m[k] !== undefined)
      .map(k => `${tomlKey(k)} = ${this.element(m[k])}`);
    return `{${parts.join(', ')}}`;
  }

  indent(key: string[]) {
    return '  '.repeat(Math.max(0, key.length - 1));
  }

  keyValue(key: string[], v: unknown) {
    if (!key.length)
      throw new TomlError('toml: top-level values must be Go maps or structs');
    this.out += `${this.indent(key)}${tomlKey(
      key[key.length - 1],
    )} = ${this.element(v)}`;
    this.newline();
  }

  encode(key: string[], v: unknown) {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) {
      if (isTableArray(v)) {
        if (!key.length)
          throw new TomlError(
            'toml: top-level values must be Go maps or structs',
          );
        for (const x of v) {
          this.newline();
          this.out += `${this.indent(key)}[[${key.map(tomlKey).join('.')}]]`;
          this.newline();
          this.map(key, x as GoMap);
        }
      } else this.keyValue(key, v);
    } else if (isMap(v)) {
      if (key.length === 1) this.newline();
      if (key.length) {
        this.out += `${this.indent(key)}[${key.map(tomlKey).join('.')}]`;
        this.newline();
      }
      this.map(key, v);
    } else this.keyValue(key, v);
  }

  map(key: string[], m: GoMap) {
    const keys = Object.keys(m);
    const direct = keys.filter(k => !isTable(m[k])).sort(compareStrings);
    const sub = keys.filter(k => isTable(m[k])).sort(compareStrings);
    for (const k of [...direct, ...sub])
      if (m[k] !== null && m[k] !== undefined) this.encode([...key, k], m[k]);
  }
}

/** Helm's toToml: the TOML document, or the encoder's error as text. */
export function toToml(v: unknown): string {
  // the encoder cannot reflect on nil
  if (v === null || v === undefined)
    throw new Error('reflect: call of reflect.Value.Type on zero Value');
  const w = new TomlWriter();
  try {
    w.encode([], toPlainKeepInts(v));
  } catch (e) {
    if (e instanceof TomlError) return e.message;
    throw e;
  }
  return w.out;
}
