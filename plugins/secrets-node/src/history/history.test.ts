import type {
  EntityExternalSecret,
  Finding,
  HistorySnapshot,
} from '@ameideio/plugin-secrets-common';
import {
  changesSince,
  type HistoryEntityInput,
  historyBaselineAt,
  historyMovers,
  historySnapshot,
  historyTotals,
  trendSeries,
} from './history';

// an in-memory fixture builder: findings and ExternalSecrets by shorthand
const finding = (
  id: string,
  type: Finding['type'],
  severity: Finding['severity'],
  environment?: string,
  subject = 'orders/db',
): Finding & { sourceUrl?: string } => ({
  id,
  type,
  severity,
  message: `message of ${id} that history never keeps`,
  subject: { kind: 'VaultKey', name: subject },
  ...(environment ? { environment } : {}),
  proposedFix: { title: 'fix', actions: [] },
});

const es = (
  name: string,
  cells: Record<string, 'ready' | 'error'>,
  fixtures: Record<string, 'present' | 'missing' | 'not-applicable'>,
): EntityExternalSecret => ({
  id: name,
  name,
  kind: 'ExternalSecret',
  release: 'orders',
  storeRef: { kind: 'ClusterSecretStore', name: 'vault' },
  targetSecret: name,
  origin: 'external',
  sourceRef: { file: 'x.yaml' },
  keys: [
    {
      key: `${name}/key`,
      property: 'value',
      origin: 'external',
      byEnvironment: Object.fromEntries(
        Object.entries(fixtures).map(([env, fixture]) => [
          env,
          {
            fixture,
            vault: { present: true, placeholder: null },
            writers: [],
          },
        ]),
      ),
    },
  ],
  cells: Object.fromEntries(
    Object.entries(cells).map(([env, state]) => [env, { state, clusters: [] }]),
  ),
});

const orders: HistoryEntityInput = {
  entityRef: 'component:default/orders',
  environments: ['dev', 'production'],
  externalSecrets: [
    es(
      'orders-db',
      { dev: 'ready', production: 'error' },
      { dev: 'present', production: 'not-applicable' },
    ),
    es(
      'orders-api',
      { dev: 'ready', production: 'ready' },
      { dev: 'missing', production: 'not-applicable' },
    ),
  ],
  findings: [
    finding(
      'missing-fixture:orders-api/key:dev',
      'missing-fixture',
      'error',
      'dev',
    ),
    finding(
      'sync-error:production:orders-db',
      'sync-error',
      'error',
      'production',
    ),
    finding(
      'rot:production:orders/db',
      'rotation-overdue',
      'warning',
      'production',
    ),
    finding(
      'rot:production:orders/db#2',
      'rotation-overdue',
      'warning',
      'production',
    ),
    finding(
      'rot:production:orders/api',
      'rotation-overdue',
      'warning',
      'production',
      'orders/api',
    ),
    finding('inline:values.yaml', 'inline-credential', 'error'),
  ],
};

const billing: HistoryEntityInput = {
  entityRef: 'component:default/billing',
  environments: ['dev'],
  externalSecrets: [es('billing', { dev: 'ready' }, { dev: 'present' })],
  findings: [],
};

describe('historySnapshot', () => {
  it('keeps counts and finding ids per entity and environment', () => {
    const s = historySnapshot({
      at: '2026-11-20T10:00:00.000Z',
      entities: [orders, billing],
    });
    expect(s).toStrictEqual({
      at: '2026-11-20T10:00:00.000Z',
      rows: [
        {
          entityRef: 'component:default/billing',
          environment: 'dev',
          findingsBySeverity: { error: 0, warning: 0, info: 0 },
          findingsByType: {},
          fixtureCoverage: 100,
          syncErrors: 0,
          overdueKeys: 0,
          findings: [],
        },
        {
          entityRef: 'component:default/orders',
          environment: '*',
          findingsBySeverity: { error: 1, warning: 0, info: 0 },
          findingsByType: { 'inline-credential': 1 },
          fixtureCoverage: null,
          syncErrors: 0,
          overdueKeys: 0,
          findings: [
            {
              id: 'inline:values.yaml',
              type: 'inline-credential',
              severity: 'error',
            },
          ],
        },
        {
          entityRef: 'component:default/orders',
          environment: 'dev',
          findingsBySeverity: { error: 1, warning: 0, info: 0 },
          findingsByType: { 'missing-fixture': 1 },
          fixtureCoverage: 50,
          syncErrors: 0,
          overdueKeys: 0,
          findings: [
            {
              id: 'missing-fixture:orders-api/key:dev',
              type: 'missing-fixture',
              severity: 'error',
            },
          ],
        },
        {
          entityRef: 'component:default/orders',
          environment: 'production',
          findingsBySeverity: { error: 1, warning: 3, info: 0 },
          findingsByType: { 'rotation-overdue': 3, 'sync-error': 1 },
          fixtureCoverage: null,
          syncErrors: 1,
          // two findings on orders/db count as one overdue key
          overdueKeys: 2,
          findings: [
            {
              id: 'rot:production:orders/api',
              type: 'rotation-overdue',
              severity: 'warning',
            },
            {
              id: 'rot:production:orders/db',
              type: 'rotation-overdue',
              severity: 'warning',
            },
            {
              id: 'rot:production:orders/db#2',
              type: 'rotation-overdue',
              severity: 'warning',
            },
            {
              id: 'sync-error:production:orders-db',
              type: 'sync-error',
              severity: 'error',
            },
          ],
        },
      ],
      totals: {
        entities: 2,
        findingsBySeverity: { error: 3, warning: 3, info: 0 },
        findingsByType: {
          'inline-credential': 1,
          'missing-fixture': 1,
          'rotation-overdue': 3,
          'sync-error': 1,
        },
        fixtureCoverage: 75,
        syncErrors: 1,
        overdueKeys: 2,
      },
    });
    // no message, no subject, nothing a value could hide in
    expect(JSON.stringify(s)).not.toContain('message');
    expect(JSON.stringify(s)).not.toContain('never keeps');
  });

  it('gives the same rows for the same state in any order', () => {
    const a = historySnapshot({ at: 'a', entities: [orders, billing] });
    const b = historySnapshot({
      at: 'a',
      entities: [
        billing,
        { ...orders, findings: [...orders.findings].reverse() },
      ],
    });
    expect(b).toStrictEqual(a);
  });
});

// a synthetic history: orders gets worse, billing gets better
function snap(at: string, ordersErrors: number, billingErrors: number) {
  const rows = historySnapshot({
    at,
    entities: [
      {
        ...billing,
        findings: Array.from({ length: billingErrors }, (_, i) =>
          finding(`b${i}`, 'missing-fixture', 'error', 'dev'),
        ),
      },
      {
        ...orders,
        findings: Array.from({ length: ordersErrors }, (_, i) =>
          finding(`o${i}`, 'sync-error', 'error', 'production'),
        ),
      },
    ],
  });
  return rows;
}

const history: HistorySnapshot[] = [
  snap('2026-11-10T12:00:00.000Z', 1, 4),
  snap('2026-11-12T08:00:00.000Z', 2, 3),
  snap('2026-11-12T20:00:00.000Z', 2, 2),
  snap('2026-11-15T09:00:00.000Z', 5, 1),
];

describe('trendSeries', () => {
  it('has one point per day, the end-of-day state carried forward', () => {
    const points = trendSeries([...history].reverse(), 7, {
      now: '2026-11-15T10:00:00.000Z',
    });
    expect(points.map(p => [p.date, p.at.slice(0, 13), p.errors])).toEqual([
      ['2026-11-10', '2026-11-10T12', 5],
      ['2026-11-11', '2026-11-10T12', 5],
      ['2026-11-12', '2026-11-12T20', 4],
      ['2026-11-13', '2026-11-12T20', 4],
      ['2026-11-14', '2026-11-12T20', 4],
      ['2026-11-15', '2026-11-15T09', 6],
    ]);
    expect(points[5]).toStrictEqual({
      date: '2026-11-15',
      at: '2026-11-15T09:00:00.000Z',
      errors: 6,
      warnings: 0,
      infos: 0,
      syncErrors: 1,
      overdueKeys: 0,
      fixtureCoverage: 75,
    });
  });

  it("draws one entity's line from its rows", () => {
    const points = trendSeries(history, 2, {
      now: '2026-11-15T23:00:00.000Z',
      entityRef: 'component:default/billing',
    });
    expect(points.map(p => [p.date, p.errors, p.fixtureCoverage])).toEqual([
      ['2026-11-14', 2, 100],
      ['2026-11-15', 1, 100],
    ]);
  });

  it('is empty without history', () => {
    expect(trendSeries([], 30)).toEqual([]);
  });
});

describe('changesSince', () => {
  it('lists the findings new and resolved since a date', () => {
    const c = changesSince(history, '2026-11-12T12:00:00.000Z');
    expect(c.since).toBe('2026-11-12T12:00:00.000Z');
    expect(
      c.newSince.map(f => `${f.entityRef} ${f.environment} ${f.id}`),
    ).toEqual([
      'component:default/orders production o2',
      'component:default/orders production o3',
      'component:default/orders production o4',
    ]);
    expect(c.resolvedSince).toStrictEqual([
      {
        id: 'b1',
        type: 'missing-fixture',
        severity: 'error',
        entityRef: 'component:default/billing',
        environment: 'dev',
      },
      {
        id: 'b2',
        type: 'missing-fixture',
        severity: 'error',
        entityRef: 'component:default/billing',
        environment: 'dev',
      },
    ]);
  });

  it('compares against the first snapshot when history starts later, and filters by entity', () => {
    const c = changesSince(history, '2026-01-01', {
      entityRef: 'component:default/billing',
    });
    expect(c.newSince).toEqual([]);
    expect(c.resolvedSince.map(f => f.id)).toEqual(['b1', 'b2', 'b3']);
    expect(changesSince([], '2026-01-01')).toStrictEqual({
      since: '2026-01-01T00:00:00.000Z',
      newSince: [],
      resolvedSince: [],
    });
  });
});

describe('historyMovers', () => {
  it('names the entities whose errors rose most over the week', () => {
    expect(historyMovers(history)).toStrictEqual([
      {
        entityRef: 'component:default/orders',
        before: 1,
        after: 5,
        delta: 4,
      },
    ]);
    // over one day: from the state at Nov 14 09:00 (Nov 12 20:00)
    expect(historyMovers(history, { days: 1 })).toStrictEqual([
      {
        entityRef: 'component:default/orders',
        before: 2,
        after: 5,
        delta: 3,
      },
    ]);
    expect(historyMovers(history, { limit: 0 })).toEqual([]);
    expect(historyMovers([])).toEqual([]);
  });
});

describe('historyTotals and historyBaselineAt', () => {
  it('sums nothing to zero and finds the state at a time', () => {
    expect(historyTotals([])).toStrictEqual({
      entities: 0,
      findingsBySeverity: { error: 0, warning: 0, info: 0 },
      findingsByType: {},
      fixtureCoverage: null,
      syncErrors: 0,
      overdueKeys: 0,
    });
    const times = history.map(h => h.at);
    expect(historyBaselineAt(times, '2026-11-13')).toBe(times[2]);
    expect(historyBaselineAt(times, '2026-01-01')).toBe(times[0]);
    expect(historyBaselineAt([], '2026-01-01')).toBeUndefined();
  });
});
