/* sprig's list functions. */

import { compareStrings, goKind, truthy, stringSlice } from '../goValues';
import { strval, strslice, toInt64 } from './conversions';
import { deepEqual } from './defaults';
import { Spec, S } from './spec';

function listOf(v: unknown, what: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return [...v].map(x => BigInt(x));
  throw new Error(`Cannot ${what} on type ${goKind(v)}`);
}

/** sprig's mustSlice: lists only, cast integer bounds, nil for an empty list. */
function sliceList(l: unknown, ix: unknown[]): unknown {
  if (l === null || l === undefined)
    throw new Error(
      'runtime error: invalid memory address or nil pointer dereference',
    );
  if (!Array.isArray(l))
    throw new Error(`list should be type of slice or array but ${goKind(l)}`);
  if (!l.length) return null;
  const start = ix.length > 0 ? Number(toInt64(ix[0])) : 0;
  const end = ix.length > 1 ? Number(toInt64(ix[1])) : l.length;
  if (start < 0 || end > l.length || start > end)
    throw new Error(`reflect: slice index out of range`);
  return l.slice(start, end);
}

function inList(list: unknown[], x: unknown): boolean {
  return list.some(y => deepEqual(x, y));
}

/* Functions sprig registers under several names (list and tuple, append and push, the must- forms of the list functions): one spec serves every name. */
const compactSpec = S(
  'a',
  (l: unknown) => listOf(l, 'compact').filter(truthy),
  true,
);
const sliceSpec = S(
  'aa*',
  (l: unknown, ...ix: unknown[]) => sliceList(l, ix),
  true,
);
const tupleSpec = S('a*', (...v: unknown[]) => v, true);
const appendSpec = S(
  'aa',
  (l: unknown, v: unknown) => [...listOf(l, 'push'), v],
  true,
);
const prependSpec = S(
  'aa',
  (l: unknown, v: unknown) => [v, ...listOf(l, 'prepend')],
  true,
);
const firstSpec = S(
  'a',
  (l: unknown) =>
    listOf(l, 'find first').length ? listOf(l, 'find first')[0] : null,
  true,
);
const restSpec = S(
  'a',
  (l: unknown) =>
    listOf(l, 'find rest').length ? listOf(l, 'find rest').slice(1) : [],
  true,
);
const lastSpec = S(
  'a',
  (l: unknown) => {
    const x = listOf(l, 'find last');
    return x.length ? x[x.length - 1] : null;
  },
  true,
);
const initialSpec = S(
  'a',
  (l: unknown) =>
    listOf(l, 'find initial').length
      ? listOf(l, 'find initial').slice(0, -1)
      : [],
  true,
);
const reverseSpec = S(
  'a',
  (l: unknown) => [...listOf(l, 'find reverse')].reverse(),
  true,
);
const uniqSpec = S(
  'a',
  (l: unknown) => {
    const out: unknown[] = [];
    for (const x of listOf(l, 'find uniq')) if (!inList(out, x)) out.push(x);
    return out;
  },
  true,
);
const withoutSpec = S(
  'aa*',
  (l: unknown, ...omit: unknown[]) =>
    listOf(l, 'find without').filter(x => !inList(omit, x)),
  true,
);
const hasSpec = S(
  'aa',
  (needle: unknown, hay: unknown) => {
    if (hay === null || hay === undefined) return false;
    return inList(listOf(hay, 'find has'), needle);
  },
  true,
);

/** List functions (sprig's slice replaces text/template's). */
export const listFunctions: Record<string, Spec> = {
  join: S('sa', (sep: string, v: unknown) => strslice(v).join(sep)),
  sortAlpha: S('a', (v: unknown) => {
    if (Array.isArray(v)) return stringSlice(strslice(v).sort(compareStrings));
    return stringSlice([strval(v)]);
  }),
  compact: compactSpec,
  mustCompact: compactSpec,
  slice: sliceSpec,
  mustSlice: sliceSpec,
  tuple: tupleSpec,
  list: tupleSpec,
  append: appendSpec,
  push: appendSpec,
  mustAppend: appendSpec,
  mustPush: appendSpec,
  prepend: prependSpec,
  mustPrepend: prependSpec,
  first: firstSpec,
  mustFirst: firstSpec,
  rest: restSpec,
  mustRest: restSpec,
  last: lastSpec,
  mustLast: lastSpec,
  initial: initialSpec,
  mustInitial: initialSpec,
  reverse: reverseSpec,
  mustReverse: reverseSpec,
  uniq: uniqSpec,
  mustUniq: uniqSpec,
  without: withoutSpec,
  mustWithout: withoutSpec,
  has: hasSpec,
  mustHas: hasSpec,
  concat: S(
    'a*',
    (...ls: unknown[]) => {
      const out: unknown[] = [];
      for (const l of ls) {
        if (!Array.isArray(l))
          throw new Error(`Cannot concat type ${goKind(l)} as list`);
        out.push(...l);
      }
      return out.length ? out : null;
    },
    true,
  ),
  chunk: S(
    'ia',
    (size: bigint, l: unknown) => {
      const list = listOf(l, 'chunk');
      const n = Number(size);
      if (n <= 0) throw new Error('runtime error: integer divide by zero');
      const out: unknown[][] = [];
      for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
      return out;
    },
    true,
  ),
  mustChunk: S(
    'ia',
    (size: bigint, l: unknown) => listFunctions.chunk.fn(size, l),
    true,
  ),
};
