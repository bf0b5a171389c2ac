/*
 * The query of GET /overview and its URL form. The backend router parses it
 * with {@link parseOverviewQuery}; the frontend client writes it with
 * {@link serializeOverviewQuery}: one definition of names, defaults and bounds.
 */
import { InputError } from '@backstage/errors';
import { SEVERITIES, type Severity } from './types';

/** Filters and paging of the platform overview (GET /overview). @public */
export interface OverviewQuery {
  /** Owner group, as in the entity's `spec.owner`. */
  owner?: string;
  environment?: string;
  /** A finding type; see {@link FINDING_TYPES}. */
  findingType?: string;
  severity?: Severity;
  /** Free text matched against the entity refs. */
  q?: string;
  /** Default 0, at most {@link OVERVIEW_QUERY_LIMITS}.maxOffset. */
  offset?: number;
  /** Default {@link OVERVIEW_QUERY_LIMITS}.defaultLimit, at most `maxLimit`. */
  limit?: number;
}

/** An {@link OverviewQuery} after parsing: paging resolved to its defaults. @public */
export type ParsedOverviewQuery = OverviewQuery & {
  offset: number;
  limit: number;
};

/** Defaults and bounds of the overview's paging and text parameters. @public */
export const OVERVIEW_QUERY_LIMITS = {
  defaultLimit: 50,
  maxLimit: 500,
  maxOffset: 1_000_000,
  /** Longest accepted string parameter. */
  maxLength: 200,
} as const;

const STRING_KEYS = ['owner', 'environment', 'findingType', 'q'] as const;
const KEYS = [...STRING_KEYS, 'severity', 'offset', 'limit'] as const;

/** Raw query parameters: a `URLSearchParams` or a parsed query object (e.g. Express `req.query`). @public */
export type OverviewQueryParams =
  | URLSearchParams
  | Readonly<Record<string, unknown>>;

function read(params: OverviewQueryParams, key: string): unknown {
  if (params instanceof URLSearchParams) {
    const all = params.getAll(key);
    if (all.length === 0) return undefined;
    return all.length === 1 ? all[0] : all;
  }
  return params[key];
}

function text(v: unknown, name: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > OVERVIEW_QUERY_LIMITS.maxLength) {
    throw new InputError(
      `Invalid query parameter ${name}: expected one string of at most ${OVERVIEW_QUERY_LIMITS.maxLength} characters`,
    );
  }
  return v || undefined;
}

function integer(
  v: unknown,
  name: string,
  fallback: number,
  max: number,
): number {
  if (v === undefined || v === '') return fallback;
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n > max) {
    throw new InputError(
      `Invalid query parameter ${name}: expected an integer from 0 to ${max}`,
    );
  }
  return n;
}

/**
 * Reads an {@link OverviewQuery} from URL query parameters, with paging
 * defaults applied. Unknown parameters are ignored; an empty string means
 * "not set".
 *
 * @throws InputError for a repeated or over-long parameter, a severity other
 * than `error`, `warning` or `info`, or paging out of bounds.
 * @public
 */
export function parseOverviewQuery(
  params: OverviewQueryParams,
): ParsedOverviewQuery {
  const query: ParsedOverviewQuery = {
    offset: integer(
      read(params, 'offset'),
      'offset',
      0,
      OVERVIEW_QUERY_LIMITS.maxOffset,
    ),
    limit: integer(
      read(params, 'limit'),
      'limit',
      OVERVIEW_QUERY_LIMITS.defaultLimit,
      OVERVIEW_QUERY_LIMITS.maxLimit,
    ),
  };
  for (const key of STRING_KEYS) {
    const v = text(read(params, key), key);
    if (v !== undefined) query[key] = v;
  }
  const severity = text(read(params, 'severity'), 'severity');
  if (severity !== undefined) {
    if (!(SEVERITIES as readonly string[]).includes(severity)) {
      throw new InputError(
        'Invalid query parameter severity: expected error, warning or info',
      );
    }
    query.severity = severity as Severity;
  }
  return query;
}

/**
 * Writes an {@link OverviewQuery} as URL query parameters, in a fixed order,
 * leaving out unset and empty values; {@link parseOverviewQuery} reads it
 * back. @public
 */
export function serializeOverviewQuery(query: OverviewQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = query[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params;
}
