import {
  cellLabel,
  degradedHeadline,
  formatAge,
  formatCoverage,
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
