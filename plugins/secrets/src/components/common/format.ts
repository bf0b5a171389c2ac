import type {
  CellState,
  FixtureState,
  SourceHealth,
} from '@ameideio/plugin-secrets-common';

/** "just now", "12 min ago", "3 h ago", "2 days ago" for an age in milliseconds. */
export function formatAgeMs(ageMs: number): string {
  const minutes = Math.max(0, Math.round(ageMs / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** {@link formatAgeMs} of an ISO time, relative to `now`; undefined without a valid time. */
export function formatAge(
  iso: string | undefined,
  now: number = Date.now(),
): string | undefined {
  if (!iso) return undefined;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return undefined;
  return formatAgeMs(now - then);
}

/**
 * Age of the data a source serves, in milliseconds: from its last success
 * (so it keeps growing while the page stays open), else the age the backend
 * measured; undefined when it never had data.
 */
export function sourceDataAgeMs(
  source: SourceHealth,
  now: number = Date.now(),
): number | undefined {
  const then = source.lastSuccessAt ? Date.parse(source.lastSuccessAt) : NaN;
  if (!Number.isNaN(then)) return Math.max(0, now - then);
  return typeof source.dataAgeMs === 'number' ? source.dataAgeMs : undefined;
}

const KIND_LABEL: Record<SourceHealth['kind'], string> = {
  gitops: 'GitOps repository',
  cluster: 'Cluster',
  vault: 'Vault',
};

/** "Vault staging", "Cluster prod-eu", "GitOps repository". */
export function sourceLabel(source: SourceHealth): string {
  const kind = KIND_LABEL[source.kind] ?? source.kind;
  return source.environment ? `${kind} ${source.environment}` : kind;
}

/**
 * The source's own text: `detail`, or from an older backend its `message`
 * without the age it appended (the frontend writes the age itself).
 */
export function sourceDetail(source: SourceHealth): string | undefined {
  if (source.detail) return source.detail;
  return source.message?.replace(/, data from [^,]* ago$/, '') || undefined;
}

/** True when the source's data is older than it should be or missing. */
export function isDegraded(source: SourceHealth): boolean {
  return source.status === 'stale' || source.status === 'error';
}

/** The one-line banner text, e.g. "Vault staging sealed: data from 12 min ago". */
export function degradedHeadline(
  source: SourceHealth,
  now: number = Date.now(),
): string {
  const what =
    source.errorClass ?? (source.status === 'stale' ? 'stale' : 'unavailable');
  const ageMs = sourceDataAgeMs(source, now);
  const tail =
    ageMs === undefined ? 'no data yet' : `data from ${formatAgeMs(ageMs)}`;
  return `${sourceLabel(source)} ${what}: ${tail}`;
}

const CELL_LABELS = new Map<CellState, string>([
  ['ready', 'Ready'],
  ['error', 'Error'],
  ['missing-in-cluster', 'Missing in cluster'],
  ['disabled', 'Disabled in env'],
  ['not-installed', 'Not installed'],
]);

/** Text of an environment-matrix cell: never colour alone. */
export function cellLabel(state: CellState): string {
  return CELL_LABELS.get(state) ?? 'No live status';
}

const FIXTURE_LABELS = new Map<FixtureState, string>([
  ['present', 'Fixture present'],
  ['missing', 'Fixture missing'],
  ['empty-override', 'Empty override'],
  ['other-writer', 'Written by another producer'],
]);

/** Text of a fixture coverage state. */
export function fixtureLabel(state: FixtureState): string {
  return FIXTURE_LABELS.get(state) ?? 'n/a';
}

/** Text for a tri-state boolean: yes, no, or not known. */
export function triState(
  value: boolean | null | undefined,
  yes: string,
  no: string,
  unknown = 'unknown',
): string {
  if (value === true) return yes;
  if (value === false) return no;
  return unknown;
}

/** Fixture coverage as text; null means no fixture map applies. */
export function formatCoverage(coverage: number | null | undefined): string {
  return coverage === null || coverage === undefined ? 'n/a' : `${coverage}%`;
}
