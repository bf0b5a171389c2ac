import type { HistoryMover } from '@ameideio/plugin-secrets-common';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';

/** The week's movers: the entities whose error count rose most. */
export const HistoryMovers = (props: {
  movers: HistoryMover[];
  hidden?: number;
}) => (
  <Box mt={2}>
    <Typography variant="subtitle2" component="h3" id="secrets-history-movers">
      This week's movers
    </Typography>
    {props.movers.length === 0 && !props.hidden ? (
      <Typography variant="body2" color="textSecondary">
        No entity has more errors than a week ago.
      </Typography>
    ) : (
      <Table size="small" aria-labelledby="secrets-history-movers">
        <TableHead>
          <TableRow>
            <TableCell>Entity</TableCell>
            <TableCell align="right">Errors a week ago</TableCell>
            <TableCell align="right">Errors now</TableCell>
            <TableCell align="right">Change</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.movers.map(m => (
            <TableRow key={m.entityRef} data-testid="secrets-mover">
              <TableCell>
                <EntityRefLink entityRef={m.entityRef} />
              </TableCell>
              <TableCell align="right">{m.before}</TableCell>
              <TableCell align="right">{m.after}</TableCell>
              <TableCell align="right">+{m.delta}</TableCell>
            </TableRow>
          ))}
          {(props.hidden ?? 0) > 0 && (
            <TableRow>
              <TableCell colSpan={4}>
                <Typography variant="body2" color="textSecondary">
                  and {props.hidden} entities you cannot see
                </Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    )}
  </Box>
);
