import {
  Content,
  EmptyState,
  InfoCard,
  MissingAnnotationEmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  SECRETS_CHART_ANNOTATION,
  type EntityExternalSecret,
  type EntitySecretsResponse,
} from '@ameideio/plugin-secrets-common';
import { Chip, Grid, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { secretsApiRef } from '../../api';
import { isSecretsAvailable } from '../../isSecretsAvailable';

const columns: TableColumn<EntityExternalSecret>[] = [
  { title: 'ExternalSecret', field: 'name', highlight: true },
  { title: 'Namespace', field: 'namespace' },
  { title: 'Target Secret', field: 'targetSecret' },
  {
    title: 'Store',
    render: row => `${row.storeRef.kind}/${row.storeRef.name}`,
  },
  { title: 'Origin', field: 'origin' },
  { title: 'Keys', render: row => row.keys.length },
];

/** The summary line: counts, coverage, errors and refresh time. */
export const SecretsSummary = ({ data }: { data: EntitySecretsResponse }) => {
  const { summary } = data;
  const coverage =
    summary.fixtureCoverage === null ? 'n/a' : `${summary.fixtureCoverage}%`;
  return (
    <Grid container spacing={2} aria-label="Secrets summary">
      <Grid item>
        <Chip label={`${summary.externalSecrets} ExternalSecrets`} />
      </Grid>
      <Grid item>
        <Chip label={`Fixture coverage ${coverage}`} />
      </Grid>
      <Grid item>
        <Chip label={`${summary.syncErrors} sync errors`} />
      </Grid>
      <Grid item>
        <Chip
          label={`Findings: ${summary.findingsBySeverity.error} error, ${summary.findingsBySeverity.warning} warning, ${summary.findingsBySeverity.info} info`}
        />
      </Grid>
      {summary.refreshedAt && (
        <Grid item>
          <Typography variant="body2">
            Refreshed {new Date(summary.refreshedAt).toLocaleString()}
          </Typography>
        </Grid>
      )}
    </Grid>
  );
};

const SecretsBody = () => {
  const { entity } = useEntity();
  const api = useApi(secretsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getEntitySecrets(getCompoundEntityRef(entity)),
    [api, entity],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const degraded = value.sources.filter(s => s.status !== 'ok' && s.status !== 'disabled');
  return (
    <Grid container spacing={3} direction="column">
      {degraded.map(source => (
        <Grid item key={source.id}>
          <WarningPanel title={source.message ?? `${source.id} is ${source.status}`} />
        </Grid>
      ))}
      <Grid item>
        <SecretsSummary data={value} />
      </Grid>
      <Grid item>
        {value.externalSecrets.length === 0 ? (
          <EmptyState
            missing="content"
            title="This chart owns no ExternalSecrets"
            description="Nothing in the chart or its values declares an ExternalSecret."
          />
        ) : (
          <Table
            title="ExternalSecrets"
            columns={columns}
            data={value.externalSecrets}
            options={{ paging: value.externalSecrets.length > 20, pageSize: 20 }}
          />
        )}
      </Grid>
    </Grid>
  );
};

/** The Secrets tab. @public */
export const EntitySecretsContent = () => {
  const { entity } = useEntity();
  if (!isSecretsAvailable(entity)) {
    return <MissingAnnotationEmptyState annotation={SECRETS_CHART_ANNOTATION} />;
  }
  return (
    <Content>
      <SecretsBody />
    </Content>
  );
};

/** A compact summary card for an overview tab. @public */
export const EntitySecretsSummaryCard = () => (
  <InfoCard title="Secrets">
    <SecretsBody />
  </InfoCard>
);
