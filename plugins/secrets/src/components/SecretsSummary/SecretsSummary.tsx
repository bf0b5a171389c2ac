import type { EntitySecretsSummary } from '@ameideio/plugin-secrets-common';
import { Box, makeStyles, Typography } from '@material-ui/core';
import { formatAge, formatCoverage } from '../common';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    alignItems: 'baseline',
    margin: 0,
    padding: 0,
  },
  item: { display: 'flex', flexDirection: 'column' },
  value: { fontSize: '1.6rem', fontWeight: 600, lineHeight: 1.2, margin: 0 },
  label: { color: theme.palette.text.secondary, fontSize: '0.8rem' },
}));

const Stat = (props: { label: string; value: string; testId: string }) => {
  const classes = useStyles();
  return (
    <div className={classes.item} data-testid={props.testId}>
      <dt className={classes.label}>{props.label}</dt>
      <dd className={classes.value}>{props.value}</dd>
    </div>
  );
};

/** The summary line of the Secrets tab: counts, coverage, sync errors, findings, freshness. */
export const SecretsSummary = (props: {
  summary: EntitySecretsSummary;
  now?: number;
}) => {
  const classes = useStyles();
  const { summary } = props;
  const sev = summary.findingsBySeverity ?? { error: 0, warning: 0, info: 0 };
  const age = formatAge(summary.refreshedAt, props.now);
  return (
    <Box>
      <dl className={classes.root} aria-label="Secrets summary">
        <Stat
          testId="summary-externalsecrets"
          label="ExternalSecrets owned"
          value={String(summary.externalSecrets)}
        />
        <Stat
          testId="summary-coverage"
          label="Fixture coverage"
          value={formatCoverage(summary.fixtureCoverage)}
        />
        <Stat
          testId="summary-sync-errors"
          label="Sync errors"
          value={String(summary.syncErrors)}
        />
        <Stat
          testId="summary-findings-error"
          label="Error findings"
          value={String(sev.error)}
        />
        <Stat
          testId="summary-findings-warning"
          label="Warning findings"
          value={String(sev.warning)}
        />
        <Stat
          testId="summary-findings-info"
          label="Info findings"
          value={String(sev.info)}
        />
      </dl>
      <Typography
        variant="caption"
        color="textSecondary"
        data-testid="summary-refreshed"
      >
        {summary.refreshedAt
          ? `Refreshed ${age} (${new Date(
              summary.refreshedAt,
            ).toLocaleString()})`
          : 'Not refreshed yet'}
      </Typography>
    </Box>
  );
};
