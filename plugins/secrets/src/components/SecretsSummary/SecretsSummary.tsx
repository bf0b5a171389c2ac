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

const FINDING_STATS = [
  { severity: 'error', label: 'Error findings' },
  { severity: 'warning', label: 'Warning findings' },
  { severity: 'info', label: 'Info findings' },
] as const;

/** The summary line of the Secrets tab: counts, coverage, sync errors, findings, freshness. */
export const SecretsSummary = (props: {
  summary: EntitySecretsSummary;
  now?: number;
}) => {
  const classes = useStyles();
  const { summary } = props;
  const sev = summary.findingsBySeverity ?? { error: 0, warning: 0, info: 0 };
  const age = formatAge(summary.refreshedAt, props.now);
  const stats = [
    {
      testId: 'summary-externalsecrets',
      label: 'ExternalSecrets owned',
      value: String(summary.externalSecrets),
    },
    {
      testId: 'summary-coverage',
      label: 'Fixture coverage',
      value: formatCoverage(summary.fixtureCoverage),
    },
    {
      testId: 'summary-sync-errors',
      label: 'Sync errors',
      value: String(summary.syncErrors),
    },
    ...FINDING_STATS.map(({ severity, label }) => ({
      testId: `summary-findings-${severity}`,
      label,
      value: String(sev[severity]),
    })),
  ];
  return (
    <Box>
      <dl className={classes.root} aria-label="Secrets summary">
        {stats.map(stat => (
          <Stat key={stat.testId} {...stat} />
        ))}
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
