/* eslint-disable @typescript-eslint/no-use-before-define, no-loop-func, no-nested-ternary -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/*
 * sprig's deterministic date functions (`toDate`, `date`, `dateInZone`,
 * `dateModify`, `unixEpoch`, `duration`, ...) over times in UTC. `now` and
 * `ago` depend on the clock and stay unknown at render time.
 */
import { GoObject } from './goValues';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/** Tokens of Go's reference layout, longest first. */
const TOKENS = [
  'January',
  'Monday',
  '2006',
  'Z07:00',
  'Z0700',
  '-07:00',
  '-0700',
  'Jan',
  'Mon',
  'MST',
  '.000000000',
  '.999999999',
  '.000000',
  '.999999',
  '.000',
  '.999',
  '002',
  '__2',
  '01',
  '02',
  '_2',
  '03',
  '04',
  '05',
  '06',
  '15',
  '-07',
  'PM',
  'pm',
  '1',
  '2',
  '3',
  '4',
  '5',
];

function tokenize(layout: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < layout.length) {
    // fractional seconds: "." or "," then a run of 0s or 9s not followed by a digit
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      out.push(frac[0]);
      i += frac[0].length;
      continue;
    }
    const t = TOKENS.find(x => layout.startsWith(x, i));
    if (t) {
      out.push(t);
      i += t.length;
    } else {
      out.push(layout[i]);
      i++;
    }
  }
  return out;
}

interface GoTime {
  ms: number;
  nanos: number;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function formatTime(t: GoTime, layout: string): string {
  const d = new Date(t.ms);
  const frac = pad(d.getUTCMilliseconds() * 1_000_000 + t.nanos, 9);
  return tokenize(layout)
    .map(tok => {
      switch (tok) {
        case 'January':
          return MONTHS[d.getUTCMonth()];
        case 'Jan':
          return MONTHS[d.getUTCMonth()].slice(0, 3);
        case 'Monday':
          return DAYS[d.getUTCDay()];
        case 'Mon':
          return DAYS[d.getUTCDay()].slice(0, 3);
        case '2006':
          return pad(d.getUTCFullYear(), 4);
        case '06':
          return pad(d.getUTCFullYear() % 100, 2);
        case '01':
          return pad(d.getUTCMonth() + 1, 2);
        case '1':
          return String(d.getUTCMonth() + 1);
        case '02':
          return pad(d.getUTCDate(), 2);
        case '2':
          return String(d.getUTCDate());
        case '_2':
          return String(d.getUTCDate()).padStart(2, ' ');
        case '002': {
          const start = Date.UTC(d.getUTCFullYear(), 0, 1);
          return pad(Math.floor((t.ms - start) / 86_400_000) + 1, 3);
        }
        case '15':
          return pad(d.getUTCHours(), 2);
        case '03':
          return pad(d.getUTCHours() % 12 || 12, 2);
        case '3':
          return String(d.getUTCHours() % 12 || 12);
        case '04':
          return pad(d.getUTCMinutes(), 2);
        case '4':
          return String(d.getUTCMinutes());
        case '05':
          return pad(d.getUTCSeconds(), 2);
        case '5':
          return String(d.getUTCSeconds());
        case 'PM':
          return d.getUTCHours() >= 12 ? 'PM' : 'AM';
        case 'pm':
          return d.getUTCHours() >= 12 ? 'pm' : 'am';
        case 'MST':
          return 'UTC';
        case 'Z07:00':
        case 'Z0700':
          return 'Z';
        case '-07:00':
          return '+00:00';
        case '-0700':
          return '+0000';
        case '-07':
          return '+00';
        default:
          if (/^[.,]0+$/.test(tok))
            return `${tok[0]}${frac.slice(0, tok.length - 1)}`;
          if (/^[.,]9+$/.test(tok)) {
            const f = frac.slice(0, tok.length - 1).replace(/0+$/, '');
            return f ? `${tok[0]}${f}` : '';
          }
          return tok;
      }
    })
    .join('');
}

/** Date.UTC, without its reading of years 0 to 99 as 1900 to 1999. */
function utc(y: number, mo: number, d: number, h = 0, mi = 0, sec = 0): number {
  const t = Date.UTC(y, mo, d, h, mi, sec);
  if (y < 0 || y > 99) return t;
  const x = new Date(t);
  x.setUTCFullYear(x.getUTCFullYear() - 1900);
  return x.getTime();
}

export function parseTime(layout: string, value: string): GoTime {
  let re = '^';
  const fields: string[] = [];
  for (const tok of tokenize(layout)) {
    const group = (g: string) => {
      fields.push(tok);
      re += `(${g})`;
    };
    switch (tok) {
      case 'January':
        group(MONTHS.join('|'));
        break;
      case 'Jan':
        group(MONTHS.map(m => m.slice(0, 3)).join('|'));
        break;
      case 'Monday':
        group(DAYS.join('|'));
        break;
      case 'Mon':
        group(DAYS.map(m => m.slice(0, 3)).join('|'));
        break;
      case '2006':
        group('\\d{4}');
        break;
      case '06':
      case '01':
      case '02':
      case '15':
      case '03':
      case '04':
      case '05':
        group('\\d{2}');
        break;
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
        group('\\d{1,2}');
        break;
      case '_2':
        group(' ?\\d{1,2}');
        break;
      case '002':
        group('\\d{3}');
        break;
      case 'PM':
      case 'pm':
        group('AM|PM|am|pm');
        break;
      case 'MST':
        group('[A-Z]{3,4}');
        break;
      case 'Z07:00':
        group('Z|[+-]\\d{2}:\\d{2}');
        break;
      case 'Z0700':
        group('Z|[+-]\\d{4}');
        break;
      case '-07:00':
        group('[+-]\\d{2}:\\d{2}');
        break;
      case '-0700':
        group('[+-]\\d{4}');
        break;
      case '-07':
        group('[+-]\\d{2}');
        break;
      default:
        if (/^\.[09]+$/.test(tok)) group('(?:\\.\\d+)?');
        else re += tok.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
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

export function timeObject(t: GoTime): GoObject {
  return new GoObject(
    'time.Time',
    {},
    {
      Unix: () => BigInt(Math.floor(t.ms / 1000)),
      UnixNano: () =>
        BigInt(Math.floor(t.ms / 1000)) * 1_000_000_000n +
        BigInt((t.ms % 1000) * 1_000_000 + t.nanos),
      Year: () => BigInt(new Date(t.ms).getUTCFullYear()),
      Day: () => BigInt(new Date(t.ms).getUTCDate()),
      Hour: () => BigInt(new Date(t.ms).getUTCHours()),
      Minute: () => BigInt(new Date(t.ms).getUTCMinutes()),
      Second: () => BigInt(new Date(t.ms).getUTCSeconds()),
      Format: (layout: unknown) => formatTime(t, String(layout)),
      UTC: () => timeObject(t),
      String: () => formatTime(t, '2006-01-02 15:04:05.999999999 -0700 MST'),
    },
    () => formatTime(t, '2006-01-02 15:04:05.999999999 -0700 MST'),
  );
}

const TIMES = new WeakMap<GoObject, GoTime>();

function makeTime(t: GoTime): GoObject {
  const o = timeObject(t);
  TIMES.set(o, t);
  return o;
}

function asTime(v: unknown): GoTime {
  if (v instanceof GoObject && TIMES.has(v)) return TIMES.get(v)!;
  if (typeof v === 'bigint') return { ms: Number(v) * 1000, nanos: 0 };
  // sprig: anything else formats the current time, which is not deterministic
  throw new UnknownTime();
}

export class UnknownTime extends Error {}

const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Go's time.ParseDuration, in nanoseconds. */
export function parseDuration(s: string): number {
  const m = /^([+-])?((?:[0-9]*\.?[0-9]+(?:ns|us|µs|ms|s|m|h))+|0)$/.exec(s);
  if (!m) throw new Error(`time: invalid duration "${s}"`);
  if (m[2] === '0') return 0;
  let total = 0;
  for (const part of m[2].matchAll(/([0-9]*\.?[0-9]+)(ns|us|µs|ms|s|m|h)/g))
    total += Number(part[1]) * UNITS[part[2]];
  return m[1] === '-' ? -total : total;
}

/** Go's time.Duration.String. */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let d = Math.abs(ns);
  let out: string;
  if (d < 1e9) {
    if (d < 1e3) out = `${d}ns`;
    else if (d < 1e6) out = `${trimFloat(d / 1e3)}µs`;
    else out = `${trimFloat(d / 1e6)}ms`;
  } else {
    const h = Math.floor(d / 3600e9);
    d -= h * 3600e9;
    const min = Math.floor(d / 60e9);
    d -= min * 60e9;
    const sec = trimFloat(d / 1e9);
    out = `${h ? `${h}h` : ''}${h || min ? `${min}m` : ''}${sec}s`;
  }
  return neg ? `-${out}` : out;
}

function trimFloat(n: number): string {
  return String(Number(n.toFixed(9)));
}

type Maker = (
  params: string,
  fn: (...a: any[]) => unknown,
  structural?: boolean,
) => any;

export function dateFunctions(S: Maker): Record<string, unknown> {
  const date = (fmt: string, v: unknown) => formatTime(asTime(v), fmt);
  const zoned = (fmt: string, v: unknown, zone: string) => {
    if (zone !== 'UTC' && zone !== 'Etc/UTC' && zone !== '')
      throw new UnknownTime();
    return formatTime(asTime(v), fmt);
  };
  const toDate = (layout: string, value: string) => {
    try {
      return makeTime(parseTime(layout, value));
    } catch {
      return makeTime({
        // Go's zero time, 0001-01-01 (Date.UTC reads years below 100 as 19xx)
        ms: new Date(Date.UTC(2000, 0, 1)).setUTCFullYear(1),
        nanos: 0,
      });
    }
  };
  const mustToDate = (layout: string, value: string) =>
    makeTime(parseTime(layout, value));
  const modify = (must: boolean) => (fmt: string, v: unknown) => {
    const t = asTime(v);
    try {
      const ns = parseDuration(fmt);
      return makeTime({ ms: t.ms + Math.trunc(ns / 1e6), nanos: t.nanos });
    } catch (e) {
      if (must) throw e;
      return makeTime(t);
    }
  };
  // sprig's duration takes a decimal string or an integer; anything else is 0s
  const dur = (v: unknown) => {
    const secs =
      typeof v === 'bigint'
        ? Number(v)
        : typeof v === 'string' && /^[+-]?[0-9]+$/.test(v)
        ? Number(v)
        : 0;
    return formatDuration(secs * 1e9);
  };
  return {
    date: S('aa', date, true),
    dateInZone: S('aas', zoned, true),
    date_in_zone: S('aas', zoned, true),
    htmlDate: S('a', (v: unknown) => formatTime(asTime(v), '2006-01-02'), true),
    htmlDateInZone: S(
      'as',
      (v: unknown, z: string) => zoned('2006-01-02', v, z),
      true,
    ),
    toDate: S('ss', toDate),
    mustToDate: S('ss', mustToDate),
    dateModify: S('sa', modify(false), true),
    date_modify: S('sa', modify(false), true),
    mustDateModify: S('sa', modify(true), true),
    must_date_modify: S('sa', modify(true), true),
    unixEpoch: S(
      'a',
      (v: unknown) => String(Math.floor(asTime(v).ms / 1000)),
      true,
    ),
    duration: S('a', dur),
    durationRound: S('a', (v: unknown) => {
      let ns: number;
      if (typeof v === 'string') {
        try {
          ns = parseDuration(v);
        } catch {
          ns = 0;
        }
      } else ns = typeof v === 'bigint' ? Number(v) : 0;
      const d = Math.abs(ns);
      const u = [
        [365 * 24 * 3600e9, 'y'],
        [30 * 24 * 3600e9, 'mo'],
        [24 * 3600e9, 'd'],
        [3600e9, 'h'],
        [60e9, 'm'],
        [1e9, 's'],
      ] as const;
      for (const [size, name] of u)
        if (d > size) return `${Math.floor(d / size)}${name}`;
      return '0s';
    }),
  };
}
