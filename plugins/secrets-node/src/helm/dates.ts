/* eslint-disable @typescript-eslint/no-use-before-define, no-nested-ternary -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/*
 * sprig's deterministic date functions (`toDate`, `date`, `dateInZone`,
 * `dateModify`, `unixEpoch`, `duration`, ...) over times in UTC. `now` and
 * `ago` depend on the clock and stay unknown at render time.
 */
import { formatDuration, parseDuration } from './dates/durations';
import { formatTime, GoTime } from './dates/layout';
import { parseTime } from './dates/parse';
import { GoObject } from './goValues';
import { S, type Spec } from './sprig/spec';

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

export function dateFunctions(): Record<string, Spec> {
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
