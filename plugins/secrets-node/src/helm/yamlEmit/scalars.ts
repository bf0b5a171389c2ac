/* How yaml.v2 resolves a plain scalar (numbers, booleans, null, timestamps), so a string that would read back as another type is quoted. */

import { formatFloatG } from '../goValues';

/* ---------- the JSON round trip ---------- */
/** encoding/json's text of a float64. */
export function goJsonNumber(f: number): string {
  if (Object.is(f, -0)) return '-0';
  // strconv's shortest digits, positional below 1e21 and from 1e-6 (as JavaScript writes them)
  return String(f);
}

const INT64_MAX = 2n ** 63n - 1n;

const INT64_MIN = -(2n ** 63n);

const UINT64_MAX = 2n ** 64n - 1n;

/** A number as yaml.v2 writes it after reading its JSON text back. */
export function yamlNumber(v: number | bigint): string {
  const text = typeof v === 'bigint' ? v.toString() : goJsonNumber(v);
  if (/^-?[0-9]+$/.test(text)) {
    const n = BigInt(text);
    if ((n >= INT64_MIN && n <= INT64_MAX) || (n >= 0n && n <= UINT64_MAX))
      return n.toString();
  }
  const f = Number(text);
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  return formatFloatG(f);
}

/* ---------- yaml.v2's resolver: would a plain scalar read back as a string? ---------- */
const RESOLVED = new Set([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'],
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off'],
  ...['OFF', '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN'],
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf'],
  // ("<<" is in yaml.v2's table too, but its first character gives no hint, so it stays a string)
  ...['-.INF'],
]);

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

export const BASE60_FLOAT =
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** strconv.ParseFloat's syntax (decimal, hex, inf/nan, underscores only with a base prefix). */
function goParsesFloat(s: string): boolean {
  return (
    /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ||
    /^[+-]?(inf|infinity|nan)$/i.test(s) ||
    /^[+-]?0[xX](_?[0-9a-fA-F])*(\.[0-9a-fA-F]*)?[pP][+-]?\d+$/.test(s)
  );
}

/** strconv.ParseInt / ParseUint with base 0, within 64 bits. */
function goParsesInt(s: string): boolean {
  const m =
    /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(
      s,
    );
  if (!m) return false;
  let body = m[2];
  if (/^0[0-7]+$/.test(body)) body = `0o${body.slice(1)}`;
  const n = BigInt(body);
  if (m[1] === '-') return -n >= INT64_MIN;
  return n <= UINT64_MAX && (m[1] !== '+' || n <= INT64_MAX);
}

function daysIn(y: number, m: number) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** yaml.v2's parseTimestamp over its four layouts. */
function isTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])|( ))(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(
      s,
    );
  if (!m) return false;
  const [, y, mo, d, t, sp, h, mi, se, , zone] = m;
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > daysIn(+y, +mo)) return false;
  if (h === undefined) return true;
  if (+h > 23 || +mi > 59 || +se > 59) return false;
  if (t) return zone !== undefined;
  return sp !== undefined && zone === undefined;
}

export function resolvesToString(s: string): boolean {
  if (RESOLVED.has(s)) return false;
  const c = s[0];
  if (c === '.') return !goParsesFloat(s);
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (isTimestamp(s)) return false;
    const plain = s.replace(/_/g, '');
    if (goParsesInt(plain)) return false;
    if (YAML_FLOAT.test(plain)) return false;
    if (/^-?0b[01]+$/.test(plain)) return false;
  }
  return true;
}
