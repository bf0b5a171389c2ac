/*
 * The history contract: what is stored after each refresh (counts, finding
 * ids and types, never a value), and the trend, change and mover answers of
 * `GET /history` and `GET /history/platform`.
 */
import { InputError } from '@backstage/errors';
import type { FindingType, Severity } from './types';

/**
 * Environment of a history row holding the findings that name no
 * environment (most static findings). @public
 */
export const HISTORY_ANY_ENVIRONMENT = '*';

/** A finding as history keeps it: its stable id, type and severity only. @public */
export interface HistoryFinding {
  id: string;
  type: FindingType;
  severity: Severity;
}

/** The counts a history row holds, and their sums over rows. @public */
export interface HistoryCounts {
  findingsBySeverity: Record<Severity, number>;
  findingsByType: Partial<Record<FindingType, number>>;
  /**
   * Fixture coverage, 0..100: a row's in its environment, the totals' the
   * mean of the rows' that apply; null when none applies.
   */
  fixtureCoverage: number | null;
  /** ExternalSecrets whose cell is `error`. */
  syncErrors: number;
  /** Vault keys with a `rotation-overdue` finding. */
  overdueKeys: number;
}

/** One entity in one environment after one refresh. @public */
export interface HistoryRow extends HistoryCounts {
  entityRef: string;
  /** The environment, or {@link HISTORY_ANY_ENVIRONMENT} for findings without one. */
  environment: string;
  findings: HistoryFinding[];
}

/** Sums over a set of history rows. @public */
export interface HistoryTotals extends HistoryCounts {
  entities: number;
}

/** The state after one refresh: every row and the platform totals. @public */
export interface HistorySnapshot {
  /** When the data was refreshed (ISO). */
  at: string;
  /** Last refresh that found the same rows (ISO); equals `at` when none did. */
  lastSeenAt?: string;
  rows: HistoryRow[];
  totals: HistoryTotals;
}

/** One day of a trend: the state at the end of that day (UTC). @public */
export interface HistoryPoint {
  /** `YYYY-MM-DD`. */
  date: string;
  /** The refresh the point shows (ISO). */
  at: string;
  errors: number;
  warnings: number;
  infos: number;
  syncErrors: number;
  overdueKeys: number;
  fixtureCoverage: number | null;
}

/** A finding that appeared or went away. @public */
export interface HistoryChange extends HistoryFinding {
  entityRef: string;
  environment: string;
}

/** An entity whose error count rose. @public */
export interface HistoryMover {
  entityRef: string;
  /** Errors at the start of the window. */
  before: number;
  /** Errors now. */
  after: number;
  delta: number;
}

/** GET /history?entityRef=&days=&since= response. @public */
export interface EntityHistoryResponse {
  entityRef: string;
  days: number;
  /** The date the change lists compare against (ISO). */
  since: string;
  points: HistoryPoint[];
  newSince: HistoryChange[];
  resolvedSince: HistoryChange[];
}

/**
 * GET /history/platform?days=&since= response. Entities the caller may not
 * read are in the points' totals and counted in `hidden`, never named.
 * @public
 */
export interface PlatformHistoryResponse {
  days: number;
  since: string;
  points: HistoryPoint[];
  newSince: HistoryChange[];
  resolvedSince: HistoryChange[];
  /** The week's movers: entities whose error count rose most over 7 days. */
  movers: HistoryMover[];
  hidden: { newSince: number; resolvedSince: number; movers: number };
}

/** Parsed query of the history endpoints. @public */
export interface HistoryQuery {
  entityRef?: string;
  /** 1..366, default 30. */
  days: number;
  /** ISO date; default: `days` ago. */
  since?: string;
}

/** Default and maximum of `days`. @public */
export const HISTORY_DAYS = { default: 30, max: 366 } as const;

/**
 * Parses `days` and `since` of a history query; throws an `InputError`
 * naming the parameter on a bad value (the backend answers 400).
 * @public
 */
export function parseHistoryQuery(
  raw: Record<string, unknown>,
): Omit<HistoryQuery, 'entityRef'> {
  const one = (name: string): string | undefined => {
    const v = raw[name];
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string') throw new InputError(`Invalid ${name}`);
    return v;
  };
  const daysText = one('days');
  let days: number = HISTORY_DAYS.default;
  if (daysText !== undefined) {
    if (!/^\d{1,3}$/.test(daysText))
      throw new InputError(`Invalid days "${daysText.slice(0, 16)}"`);
    days = Number(daysText);
    if (days < 1 || days > HISTORY_DAYS.max)
      throw new InputError(`Invalid days ${days}: 1 to ${HISTORY_DAYS.max}`);
  }
  const since = one('since');
  if (since !== undefined) {
    const ok =
      /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(since) &&
      !Number.isNaN(Date.parse(since));
    if (!ok) throw new InputError(`Invalid since "${since.slice(0, 32)}"`);
    return { days, since: new Date(Date.parse(since)).toISOString() };
  }
  return { days };
}
