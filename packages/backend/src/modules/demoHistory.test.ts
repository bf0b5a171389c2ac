import {
  historyMovers,
  historySnapshot,
  trendSeries,
} from '@ameideio/plugin-secrets-node';
import { demoHistory } from './demoHistory';

const finding = (id: string, severity: 'error' | 'warning') => ({
  id,
  type: 'sync-error' as const,
  severity,
  message: 'm',
  subject: { kind: 'ExternalSecret' as const, name: id },
  environment: 'production',
  proposedFix: { title: 't', actions: [] },
});

const current = historySnapshot({
  at: '2026-12-01T06:00:00.000Z',
  entities: Array.from({ length: 12 }, (_e, i) => ({
    entityRef: `component:default/service-${i}`,
    environments: ['dev', 'production'],
    externalSecrets: [],
    findings: [
      ...Array.from({ length: i % 4 }, (_, j) =>
        finding(`s${i}-f${j}`, j % 2 ? 'warning' : 'error'),
      ),
      // a store's finding, shared by every entity that uses the store
      finding('live:sync-error:store:staging:vault', 'error'),
    ],
  })),
});

describe('demoHistory', () => {
  it('gives one snapshot a day before the current one, deterministically', () => {
    const past = demoHistory(current, 60);
    expect(past).toHaveLength(60);
    expect(past[0].at).toBe('2026-10-02T06:00:00.000Z');
    expect(past[59].at).toBe('2026-11-30T06:00:00.000Z');
    expect(demoHistory(current, 60)).toStrictEqual(past);
  });

  it('moves: worse a month ago than a week ago, and up again this week', () => {
    const points = trendSeries([...demoHistory(current, 60), current], 61, {
      now: '2026-12-01T12:00:00.000Z',
    });
    const errors = points.map(p => p.errors + p.warnings);
    const at = (daysAgo: number) => errors[errors.length - 1 - daysAgo];
    expect(new Set(errors).size).toBeGreaterThan(5);
    expect(at(40)).toBeGreaterThan(at(7));
    expect(at(0)).toBeGreaterThan(at(7) - 1);
  });

  it('has a few movers this week, not every entity', () => {
    const movers = historyMovers([...demoHistory(current, 60), current]);
    expect(movers.length).toBeGreaterThan(0);
    expect(movers.length).toBeLessThanOrEqual(2);
  });
});
