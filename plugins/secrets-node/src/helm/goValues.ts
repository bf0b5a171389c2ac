/*
 * The Go value model the template evaluator works on, and Go's fmt
 * formatting of it.
 *
 * - `undefined`: no value (an invalid reflect.Value); prints as nothing
 * - `null`: nil
 * - `bigint`: a Go integer (template constants, `len`, `add`, `int`, ...)
 * - `number`: a Go float64 (every number read from values, as in Helm)
 * - string, boolean, arrays (slices), plain objects (map[string]interface{})
 * - `Unknown`: a value only known at install time
 * - `GoObject`: a struct with fields and methods (`.Files`, `.Capabilities`)
 */

/** Text that stands for a value only known in the cluster. */
export const UNKNOWN_MARKER = '__helm_unknown__';

export class Unknown {
  constructor(readonly why: string) {}
  toString() {
    return UNKNOWN_MARKER;
  }
}

/** A Go struct: named fields and methods. */
export class GoObject {
  /** What `range`, `len` and `index` see, for struct-like maps (`.Files`). */
  entries?: () => GoMap;
  constructor(
    readonly typeName: string,
    readonly fields: Record<string, unknown>,
    readonly methods: Record<string, (...args: unknown[]) => unknown> = {},
    /** What fmt prints for it (a String() method), when it has one. */
    readonly str?: () => string,
  ) {}
}

export type GoMap = Record<string, unknown>;

export function isMap(v: unknown): v is GoMap {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Unknown) &&
    !(v instanceof GoObject) &&
    !(v instanceof Uint8Array)
  );
}

export const hasOwn = (m: object, k: string) =>
  Object.prototype.hasOwnProperty.call(m, k);

/** Map keys in Go's order (byte-wise). */
export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort(compareStrings);
}

export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** text/template's notion of truth. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false;
  if (v instanceof Unknown || v instanceof GoObject) return true;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Uint8Array) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/** Go's strconv.FormatFloat(f, 'g', -1, 64). */
export function formatFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, expText] = f.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    // Go: %e with shortest digits and a two-digit exponent
    const e = Math.abs(exp);
    return `${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  return formatFixedShortest(f);
}

/** fmt's %v for floats: %g with the shortest digits. */
export const formatFloatV = formatFloatG;

export function formatFixedShortest(f: number): string {
  // shortest round-trip digits in positional notation
  const s = String(f);
  if (!/e/.test(s)) return s;
  const [mant, expText] = s.split('e');
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const point = (mant.replace('-', '').indexOf('.') + 1 || 2) - 1 + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length)
    out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return neg ? `-${out}` : out;
}

/** fmt's %v of a value. */
export function fmtValue(v: unknown, nested = false): string {
  if (v === undefined || v === null) return '<nil>';
  if (v instanceof Unknown) return UNKNOWN_MARKER;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return formatFloatV(v);
  if (typeof v === 'function') return '0x0';
  if (v instanceof Uint8Array) return `[${[...v].join(' ')}]`;
  if (Array.isArray(v)) return `[${v.map(x => fmtValue(x, true)).join(' ')}]`;
  if (v instanceof GoObject) {
    if (v.str) return v.str();
    return `{${Object.values(v.fields)
      .map(x => fmtValue(x, true))
      .join(' ')}}`;
  }
  if (isMap(v)) {
    return `map[${sortedKeys(v)
      .map(k => `${k}:${fmtValue(v[k], true)}`)
      .join(' ')}]`;
  }
  void nested;
  return String(v);
}

/** The reflect kind of a scalar (`invalid` for nil); undefined for a slice, map, object or function. */
export function scalarKind(
  v: unknown,
): 'invalid' | 'bool' | 'int' | 'float64' | 'string' | undefined {
  if (v === null || v === undefined) return 'invalid';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  return undefined;
}

/** Go's reflect kind names, as `kindOf` reports them. */
export function goKind(v: unknown): string {
  if (Array.isArray(v)) return 'slice';
  if (v instanceof Uint8Array) return 'slice';
  if (v instanceof GoObject)
    return v.typeName.startsWith('*') ? 'ptr' : 'struct';
  if (isMap(v)) return 'map';
  if (typeof v === 'function') return 'func';
  return scalarKind(v) ?? 'string';
}

/** Slices and maps sprig builds as `[]string` and `map[string]string` (typed for `typeOf`). */
const STRING_SLICES = new WeakSet<object>();
const STRING_MAPS = new WeakSet<object>();
export function stringSlice<T extends string[]>(xs: T): T {
  STRING_SLICES.add(xs);
  return xs;
}
export function stringMap<T extends Record<string, string>>(m: T): T {
  STRING_MAPS.add(m);
  return m;
}

/** Go's type names, as `typeOf` reports them. */
export function goType(v: unknown): string {
  if (Array.isArray(v))
    return STRING_SLICES.has(v) ? '[]string' : '[]interface {}';
  if (isMap(v) && STRING_MAPS.has(v)) return 'map[string]string';
  if (v instanceof Uint8Array) return '[]uint8';
  if (v instanceof GoObject) return v.typeName;
  if (isMap(v)) return 'map[string]interface {}';
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  return 'string';
}

/** A JSON-compatible copy (bigints become numbers, unknowns the marker). */
export function toPlain(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Unknown) return UNKNOWN_MARKER;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof GoObject) {
    const out: GoMap = {};
    for (const [k, x] of Object.entries(v.fields)) out[k] = toPlain(x);
    return out;
  }
  if (isMap(v)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) out[k] = toPlain(v[k]);
    return out;
  }
  if (typeof v === 'function') return null;
  return v;
}

/** A value encoding/json cannot write (NaN or an infinity). */
export class JsonUnsupported extends Error {}

/** encoding/json's text of a float64. */
function jsonNumber(f: number): string {
  if (!Number.isFinite(f))
    throw new JsonUnsupported(`json: unsupported value: ${formatFloatG(f)}`);
  if (Object.is(f, -0)) return '-0';
  // strconv's shortest digits, positional below 1e21 and from 1e-6 (as JavaScript writes them)
  return String(f);
}

function jsonString(s: string, escapeHtml: boolean): string {
  let out = JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  if (escapeHtml)
    out = out
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026');
  return out;
}

function jsonValue(
  v: unknown,
  indent: string,
  escapeHtml: boolean,
  depth: number,
): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return jsonString(v, escapeHtml);
  if (typeof v === 'number') return jsonNumber(v);
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  const nl = indent ? `\n${indent.repeat(depth + 1)}` : '';
  const close = indent ? `\n${indent.repeat(depth)}` : '';
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return `[${v
      .map(x => nl + jsonValue(x, indent, escapeHtml, depth + 1))
      .join(',')}${close}]`;
  }
  const m = v as GoMap;
  // maps are written with sorted keys; structs in field order
  const keys = isMap(v) ? sortedKeys(m) : Object.keys(m);
  if (!keys.length) return '{}';
  return `{${keys
    .map(
      k =>
        `${nl}${jsonString(k, escapeHtml)}:${indent ? ' ' : ''}${jsonValue(
          m[k],
          indent,
          escapeHtml,
          depth + 1,
        )}`,
    )
    .join(',')}${close}}`;
}

/** Go's encoding/json Marshal (sorted keys, HTML-safe escaping); throws JsonUnsupported. */
export function goJson(v: unknown, indent = '', escapeHtml = true): string {
  const plain = v instanceof GoObject ? toPlain(v) : toPlainKeepInts(v);
  return jsonValue(plain, indent, escapeHtml, 0);
}

/** toPlain, keeping integers exact. */
export function toPlainKeepInts(v: unknown): unknown {
  if (typeof v === 'bigint') return v;
  if (Array.isArray(v)) return v.map(toPlainKeepInts);
  if (isMap(v)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) out[k] = toPlainKeepInts(v[k]);
    return out;
  }
  return toPlain(v);
}

/** Sorts the keys of every map, recursively (Go maps have no order). */
export function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (isMap(v)) {
    const out: GoMap = {};
    for (const k of sortedKeys(v)) out[k] = sortDeep(v[k]);
    return out;
  }
  return v;
}

/** A deep copy of plain data (maps and slices). */
export function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (isMap(v)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) out[k] = deepCopy(v[k]);
    return out;
  }
  return v;
}
