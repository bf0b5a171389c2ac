/*
 * Rotation age of Vault keys: how long since a key was last written (KV v2
 * metadata `updated_time`, never a value), and the maximum age a team's
 * policy allows per origin class, environment and key pattern.
 */
import type { OriginClass } from '@ameideio/plugin-secrets-common';

/** Maximum ages in days, per origin class; `default` for the others. @public */
export type RotationLimits = Partial<Record<OriginClass | 'default', number>>;

/**
 * How old a Vault key may get before it is overdue. The most specific rule
 * wins: a key pattern, then the environment's limits, then the limits.
 * @public
 */
export interface RotationPolicy {
  /** Maximum ages per origin class, e.g. `{ external: 180, default: 365 }`. */
  maxAgeDays?: RotationLimits;
  /** Per environment, over `maxAgeDays`: `{ production: { external: 90 } }`. */
  environments?: Record<string, RotationLimits>;
  /** Per key pattern (`*` matches within a path segment, `**` across), first match first. */
  keys?: Array<{
    pattern: string;
    maxAgeDays: number;
    /** Only in these environments; every one when absent. */
    environments?: string[];
  }>;
  /** Severity of `rotation-overdue`; default `warning`. */
  severity?: 'warning' | 'error';
}

const DAY_MS = 24 * 3600 * 1000;

function keyPattern(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The limit in days for a key, and which rule set it; undefined when the policy sets none. @public */
export function rotationLimit(
  policy: RotationPolicy | undefined,
  key: string,
  origin: OriginClass,
  environment: string,
): { days: number; rule: string } | undefined {
  if (!policy) return undefined;
  for (const k of policy.keys ?? []) {
    if (k.environments && !k.environments.includes(environment)) continue;
    if (keyPattern(k.pattern).test(key))
      return { days: k.maxAgeDays, rule: `keys "${k.pattern}"` };
  }
  const env = policy.environments?.[environment];
  if (env?.[origin] !== undefined)
    return { days: env[origin]!, rule: `${environment} ${origin}` };
  if (env?.default !== undefined)
    return { days: env.default, rule: `${environment} default` };
  const all = policy.maxAgeDays;
  if (all?.[origin] !== undefined) return { days: all[origin]!, rule: origin };
  if (all?.default !== undefined) return { days: all.default, rule: 'default' };
  return undefined;
}

/** Whole days since a key was last written; undefined without a time. @public */
export function keyAgeDays(
  meta: { updatedTime?: string; createdTime?: string } | undefined,
  now: number,
): number | undefined {
  const t = Date.parse(meta?.updatedTime ?? meta?.createdTime ?? '');
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, Math.floor((now - t) / DAY_MS));
}

/** Problems of a configured policy, naming the key that is wrong. */
export function rotationPolicyProblems(
  v: unknown,
  key = 'rotation',
): Array<{ key: string; message: string }> {
  const out: Array<{ key: string; message: string }> = [];
  const add = (k: string, m: string) =>
    out.push({ key: k, message: `"${k}" ${m}` });
  const isMap = (x: unknown): x is Record<string, unknown> =>
    typeof x === 'object' && x !== null && !Array.isArray(x);
  const days = (x: unknown, k: string) => {
    if (!(typeof x === 'number' && Number.isInteger(x) && x > 0))
      add(k, 'must be a whole number of days greater than zero');
  };
  const ORIGINS = [
    'external',
    'service-generated',
    'cluster-managed',
    'unknown',
    'default',
  ];
  const limits = (x: unknown, k: string) => {
    if (!isMap(x)) return add(k, 'must be an object of origin class -> days');
    for (const [o, d] of Object.entries(x)) {
      if (!ORIGINS.includes(o))
        add(`${k}.${o}`, `is not an origin class (${ORIGINS.join(', ')})`);
      else days(d, `${k}.${o}`);
    }
    return undefined;
  };
  if (!isMap(v)) {
    add(
      key,
      'must be an object { maxAgeDays?, environments?, keys?, severity? }',
    );
    return out;
  }
  for (const [f, x] of Object.entries(v)) {
    const k = `${key}.${f}`;
    if (f === 'maxAgeDays') limits(x, k);
    else if (f === 'environments') {
      if (!isMap(x)) add(k, 'must be an object of environment -> limits');
      else for (const [e, l] of Object.entries(x)) limits(l, `${k}.${e}`);
    } else if (f === 'keys') {
      if (!Array.isArray(x))
        add(k, 'must be a list of { pattern, maxAgeDays, environments? }');
      else
        x.forEach((r, i) => {
          const rk = `${k}[${i}]`;
          if (!isMap(r))
            return add(rk, 'must be { pattern, maxAgeDays, environments? }');
          if (typeof r.pattern !== 'string' || !r.pattern)
            add(`${rk}.pattern`, 'must be a non-empty string');
          days(r.maxAgeDays, `${rk}.maxAgeDays`);
          if (
            r.environments !== undefined &&
            !(
              Array.isArray(r.environments) &&
              r.environments.every(e => typeof e === 'string')
            )
          )
            add(`${rk}.environments`, 'must be a list of environment names');
          for (const rf of Object.keys(r))
            if (!['pattern', 'maxAgeDays', 'environments'].includes(rf))
              add(`${rk}.${rf}`, 'is an unknown option');
          return undefined;
        });
    } else if (f === 'severity') {
      if (x !== 'warning' && x !== 'error') add(k, 'must be warning or error');
    } else add(k, 'is an unknown option');
  }
  return out;
}
