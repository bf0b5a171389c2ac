import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { OverviewEntityRow } from '@ameideio/plugin-secrets-common';
import useAsync from 'react-use/esm/useAsync';
import { secretsApiRef } from '../../api';

const columns: TableColumn<OverviewEntityRow>[] = [
  { title: 'Entity', field: 'entityRef', highlight: true },
  { title: 'Owner', field: 'owner' },
  { title: 'ExternalSecrets', field: 'externalSecrets', type: 'numeric' },
  {
    title: 'Fixture coverage',
    render: row => (row.fixtureCoverage === null ? 'n/a' : `${row.fixtureCoverage}%`),
  },
  { title: 'Sync errors', field: 'syncErrors', type: 'numeric' },
  {
    title: 'Findings',
    render: row =>
      `${row.findingsBySeverity.error} error / ${row.findingsBySeverity.warning} warning`,
  },
];

/** The platform team's ownership review. @public */
export const SecretsOverviewPage = () => {
  const api = useApi(secretsApiRef);
  const { value, loading, error } = useAsync(() => api.getOverview(), [api]);
  return (
    <Page themeId="tool">
      <Header title="Secrets" subtitle="Ownership review across every chart and environment" />
      <Content>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <Table
            title="Entities"
            columns={columns}
            data={value.entities.items}
            options={{ paging: true, pageSize: 20 }}
          />
        )}
      </Content>
    </Page>
  );
};
