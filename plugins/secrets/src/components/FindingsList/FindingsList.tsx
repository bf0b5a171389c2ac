import type { Finding, Severity } from '@ameideio/plugin-secrets-common';
import { findingTypeLabel } from '@ameideio/plugin-secrets-common';
import { CopyTextButton, Link } from '@backstage/core-components';
import {
  Box,
  FormControl,
  InputLabel,
  List,
  ListItem,
  makeStyles,
  MenuItem,
  OutlinedInput,
  Paper,
  Select,
  TablePagination,
  Typography,
} from '@material-ui/core';
import { useMemo, useState } from 'react';
import { SeverityChip, usePaged } from '../common';
import { fixFindingLink } from './fixLink';

type EntityFinding = Finding & { sourceUrl?: string };

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const useStyles = makeStyles(theme => ({
  item: {
    display: 'block',
    borderBottom: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(1.5, 2),
  },
  head: {
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'center',
    flexWrap: 'wrap',
  },
  message: { marginTop: theme.spacing(0.5) },
  actions: { margin: theme.spacing(0.5, 0), paddingLeft: theme.spacing(2.5) },
  severity: { minWidth: 160 },
  command: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    background: theme.palette.background.default,
    borderRadius: 4,
    padding: theme.spacing(0.5, 1),
    marginTop: theme.spacing(1),
    '& code': { whiteSpace: 'pre-wrap', wordBreak: 'break-all', flex: 1 },
  },
}));

const FindingLocation = ({ finding }: { finding: EntityFinding }) => {
  const ref = finding.sourceRef;
  if (!ref?.file) return null;
  const text = ref.line ? `${ref.file}:${ref.line}` : ref.file;
  return (
    <Typography variant="body2">
      File:{' '}
      {finding.sourceUrl ? (
        <Link to={finding.sourceUrl}>{text}</Link>
      ) : (
        <code>{text}</code>
      )}
    </Typography>
  );
};

const FindingItem = ({ finding }: { finding: EntityFinding }) => {
  const classes = useStyles();
  const fix = finding.proposedFix;
  const fixLink = fixFindingLink(finding);
  return (
    <ListItem className={classes.item} data-testid={`finding-${finding.id}`}>
      <div className={classes.head}>
        <SeverityChip severity={finding.severity} />
        <Typography variant="subtitle2" component="h3" title={finding.type}>
          {findingTypeLabel(finding.type)}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {finding.subject.kind} {finding.subject.name}
          {finding.subject.property ? `#${finding.subject.property}` : ''}
          {finding.environment ? ` in ${finding.environment}` : ''}
        </Typography>
      </div>
      <Typography variant="body2" className={classes.message}>
        {finding.message}
      </Typography>
      <FindingLocation finding={finding} />
      {fix && (
        <Box mt={1}>
          <Typography variant="body2">
            <strong>Fix:</strong> {fix.title}
          </Typography>
          {fix.actions?.length > 0 && (
            <ul className={classes.actions}>
              {fix.actions.map(a => (
                <li key={a}>
                  <Typography variant="body2">{a}</Typography>
                </li>
              ))}
            </ul>
          )}
          {fix.command && (
            <div className={classes.command}>
              <code>{fix.command}</code>
              <CopyTextButton
                text={fix.command}
                aria-label={`Copy the remediation command for ${finding.subject.name}`}
                tooltipText="Command copied"
              />
            </div>
          )}
          {fix.docsLink && <Link to={fix.docsLink}>Documentation</Link>}
          {fixLink && (
            <Typography variant="body2">
              <Link
                to={fixLink}
                aria-label={`Fix this finding: ${findingTypeLabel(
                  finding.type,
                )} ${finding.subject.name}, as a pull request`}
              >
                Fix this finding (pull request)
              </Link>
            </Typography>
          )}
        </Box>
      )}
    </ListItem>
  );
};

/** Findings with severity, explanation, file link and a copyable remediation. */
export const FindingsList = (props: { findings: EntityFinding[] }) => {
  const classes = useStyles();
  const [severity, setSeverity] = useState<'' | Severity>('');
  const sorted = useMemo(
    () =>
      props.findings
        .filter(f => !severity || f.severity === severity)
        .sort((a, b) => (ORDER[a.severity] ?? 3) - (ORDER[b.severity] ?? 3)),
    [props.findings, severity],
  );
  const { visible, paginationProps } = usePaged(sorted, 10);
  return (
    <Paper variant="outlined">
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        px={2}
        pt={1.5}
      >
        <Typography variant="h6" component="h2" id="secrets-findings-title">
          Findings ({props.findings.length})
        </Typography>
        <FormControl
          size="small"
          variant="outlined"
          className={classes.severity}
        >
          <InputLabel id="findings-severity-label" shrink>
            Severity
          </InputLabel>
          <Select
            displayEmpty
            labelId="findings-severity-label"
            input={<OutlinedInput notched label="Severity" />}
            value={severity}
            onChange={e => setSeverity(e.target.value as '' | Severity)}
          >
            <MenuItem value="">All</MenuItem>
            <MenuItem value="error">Error</MenuItem>
            <MenuItem value="warning">Warning</MenuItem>
            <MenuItem value="info">Info</MenuItem>
          </Select>
        </FormControl>
      </Box>
      {sorted.length === 0 ? (
        <Box px={2} py={2}>
          <Typography variant="body2">
            {props.findings.length === 0
              ? 'No findings: every guardrail passes for this chart.'
              : 'No findings with this severity.'}
          </Typography>
        </Box>
      ) : (
        <List aria-labelledby="secrets-findings-title">
          {visible.map(f => (
            <FindingItem key={f.id} finding={f} />
          ))}
        </List>
      )}
      {sorted.length > 10 && (
        <TablePagination component="div" {...paginationProps} />
      )}
    </Paper>
  );
};
