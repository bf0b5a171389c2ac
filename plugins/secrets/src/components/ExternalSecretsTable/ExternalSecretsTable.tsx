import type {
  EntityExternalSecret,
  LiveStoreStatus,
} from '@ameideio/plugin-secrets-common';
import {
  IconButton,
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
import KeyboardArrowDown from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRight from '@material-ui/icons/KeyboardArrowRight';
import { Fragment, useState } from 'react';
import { usePaged } from '../common';
import { ExternalSecretDetails } from './ExternalSecretDetails';

const COLUMNS = [
  'ExternalSecret',
  'Target Secret',
  'Store',
  'Refresh',
  'Origin',
  'Keys',
];

const domId = (id: string) =>
  `es-details-${id.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** ExternalSecrets with expandable rows; paged so 300 rows stay fast. */
export const ExternalSecretsTable = (props: {
  externalSecrets: EntityExternalSecret[];
  environments: string[];
  stores?: LiveStoreStatus[];
}) => {
  const { visible, paginationProps } = usePaged(props.externalSecrets, 10);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen(prev => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Paper variant="outlined">
      <Typography
        variant="h6"
        component="h2"
        style={{ padding: '12px 16px 0' }}
        id="secrets-table-title"
      >
        ExternalSecrets
      </Typography>
      <TableContainer>
        <Table size="small" aria-labelledby="secrets-table-title">
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">
                <span style={{ position: 'absolute', left: -10000 }}>
                  Details
                </span>
              </TableCell>
              {COLUMNS.map(c => (
                <TableCell key={c} component="th" scope="col">
                  {c}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {visible.map(es => {
              const isOpen = open.has(es.id);
              return (
                <Fragment key={es.id}>
                  <TableRow hover data-testid={`es-row-${es.name}`}>
                    <TableCell padding="checkbox">
                      <IconButton
                        size="small"
                        aria-label={`${isOpen ? 'Hide' : 'Show'} details of ${
                          es.name
                        }`}
                        aria-expanded={isOpen}
                        aria-controls={isOpen ? domId(es.id) : undefined}
                        onClick={() => toggle(es.id)}
                      >
                        {isOpen ? (
                          <KeyboardArrowDown />
                        ) : (
                          <KeyboardArrowRight />
                        )}
                      </IconButton>
                    </TableCell>
                    <TableCell component="th" scope="row">
                      {es.name}
                      {es.namespace ? (
                        <Typography
                          variant="caption"
                          display="block"
                          color="textSecondary"
                        >
                          {es.namespace}
                        </Typography>
                      ) : null}
                    </TableCell>
                    <TableCell>{es.targetSecret}</TableCell>
                    <TableCell>
                      {es.storeRef.kind}/{es.storeRef.name}
                    </TableCell>
                    <TableCell>{es.refreshInterval ?? 'default'}</TableCell>
                    <TableCell>{es.origin}</TableCell>
                    <TableCell>{es.keys.length}</TableCell>
                  </TableRow>
                  {isOpen && (
                    <TableRow id={domId(es.id)}>
                      <TableCell colSpan={COLUMNS.length + 1}>
                        <ExternalSecretDetails
                          externalSecret={es}
                          environments={props.environments}
                          stores={props.stores}
                        />
                      </TableCell>
                    </TableRow>
                  )}
                </Fragment>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {props.externalSecrets.length > 10 && (
        <TablePagination component="div" {...paginationProps} />
      )}
    </Paper>
  );
};
