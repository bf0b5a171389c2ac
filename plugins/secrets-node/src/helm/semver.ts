/* eslint-disable no-nested-ternary -- a port of Go text/template, fmt and sprig semantics: the branches mirror the Go sources case by case */
/*
 * Semantic versions and constraints as sprig's `semver`/`semverCompare`
 * read them (Masterminds semver v3 rules: `v` prefix, missing parts are 0,
 * prereleases only match constraints that name one, `||`, `,`, ranges,
 * `~`, `^` and wildcards).
 */
import { GoObject } from './goValues';

interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  meta: string;
  original: string;
}

const VERSION =
  /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export function parseVersion(s: string): Version {
  const m = VERSION.exec(s);
  if (!m) throw new Error('Invalid Semantic Version');
  return {
    major: BigInt(m[1]),
    minor: BigInt(m[2] ?? 0),
    patch: BigInt(m[3] ?? 0),
    pre: m[4] ?? '',
    meta: m[5] ?? '',
    original: s,
  };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^[0-9]+$/.test(x);
    const ny = /^[0-9]+$/.test(y);
    if (nx && ny) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d < 0n ? -1 : 1;
    } else if (nx) return -1;
    else if (ny) return 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: Version, b: Version): number {
  for (const k of ['major', 'minor', 'patch'] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  return comparePre(a.pre, b.pre);
}

interface Constraint {
  op: string;
  v: Version;
  /** Which parts were wildcards or missing: 0 major, 1 minor, 2 patch, 3 none. */
  dirty: number;
}

const CONSTRAINT =
  /^\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?([0-9xX*]+)(?:\.([0-9xX*]+))?(?:\.([0-9xX*]+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?\s*$/;

function parseConstraint(s: string): Constraint {
  const m = CONSTRAINT.exec(s);
  if (!m) throw new Error(`improper constraint: ${s}`);
  const wild = (x?: string) => x === undefined || /^[xX*]$/.test(x);
  let dirty = 3;
  if (wild(m[4])) dirty = 2;
  if (wild(m[3])) dirty = 1;
  if (wild(m[2])) dirty = 0;
  const num = (x?: string) =>
    x === undefined || /^[xX*]$/.test(x) ? 0n : BigInt(x);
  return {
    op: m[1] ?? '',
    v: {
      major: num(m[2]),
      minor: num(m[3]),
      patch: num(m[4]),
      pre: m[5] ?? '',
      meta: '',
      original: s,
    },
    dirty:
      m[4] === undefined && !wild(m[3]) && m[1] && !['', '='].includes(m[1])
        ? dirty
        : dirty,
  };
}

function bump(v: Version, part: 0 | 1 | 2): Version {
  if (part === 0)
    return { ...v, major: v.major + 1n, minor: 0n, patch: 0n, pre: '' };
  if (part === 1) return { ...v, minor: v.minor + 1n, patch: 0n, pre: '' };
  return { ...v, patch: v.patch + 1n, pre: '' };
}

function check(c: Constraint, v: Version): boolean {
  if (v.pre && !c.v.pre) return false;
  const cmp = compareVersions(v, c.v);
  const upper = (): Version | undefined =>
    c.dirty === 0
      ? undefined
      : c.dirty === 1
      ? bump(c.v, 0)
      : c.dirty === 2
      ? bump(c.v, 1)
      : undefined;
  switch (c.op) {
    case '':
    case '=': {
      if (c.dirty === 3) return cmp === 0;
      const u = upper();
      return cmp >= 0 && (!u || compareVersions(v, u) < 0);
    }
    case '!=': {
      if (c.dirty === 3) return cmp !== 0;
      const u = upper();
      return !(cmp >= 0 && (!u || compareVersions(v, u) < 0));
    }
    case '>': {
      if (c.dirty === 3) return cmp > 0;
      const u = upper();
      return u ? compareVersions(v, u) >= 0 : false;
    }
    case '<':
      return cmp < 0;
    case '>=':
    case '=>':
      return cmp >= 0;
    case '<=':
    case '=<': {
      if (c.dirty === 3) return cmp <= 0;
      const u = upper();
      return !u || compareVersions(v, u) < 0;
    }
    case '~':
    case '~>': {
      if (cmp < 0) return false;
      const u =
        c.dirty === 0 ? undefined : c.dirty === 1 ? bump(c.v, 0) : bump(c.v, 1);
      return !u || compareVersions(v, u) < 0;
    }
    case '^': {
      if (cmp < 0) return false;
      let u: Version | undefined;
      if (c.dirty === 0) u = undefined;
      else if (c.v.major > 0n || c.dirty === 1) u = bump(c.v, 0);
      else if (c.v.minor > 0n || c.dirty === 2) u = bump(c.v, 1);
      else u = bump(c.v, 2);
      return !u || compareVersions(v, u) < 0;
    }
    default:
      return false;
  }
}

/** Does `version` satisfy `constraint`? Throws on an invalid version or constraint. */
export function semverCompare(constraint: string, version: string): boolean {
  const groups = constraint.split('||').map(g => {
    const hyphen = g.split(/\s+-\s+/);
    if (hyphen.length === 2)
      return [
        parseConstraint(`>=${hyphen[0]}`),
        parseConstraint(`<=${hyphen[1]}`),
      ];
    return g
      .trim()
      .replace(/(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)\s+/g, '$1')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(parseConstraint);
  });
  const v = parseVersion(version);
  return groups.some(g => g.every(c => check(c, v)));
}

/** sprig's `semver`: a version object with Major, Minor, ... methods. */
export function semverObject(s: string): GoObject {
  const v = parseVersion(s);
  const str = () =>
    `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}${
      v.meta ? `+${v.meta}` : ''
    }`;
  return new GoObject(
    '*semver.Version',
    {},
    {
      Major: () => v.major,
      Minor: () => v.minor,
      Patch: () => v.patch,
      Prerelease: () => v.pre,
      Metadata: () => v.meta,
      Original: () => v.original,
      String: str,
      Compare: (o: unknown) => {
        if (!(o instanceof GoObject))
          throw new Error('Compare needs a version');
        return BigInt(
          compareVersions(
            v,
            parseVersion(String((o.methods.Original as () => string)())),
          ),
        );
      },
    },
    str,
  );
}
