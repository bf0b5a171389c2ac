/* eslint-disable no-loop-func -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/* time.Parse over Go layouts, in UTC unless the text names an offset. */

import { GoTime, tokenize, MONTHS, DAYS } from './layout';

/** Date.UTC, without its reading of years 0 to 99 as 1900 to 1999. */
function utc(y: number, mo: number, d: number, h = 0, mi = 0, sec = 0): number {
  const t = Date.UTC(y, mo, d, h, mi, sec);
  if (y < 0 || y > 99) return t;
  const x = new Date(t);
  x.setUTCFullYear(x.getUTCFullYear() - 1900);
  return x.getTime();
}

const abbreviated = (names: readonly string[]) =>
  names.map(m => m.slice(0, 3)).join('|');

/** What each element of a layout matches (fractional seconds, `.000` or `.999`, apart). */
const PATTERNS = new Map<string, string>([
  ['January', MONTHS.join('|')],
  ['Jan', abbreviated(MONTHS)],
  ['Monday', DAYS.join('|')],
  ['Mon', abbreviated(DAYS)],
  ['2006', '\\d{4}'],
  ...['06', '01', '02', '15', '03', '04', '05'].map((t): [string, string] => [
    t,
    '\\d{2}',
  ]),
  ...['1', '2', '3', '4', '5'].map((t): [string, string] => [t, '\\d{1,2}']),
  ['_2', ' ?\\d{1,2}'],
  ['002', '\\d{3}'],
  ['PM', 'AM|PM|am|pm'],
  ['pm', 'AM|PM|am|pm'],
  ['MST', '[A-Z]{3,4}'],
  ['Z07:00', 'Z|[+-]\\d{2}:\\d{2}'],
  ['Z0700', 'Z|[+-]\\d{4}'],
  ['-07:00', '[+-]\\d{2}:\\d{2}'],
  ['-0700', '[+-]\\d{4}'],
  ['-07', '[+-]\\d{2}'],
]);

export function parseTime(layout: string, value: string): GoTime {
  let re = '^';
  const fields: string[] = [];
  for (const tok of tokenize(layout)) {
    const pattern =
      PATTERNS.get(tok) ?? (/^\.[09]+$/.test(tok) ? '(?:\\.\\d+)?' : undefined);
    if (pattern === undefined) {
      re += tok.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    fields.push(tok);
    re += `(${pattern})`;
  }
  const m = new RegExp(`${re}$`).exec(value);
  if (!m)
    throw new Error(`parsing time "${value}" as "${layout}": cannot parse`);
  let year = 1;
  let month = 1;
  let day = 1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nanos = 0;
  let pm: boolean | undefined;
  let offset = 0;
  fields.forEach((tok, i) => {
    const v = m[i + 1];
    switch (tok) {
      case 'January':
        month = MONTHS.indexOf(v) + 1;
        break;
      case 'Jan':
        month = MONTHS.findIndex(x => x.startsWith(v)) + 1;
        break;
      case '2006':
        year = Number(v);
        break;
      case '06':
        year = 1900 + Number(v) + (Number(v) < 69 ? 100 : 0);
        break;
      case '01':
      case '1':
        month = Number(v);
        break;
      case '02':
      case '2':
      case '_2':
        day = Number(v.trim());
        break;
      case '15':
      case '03':
      case '3':
        hour = Number(v);
        break;
      case '04':
      case '4':
        min = Number(v);
        break;
      case '05':
      case '5':
        sec = Number(v);
        break;
      case 'PM':
      case 'pm':
        pm = /pm/i.test(v);
        break;
      case 'Z07:00':
      case 'Z0700':
      case '-07:00':
      case '-0700':
      case '-07': {
        if (v !== 'Z') {
          const digits = v.replace(':', '');
          offset =
            (Number(digits.slice(1, 3)) * 60 +
              Number(digits.slice(3, 5) || 0)) *
            (v[0] === '-' ? -1 : 1);
        }
        break;
      }
      default:
        if (/^[.,][09]+$/.test(tok) && v)
          nanos = Number(v.slice(1).padEnd(9, '0').slice(0, 9));
    }
  });
  if (pm !== undefined) hour = (hour % 12) + (pm ? 12 : 0);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > new Date(utc(year, month, 0)).getUTCDate() ||
    hour > 23 ||
    min > 59 ||
    sec > 59
  )
    throw new Error(`parsing time "${value}": value out of range`);
  const ms =
    utc(year, month - 1, day, hour, min, sec) -
    offset * 60_000 +
    Math.floor(nanos / 1_000_000);
  return { ms, nanos: nanos % 1_000_000 };
}
