import type {
  EntityHistoryResponse,
  HistoryChange,
  HistoryQuery,
  HistorySnapshot,
  PlatformHistoryResponse,
} from '@ameideio/plugin-secrets-common';
import {
  changesSince,
  historyBaselineAt,
  historyMovers,
  historyTotals,
  trendSeries,
} from '@ameideio/plugin-secrets-node';
import type { HistoryRun, HistoryStore } from '../database/HistoryStore';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The movers' window. */
const WEEK_DAYS = 7;
const MOVERS = 10;

/**
 * Answers the history endpoints from the store: loads the runs of the
 * window (totals only), then the rows of the few runs the answer shows,
 * and hands them to the engine's pure functions.
 */
export class HistoryService {
  private constructor(
    private readonly store: HistoryStore,
    private readonly now: () => number,
  ) {}

  static create(options: { store: HistoryStore; now?: () => number }) {
    return new HistoryService(options.store, options.now ?? Date.now);
  }

  /** The runs shown by a `days` trend ending now: the newest of each day. */
  private dayRuns(runs: HistoryRun[], days: number, now: number): Set<number> {
    const snapshots = runs.map(r => ({ ...r, rows: [] }));
    const shown = new Set(trendSeries(snapshots, days, { now }).map(p => p.at));
    return new Set(runs.filter(r => shown.has(r.at)).map(r => r.id));
  }

  private runAt(runs: HistoryRun[], at: number): HistoryRun | undefined {
    const t = historyBaselineAt(
      runs.map(r => r.at),
      at,
    );
    return runs.find(r => r.at === t);
  }

  private window(query: Omit<HistoryQuery, 'entityRef'>) {
    const now = this.now();
    const since = query.since
      ? Date.parse(query.since)
      : now - query.days * DAY_MS;
    const from = Math.min(now - query.days * DAY_MS, since);
    return { now, since, from };
  }

  async entity(
    entityRef: string,
    query: Omit<HistoryQuery, 'entityRef'>,
  ): Promise<EntityHistoryResponse> {
    const ref = entityRef.toLocaleLowerCase('en-US');
    const { now, since, from } = this.window(query);
    const runs = await this.store.runs({ from });
    const wanted = this.dayRuns(runs, query.days, now);
    for (const r of [this.runAt(runs, since), runs[runs.length - 1]])
      if (r) wanted.add(r.id);
    const rows = await this.store.rows([...wanted], { entityRef: ref });
    const snapshots: HistorySnapshot[] = runs
      .filter(r => wanted.has(r.id))
      .map(r => {
        const own = rows.get(r.id) ?? [];
        return { at: r.at, rows: own, totals: historyTotals(own) };
      });
    const changes = changesSince(snapshots, since, { entityRef: ref });
    return {
      entityRef: ref,
      days: query.days,
      since: changes.since,
      points: trendSeries(snapshots, query.days, { now, entityRef: ref }),
      newSince: changes.newSince,
      resolvedSince: changes.resolvedSince,
    };
  }

  /**
   * The platform's trend (totals over every entity) and its changes and
   * movers, naming only the entities `visible` accepts; the rest counted.
   */
  async platform(
    query: Omit<HistoryQuery, 'entityRef'>,
    visible: (entityRef: string) => boolean,
  ): Promise<PlatformHistoryResponse> {
    const { now, since, from } = this.window(query);
    const runs = await this.store.runs({
      from: Math.min(from, now - WEEK_DAYS * DAY_MS),
    });
    const current = runs[runs.length - 1];
    const points = trendSeries(
      runs.map(r => ({ ...r, rows: [] })),
      query.days,
      { now },
    );
    const picked = [
      this.runAt(runs, since),
      current && this.runAt(runs, Date.parse(current.at) - WEEK_DAYS * DAY_MS),
      current,
    ].filter((r): r is HistoryRun => Boolean(r));
    const rows = await this.store.rows([...new Set(picked.map(r => r.id))]);
    const snapshots: HistorySnapshot[] = [...new Set(picked)].map(r => ({
      at: r.at,
      rows: rows.get(r.id) ?? [],
      totals: r.totals,
    }));
    const changes = changesSince(snapshots, since);
    const movers = historyMovers(snapshots, {
      days: WEEK_DAYS,
      limit: Number.MAX_SAFE_INTEGER,
    });
    const seen = (c: { entityRef: string }) => visible(c.entityRef);
    const split = <T extends { entityRef: string }>(list: T[]) => ({
      shown: list.filter(seen),
      hidden: list.filter(c => !seen(c)).length,
    });
    const added = split<HistoryChange>(changes.newSince);
    const resolved = split<HistoryChange>(changes.resolvedSince);
    const moved = split(movers);
    return {
      days: query.days,
      since: changes.since,
      points,
      newSince: added.shown,
      resolvedSince: resolved.shown,
      movers: moved.shown.slice(0, MOVERS),
      hidden: {
        newSince: added.hidden,
        resolvedSince: resolved.hidden,
        movers: moved.hidden,
      },
    };
  }
}
