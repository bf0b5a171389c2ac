import type { HistoryChange } from '@ameideio/plugin-secrets-common';
import { findingTypeLabel } from '@ameideio/plugin-secrets-common';
import { Box, Typography } from '@material-ui/core';
import { SeverityChip } from '../common';

/** At most this many items of each list are shown. */
const SHOWN = 15;

const ChangeList = (props: {
  title: string;
  id: string;
  changes: HistoryChange[];
  hidden?: number;
  showEntity: boolean;
}) => {
  const { changes, hidden = 0 } = props;
  const more = changes.length - SHOWN;
  return (
    <Box flex="1 1 320px" minWidth={0}>
      <Typography variant="subtitle2" component="h3" id={props.id}>
        {props.title} ({changes.length + hidden})
      </Typography>
      {changes.length === 0 && hidden === 0 ? (
        <Typography variant="body2" color="textSecondary">
          None.
        </Typography>
      ) : (
        <ul aria-labelledby={props.id} style={{ paddingLeft: 16, margin: 0 }}>
          {changes.slice(0, SHOWN).map(c => (
            <li key={`${c.entityRef}|${c.environment}|${c.id}`}>
              <Box
                display="flex"
                alignItems="center"
                gridGap={6}
                flexWrap="wrap"
              >
                <SeverityChip severity={c.severity} />
                <Typography variant="body2">
                  {findingTypeLabel(c.type)}
                  {c.environment !== '*' ? ` in ${c.environment}` : ''}
                  {props.showEntity ? ` · ${c.entityRef}` : ''}
                </Typography>
                <Typography variant="caption" color="textSecondary">
                  <code>{c.id}</code>
                </Typography>
              </Box>
            </li>
          ))}
          {more > 0 && (
            <li>
              <Typography variant="body2">and {more} more</Typography>
            </li>
          )}
          {hidden > 0 && (
            <li>
              <Typography variant="body2" color="textSecondary">
                {hidden} in entities you cannot see
              </Typography>
            </li>
          )}
        </ul>
      )}
    </Box>
  );
};

const CHANGE_LISTS = [
  { id: 'secrets-history-new', title: 'New', changes: 'newSince' },
  {
    id: 'secrets-history-resolved',
    title: 'Resolved',
    changes: 'resolvedSince',
  },
] as const;

/** "New since <date>" and "Resolved since <date>". */
export const HistoryChanges = (props: {
  since: string;
  newSince: HistoryChange[];
  resolvedSince: HistoryChange[];
  hidden?: { newSince: number; resolvedSince: number };
  showEntity?: boolean;
}) => {
  const date = props.since.slice(0, 10);
  return (
    <Box display="flex" gridGap={24} flexWrap="wrap" mt={1}>
      {CHANGE_LISTS.map(list => (
        <ChangeList
          key={list.id}
          id={list.id}
          title={`${list.title} since ${date}`}
          changes={props[list.changes]}
          hidden={props.hidden?.[list.changes]}
          showEntity={Boolean(props.showEntity)}
        />
      ))}
    </Box>
  );
};
