/*
 * Believable past for the demo's trend charts: from the first recorded
 * refresh, the days before it. Each current finding appeared at some point
 * (most were always there, a few arrived this week); other findings were
 * open for a while and got fixed. Deterministic: the same input, the same
 * history.
 */
import type {
  FindingType,
  HistoryFinding,
  HistoryRow,
  HistorySnapshot,
  Severity,
} from '@ameideio/plugin-secrets-common';
import { historyTotals } from '@ameideio/plugin-secrets-node';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A small seeded generator (mulberry32) keyed by a string. */
function random(seed: string) {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++)
    h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (next: () => number) =>
  Array.from({ length: 16 }, () => Math.floor(next() * 16).toString(16)).join(
    '',
  );

/** Findings that were open once and are fixed now. */
const FIXED: Array<[FindingType, Severity]> = [
  ['missing-fixture', 'error'],
  ['sync-error', 'error'],
  ['placeholder-in-vault', 'error'],
  ['rotation-overdue', 'warning'],
  ['remote-ref-convention', 'warning'],
  ['orphan-fixture', 'info'],
];

interface Past {
  finding: HistoryFinding;
  /** Open from `opened` days ago until `fixed` days ago. */
  opened: number;
  fixed: number;
}

function rowAt(
  row: HistoryRow,
  appeared: Map<string, number>,
  past: Past[],
  day: number,
): HistoryRow {
  const findings = [
    ...row.findings.filter(
      f => appeared.get(`${row.entityRef}|${row.environment}|${f.id}`)! >= day,
    ),
    ...past.filter(p => p.opened >= day && p.fixed < day).map(p => p.finding),
  ].sort((a, b) => (a.id < b.id ? -1 : 1));
  const bySeverity: Record<Severity, number> = {
    error: 0,
    warning: 0,
    info: 0,
  };
  const byType: Partial<Record<FindingType, number>> = {};
  for (const f of findings) {
    bySeverity[f.severity]++;
    byType[f.type] = (byType[f.type] ?? 0) + 1;
  }
  const delta = (t: FindingType) =>
    (byType[t] ?? 0) - (row.findingsByType[t] ?? 0);
  return {
    ...row,
    findings,
    findingsBySeverity: bySeverity,
    findingsByType: byType,
    syncErrors: Math.max(0, row.syncErrors + delta('sync-error')),
    overdueKeys: Math.max(0, row.overdueKeys + delta('rotation-overdue')),
    fixtureCoverage:
      row.fixtureCoverage === null
        ? null
        : Math.max(
            0,
            Math.min(
              100,
              row.fixtureCoverage - 12.5 * delta('missing-fixture'),
            ),
          ),
  };
}

/**
 * The `days` daily snapshots before `current`, oldest first, derived from
 * it: a platform that was worse a month ago, got better, and took a few
 * regressions this week.
 */
export function demoHistory(
  current: HistorySnapshot,
  days: number,
): HistorySnapshot[] {
  const next = random(`${current.rows.length}:${days}`);
  const entities = [...new Set(current.rows.map(r => r.entityRef))];
  // two entities with errors regressed this week: the week's movers
  const regressed = new Set(
    entities
      .filter(e =>
        current.rows.some(
          r => r.entityRef === e && r.findingsBySeverity.error > 0,
        ),
      )
      .sort((a, b) => random(a)() - random(b)())
      .slice(0, 2),
  );
  const appeared = new Map<string, number>();
  const past = new Map<HistoryRow, Past[]>();
  for (const row of current.rows) {
    for (const f of row.findings) {
      const r = next();
      let day = days + 1; // always there
      if (regressed.has(row.entityRef) && f.severity === 'error')
        day = 1 + Math.floor(next() * 5);
      // the rest arrived before this week, or were always there
      else if (r < 0.2) day = 8 + Math.floor(next() * (days - 8));
      // per row: a finding shared by several entities (a store's) moves with each
      appeared.set(`${row.entityRef}|${row.environment}|${f.id}`, day);
    }
    const fixed: Past[] = [];
    if (row.environment !== '*' && next() < 0.6) {
      const n = 1 + Math.floor(next() * 3);
      for (let i = 0; i < n; i++) {
        const [type, severity] = FIXED[Math.floor(next() * FIXED.length)];
        // most were fixed weeks ago, a few this week
        const fixedDay =
          next() < 0.15
            ? 1 + Math.floor(next() * 6)
            : 12 + Math.floor(next() * (days - 15));
        fixed.push({
          finding: { id: hex(next), type, severity },
          fixed: fixedDay,
          opened: fixedDay + 8 + Math.floor(next() * 40),
        });
      }
    }
    past.set(row, fixed);
  }
  const at = Date.parse(current.at);
  const out: HistorySnapshot[] = [];
  for (let day = days; day >= 1; day--) {
    const rows = current.rows.map(r =>
      rowAt(r, appeared, past.get(r) ?? [], day),
    );
    out.push({
      at: new Date(at - day * DAY_MS).toISOString(),
      rows,
      totals: historyTotals(rows),
    });
  }
  return out;
}
