import {
  cellLabel,
  degradedHeadline,
  formatAge,
  formatAgeMs,
  formatCoverage,
  sourceDataAgeMs,
  sourceDetail,
  sourceLabel,
} from './format';

const now = Date.parse('2026-01-01T12:00:00Z');

describe('format', () => {
  it('formats ages', () => {
    expect(formatAge(undefined, now)).toBeUndefined();
    expect(formatAge('2026-01-01T11:59:50Z', now)).toBe('just now');
    expect(formatAge('2026-01-01T11:48:00Z', now)).toBe('12 min ago');
    expect(formatAge('2026-01-01T09:00:00Z', now)).toBe('3 h ago');
    expect(formatAge('2025-12-28T12:00:00Z', now)).toBe('4 days ago');
  });

  it('formats ages in milliseconds', () => {
    expect(formatAgeMs(0)).toBe('just now');
    expect(formatAgeMs(29_999)).toBe('just now');
    expect(formatAgeMs(-5_000)).toBe('just now');
    expect(formatAgeMs(12 * 60_000)).toBe('12 min ago');
    expect(formatAgeMs(59 * 60_000)).toBe('59 min ago');
    expect(formatAgeMs(60 * 60_000)).toBe('1 h ago');
    expect(formatAgeMs(47 * 3_600_000)).toBe('47 h ago');
    expect(formatAgeMs(72 * 3_600_000)).toBe('3 days ago');
    expect(formatAge('not a date', now)).toBeUndefined();
  });

  it('takes the data age from the last success, else from the backend', () => {
    const base = { id: 'vault:staging', kind: 'vault' as const };
    expect(
      sourceDataAgeMs(
        { ...base, status: 'stale', lastSuccessAt: '2026-01-01T11:48:00Z' },
        now,
      ),
    ).toBe(12 * 60_000);
    expect(
      sourceDataAgeMs({ ...base, status: 'stale', dataAgeMs: 90_000 }, now),
    ).toBe(90_000);
    expect(sourceDataAgeMs({ ...base, status: 'error' }, now)).toBeUndefined();
    expect(
      degradedHeadline(
        { ...base, environment: 'staging', status: 'stale', dataAgeMs: 3e6 },
        now,
      ),
    ).toBe('Vault staging stale: data from 50 min ago');
  });

  it("reads the source's own text without a backend-written age", () => {
    const base = { id: 'vault:staging', kind: 'vault' as const };
    expect(
      sourceDetail({
        ...base,
        status: 'stale',
        detail: 'permission denied (403)',
        message: 'permission denied (403), data from 3 min ago',
      }),
    ).toBe('permission denied (403)');
    // an older backend sends only the message
    expect(
      sourceDetail({
        ...base,
        status: 'stale',
        message: 'permission denied (403), data from less than a minute ago',
      }),
    ).toBe('permission denied (403)');
    expect(sourceDetail({ ...base, status: 'ok' })).toBeUndefined();
  });

  it('writes the degraded source headline the banner shows', () => {
    const source = {
      id: 'vault:staging',
      kind: 'vault' as const,
      environment: 'staging',
      status: 'stale' as const,
      errorClass: 'sealed' as const,
      lastSuccessAt: '2026-01-01T11:48:00Z',
    };
    expect(sourceLabel(source)).toBe('Vault staging');
    expect(degradedHeadline(source, now)).toBe(
      'Vault staging sealed: data from 12 min ago',
    );
    expect(
      degradedHeadline({ id: 'gitops', kind: 'gitops', status: 'error' }, now),
    ).toBe('GitOps repository unavailable: no data yet');
  });

  it('labels every cell state with text', () => {
    expect(cellLabel('ready')).toBe('Ready');
    expect(cellLabel('missing-in-cluster')).toBe('Missing in cluster');
    expect(cellLabel('disabled')).toBe('Disabled in env');
    expect(cellLabel('unknown')).toBe('No live status');
    expect(formatCoverage(null)).toBe('n/a');
    expect(formatCoverage(87.5)).toBe('87.5%');
  });
});
