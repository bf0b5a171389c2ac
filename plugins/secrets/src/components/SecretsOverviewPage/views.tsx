import type {
  LiveExternalSecretStatus,
  OverviewEntityRow,
  OverviewResponse,
  OwnershipConflict,
} from '@ameideio/plugin-secrets-common';
import { findingTypeLabel } from '@ameideio/plugin-secrets-common';
import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { makeStyles, Typography } from '@material-ui/core';
import { useMemo, type ReactNode } from 'react';
import { formatCoverage, OutlinedPagedTable, StatusChip } from '../common';
import type { CsvCell } from './csv';

type Orphan = OverviewResponse['orphanFixtures'][number];

/** One column of a review view: its title, its CSV value (also what it sorts by) and its cell. */
export interface ReviewColumn<T> {
  title: string;
  csv: (row: T) => CsvCell;
  /** The cell; the CSV value as text when absent. */
  cell?: (row: T) => ReactNode;
  noWrap?: boolean;
}

/** A view of the review page: its table columns and the same rows as CSV. */
export interface ReviewView<T> {
  id: string;
  label: string;
  empty: string;
  key: (row: T) => string;
  columns: ReviewColumn<T>[];
}

/** The CSV header of a view. */
export const csvHeader = <T,>(view: ReviewView<T>): string[] =>
  view.columns.map(c => c.title);

/** One row of a view as CSV cells. */
export const csvRow = <T,>(view: ReviewView<T>, row: T): CsvCell[] =>
  view.columns.map(c => c.csv(row));

/** `orders` for `component:default/orders`; kind and namespace only when they are not the defaults. */
export function shortRef(entityRef: string): string {
  try {
    const ref = parseEntityRef(entityRef);
    const kind =
      ref.kind.toLocaleLowerCase('en-US') === 'component' ? '' : `${ref.kind}:`;
    const ns = ref.namespace === 'default' ? '' : `${ref.namespace}/`;
    return `${kind}${ns}${ref.name}`;
  } catch {
    return entityRef;
  }
}

const EntityLink = ({ entityRef }: { entityRef: string }) => {
  const entityRoute = useRouteRef(entityRouteRef);
  let to: string | undefined;
  try {
    const ref = parseEntityRef(entityRef);
    to = `${entityRoute({
      kind: ref.kind.toLocaleLowerCase('en-US'),
      namespace: ref.namespace,
      name: ref.name,
    })}/secrets`;
  } catch {
    to = undefined;
  }
  return to ? (
    <Link to={to} title={entityRef}>
      {shortRef(entityRef)}
    </Link>
  ) : (
    <>{entityRef}</>
  );
};

const fileRef = (file?: string, line?: number) =>
  file && line ? `${file}:${line}` : file ?? '';

const useStyles = makeStyles(theme => ({
  owners: { margin: 0, paddingLeft: theme.spacing(2.25) },
  empty: { padding: theme.spacing(2) },
}));

const Owners = ({ conflict }: { conflict: OwnershipConflict }) => {
  const classes = useStyles();
  return (
    <ul className={classes.owners}>
      {conflict.owners.map(o => (
        <li key={`${o.release}:${o.file}:${o.line ?? ''}`}>
          {o.entityRef ? (
            <EntityLink entityRef={o.entityRef} />
          ) : (
            `release ${o.release}`
          )}{' '}
          <Typography variant="caption" color="textSecondary">
            {fileRef(o.file, o.line)}
          </Typography>
        </li>
      ))}
    </ul>
  );
};

export const entitiesView: ReviewView<OverviewEntityRow> = {
  id: 'entities',
  label: 'Entities',
  empty: 'No entity matches these filters.',
  key: r => r.entityRef,
  columns: [
    {
      title: 'Entity',
      csv: r => r.entityRef,
      cell: r => <EntityLink entityRef={r.entityRef} />,
    },
    { title: 'Owner', csv: r => r.owner, cell: r => r.owner ?? 'no owner' },
    { title: 'ExternalSecrets', csv: r => r.externalSecrets },
    {
      title: 'Coverage',
      csv: r => r.fixtureCoverage,
      cell: r => formatCoverage(r.fixtureCoverage),
    },
    { title: 'Sync errors', csv: r => r.syncErrors },
    { title: 'Errors', csv: r => r.findingsBySeverity.error },
    { title: 'Warnings', csv: r => r.findingsBySeverity.warning },
    { title: 'Info', csv: r => r.findingsBySeverity.info },
    {
      title: 'Finding types',
      // CSV keeps the machine-readable types
      csv: r => r.findingTypes.join(' '),
      cell: r => r.findingTypes.map(findingTypeLabel).join(', ') || 'none',
    },
  ],
};

const ownersText = (r: OwnershipConflict) =>
  r.owners
    .map(o => `${o.entityRef ?? o.release} (${fileRef(o.file, o.line)})`)
    .join(' | ');

export const conflictsView: ReviewView<OwnershipConflict> = {
  id: 'conflicts',
  label: 'Conflicts',
  empty: 'No target Secret has two owners.',
  key: r => `${r.environment}/${r.namespace ?? ''}/${r.targetSecret}`,
  columns: [
    { title: 'Environment', csv: r => r.environment },
    { title: 'Namespace', csv: r => r.namespace },
    {
      title: 'Target Secret',
      csv: r => r.targetSecret,
      cell: r => <code>{r.targetSecret}</code>,
    },
    {
      title: 'Owners',
      csv: ownersText,
      cell: r => <Owners conflict={r} />,
    },
  ],
};

export const unownedView: ReviewView<LiveExternalSecretStatus> = {
  id: 'unowned',
  label: 'Unowned in clusters',
  empty: 'Every ExternalSecret found in the clusters is declared by a chart.',
  key: r => `${r.cluster}/${r.namespace}/${r.name}`,
  columns: [
    { title: 'Cluster', csv: r => r.cluster },
    { title: 'Environment', csv: r => r.environment },
    { title: 'Namespace', csv: r => r.namespace },
    { title: 'ExternalSecret', csv: r => r.name },
    { title: 'Target Secret', csv: r => r.targetSecret },
    {
      title: 'Ready',
      csv: r => `${r.ready}${r.reason ? ` ${r.reason}` : ''}`,
      cell: r => (
        <StatusChip
          tone={r.ready === 'True' ? 'ok' : 'error'}
          label={`${r.ready === 'True' ? 'Ready' : 'Not ready'}${
            r.reason ? `: ${r.reason}` : ''
          }`}
        />
      ),
    },
  ],
};

export const orphansView: ReviewView<Orphan> = {
  id: 'orphans',
  label: 'Orphan fixtures',
  empty: 'Every fixture is consumed by an ExternalSecret.',
  key: r => `${r.environment}/${r.key}#${r.property}/${r.file}:${r.line ?? ''}`,
  columns: [
    { title: 'Vault key', csv: r => r.key, cell: r => <code>{r.key}</code> },
    { title: 'Property', csv: r => r.property },
    { title: 'Environment', csv: r => r.environment },
    {
      title: 'File',
      csv: r => fileRef(r.file, r.line),
      cell: r => <code>{fileRef(r.file, r.line)}</code>,
    },
  ],
};

const csvText = (v: CsvCell) => (v === null || v === undefined ? '' : v);

/** A paged, sortable table of one review view (sorted by the CSV values). */
export function ReviewTable<T extends object>(props: {
  view: ReviewView<T>;
  rows: T[];
}) {
  const { view, rows } = props;
  const classes = useStyles();
  const columns = useMemo(
    () =>
      view.columns.map(c => ({
        title: c.title,
        noWrap: c.noWrap,
        sortValue: (row: T) => {
          const v = c.csv(row);
          return typeof v === 'boolean' ? String(v) : v;
        },
        render: (row: T) => (c.cell ? c.cell(row) : csvText(c.csv(row))),
      })),
    [view],
  );
  if (rows.length === 0) {
    return (
      <Typography
        variant="body2"
        className={classes.empty}
        data-testid={`empty-${view.id}`}
      >
        {view.empty}
      </Typography>
    );
  }
  return (
    <OutlinedPagedTable
      title={view.label}
      showTitle={false}
      columns={columns}
      rows={rows}
      rowKey={view.key}
      pageSize={25}
    />
  );
}
