import type { EntityExternalSecret } from '@ameideio/plugin-secrets-common';
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
import { CellChip, usePaged } from '../common';

/** Each ExternalSecret against each environment, one status chip per cell. */
export const EnvironmentMatrix = (props: {
  externalSecrets: EntityExternalSecret[];
  environments: string[];
}) => {
  const { visible, paginationProps } = usePaged(props.externalSecrets, 10);
  return (
    <Paper variant="outlined">
      <Typography
        variant="h6"
        component="h2"
        style={{ padding: '12px 16px 0' }}
        id="secrets-matrix-title"
      >
        Environment matrix
      </Typography>
      <TableContainer>
        <Table size="small" aria-labelledby="secrets-matrix-title">
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                ExternalSecret
              </TableCell>
              {props.environments.map(env => (
                <TableCell key={env} component="th" scope="col">
                  {env}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {visible.map(es => (
              <TableRow key={es.id}>
                <TableCell component="th" scope="row">
                  {es.name}
                </TableCell>
                {props.environments.map(env => {
                  const cell = es.cells?.[env];
                  return (
                    <TableCell key={env}>
                      <CellChip
                        state={cell?.state ?? 'unknown'}
                        reason={cell?.reason}
                        message={cell?.message}
                      />
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {props.externalSecrets.length > 10 && (
        <TablePagination component="div" {...paginationProps} />
      )}
    </Paper>
  );
};
