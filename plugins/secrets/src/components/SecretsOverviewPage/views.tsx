import type {
  LiveExternalSecretStatus,
  OverviewEntityRow,
  OverviewResponse,
  OwnershipConflict,
} from '@ameideio/plugin-secrets-common';
import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
} from '@material-ui/core';
import type { ReactNode } from 'react';
import { formatCoverage, StatusChip, usePaged } from '../common';
import type { CsvCell } from './csv';

type Orphan = OverviewResponse['orphanFixtures'][number];

/** A view of the review page: its table columns and the same rows as CSV. */
export interface ReviewView<T> {
  id: string;
  label: string;
  empty: string;
  header: string[];
  key: (row: T) => string;
  csv: (row: T) => CsvCell[];
  cells: (row: T) => ReactNode[];
}

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

export const entitiesView: ReviewView<OverviewEntityRow> = {
  id: 'entities',
  label: 'Entities',
  empty: 'No entity matches these filters.',
  header: [
    'Entity',
    'Owner',
    'ExternalSecrets',
    'Coverage',
    'Sync errors',
    'Errors',
    'Warnings',
    'Info',
    'Finding types',
  ],
  key: r => r.entityRef,
  csv: r => [
    r.entityRef,
    r.owner,
    r.externalSecrets,
    r.fixtureCoverage,
    r.syncErrors,
    r.findingsBySeverity.error,
    r.findingsBySeverity.warning,
    r.findingsBySeverity.info,
    r.findingTypes.join(' '),
  ],
  cells: r => [
    <EntityLink entityRef={r.entityRef} />,
    r.owner ?? 'no owner',
    r.externalSecrets,
    formatCoverage(r.fixtureCoverage),
    r.syncErrors,
    r.findingsBySeverity.error,
    r.findingsBySeverity.warning,
    r.findingsBySeverity.info,
    r.findingTypes.join(', ') || 'none',
  ],
};

export const conflictsView: ReviewView<OwnershipConflict> = {
  id: 'conflicts',
  label: 'Conflicts',
  empty: 'No target Secret has two owners.',
  header: ['Environment', 'Namespace', 'Target Secret', 'Owners'],
  key: r => `${r.environment}/${r.namespace ?? ''}/${r.targetSecret}`,
  csv: r => [
    r.environment,
    r.namespace,
    r.targetSecret,
    r.owners
      .map(o => `${o.entityRef ?? o.release} (${fileRef(o.file, o.line)})`)
      .join(' | '),
  ],
  cells: r => [
    r.environment,
    r.namespace ?? '',
    <code>{r.targetSecret}</code>,
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {r.owners.map(o => (
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
    </ul>,
  ],
};

export const unownedView: ReviewView<LiveExternalSecretStatus> = {
  id: 'unowned',
  label: 'Unowned in clusters',
  empty: 'Every ExternalSecret found in the clusters is declared by a chart.',
  header: [
    'Cluster',
    'Environment',
    'Namespace',
    'ExternalSecret',
    'Target Secret',
    'Ready',
  ],
  key: r => `${r.cluster}/${r.namespace}/${r.name}`,
  csv: r => [
    r.cluster,
    r.environment,
    r.namespace,
    r.name,
    r.targetSecret,
    `${r.ready}${r.reason ? ` ${r.reason}` : ''}`,
  ],
  cells: r => [
    r.cluster,
    r.environment ?? '',
    r.namespace,
    r.name,
    r.targetSecret ?? '',
    <StatusChip
      tone={r.ready === 'True' ? 'ok' : 'error'}
      label={`${r.ready === 'True' ? 'Ready' : 'Not ready'}${
        r.reason ? `: ${r.reason}` : ''
      }`}
    />,
  ],
};

export const orphansView: ReviewView<Orphan> = {
  id: 'orphans',
  label: 'Orphan fixtures',
  empty: 'Every fixture is consumed by an ExternalSecret.',
  header: ['Vault key', 'Property', 'Environment', 'File'],
  key: r => `${r.environment}/${r.key}#${r.property}/${r.file}:${r.line ?? ''}`,
  csv: r => [r.key, r.property, r.environment, fileRef(r.file, r.line)],
  cells: r => [
    <code>{r.key}</code>,
    r.property,
    r.environment,
    <code>{fileRef(r.file, r.line)}</code>,
  ],
};

/** A paged table of one review view. */
export function ReviewTable<T>(props: { view: ReviewView<T>; rows: T[] }) {
  const { view, rows } = props;
  const { visible, paginationProps } = usePaged(rows, 25);
  if (rows.length === 0) {
    return (
      <Typography
        variant="body2"
        style={{ padding: 16 }}
        data-testid={`empty-${view.id}`}
      >
        {view.empty}
      </Typography>
    );
  }
  return (
    <Paper variant="outlined">
      <TableContainer>
        <Table size="small" aria-label={view.label}>
          <TableHead>
            <TableRow>
              {view.header.map(h => (
                <TableCell
                  key={h}
                  component="th"
                  scope="col"
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {h}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {visible.map(row => (
              <TableRow key={view.key(row)} hover>
                {view.cells(row).map((c, i) => (
                  <TableCell
                    key={view.header[i]}
                    component={i === 0 ? 'th' : 'td'}
                    scope={i === 0 ? 'row' : undefined}
                  >
                    {c}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {rows.length > 25 && (
        <TablePagination component="div" {...paginationProps} />
      )}
    </Paper>
  );
}
