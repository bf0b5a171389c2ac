import {
  SECRETS_CHART_ANNOTATION,
  type EntitySecretsResponse,
  type LiveExternalSecretStatus,
} from '@ameideio/plugin-secrets-common';
import {
  EmptyState,
  MissingAnnotationEmptyState,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Box,
  InputAdornment,
  Paper,
  TextField,
  Typography,
} from '@material-ui/core';
import SearchIcon from '@material-ui/icons/Search';
import { useDeferredValue, useMemo, useState } from 'react';
import { isSecretsAvailable } from '../../isSecretsAvailable';
import { EnvironmentMatrix } from '../EnvironmentMatrix';
import { ExternalSecretsTable } from '../ExternalSecretsTable';
import { FindingsList } from '../FindingsList';
import { EntityHistoryCard } from '../HistoryTrend';
import { SecretsSummary } from '../SecretsSummary';
import { SecretsError, SecretsLoading } from '../StatusStates';
import { SourceBanners } from '../SourceBanners';
import { useEntitySecrets } from './useEntitySecrets';

/** ExternalSecrets in a cluster labelled for this entity that no chart declares. */
const UnownedList = ({ items }: { items: LiveExternalSecretStatus[] }) => (
  <Paper variant="outlined">
    <Box px={2} pt={1.5}>
      <Typography variant="h6" component="h2">
        Unowned in clusters ({items.length})
      </Typography>
      <Typography variant="body2" color="textSecondary">
        These ExternalSecrets carry this entity's Kubernetes label but no chart
        declares them: adopt them in the chart or delete them.
      </Typography>
    </Box>
    <ul>
      {items.map(u => (
        <li key={`${u.cluster}/${u.namespace}/${u.name}`}>
          <Typography variant="body2">
            <code>
              {u.namespace}/{u.name}
            </code>{' '}
            in {u.cluster}
            {u.environment ? ` (${u.environment})` : ''}, target Secret{' '}
            {u.targetSecret ?? 'unknown'}
          </Typography>
        </li>
      ))}
    </ul>
  </Paper>
);

/** The loaded view: banners, summary, matrix, table and findings. */
export const EntitySecretsView = ({
  data,
  trend,
}: {
  data: EntitySecretsResponse;
  /** The trend card, shown under the summary. */
  trend?: JSX.Element;
}) => {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const environments = data.environments ?? [];
  const externalSecrets = useMemo(() => {
    const q = deferred.trim().toLocaleLowerCase('en-US');
    const all = data.externalSecrets ?? [];
    if (!q) return all;
    return all.filter(
      es =>
        es.name.toLocaleLowerCase('en-US').includes(q) ||
        es.targetSecret.toLocaleLowerCase('en-US').includes(q) ||
        es.keys.some(k => k.key.toLocaleLowerCase('en-US').includes(q)),
    );
  }, [data.externalSecrets, deferred]);
  const total = data.externalSecrets?.length ?? 0;

  return (
    <Box display="flex" flexDirection="column" gridGap={24}>
      <SourceBanners sources={data.sources} />
      <SecretsSummary summary={data.summary} />
      {trend}
      {total === 0 ? (
        <EmptyState
          missing="content"
          title="This chart owns no ExternalSecrets"
          description={`Nothing rendered from ${
            data.chart ?? 'the chart'
          } (releases: ${
            data.releases?.join(', ') || 'none found'
          }) declares an ExternalSecret, so there is nothing to govern here. Shared secrets come from the platform's foundation charts.`}
        />
      ) : (
        <>
          <Box display="flex" alignItems="center" gridGap={16}>
            <TextField
              size="small"
              variant="outlined"
              id="secrets-es-filter"
              label="Filter ExternalSecrets"
              placeholder="name, target Secret or Vault key"
              value={query}
              onChange={e => setQuery(e.target.value)}
              InputProps={{
                startAdornment: (
                  <InputAdornment position="start">
                    <SearchIcon aria-hidden />
                  </InputAdornment>
                ),
              }}
            />
            <Typography
              variant="body2"
              color="textSecondary"
              aria-live="polite"
            >
              {externalSecrets.length === total
                ? `${total} ExternalSecrets`
                : `${externalSecrets.length} of ${total} ExternalSecrets`}
            </Typography>
          </Box>
          <EnvironmentMatrix
            externalSecrets={externalSecrets}
            environments={environments}
          />
          <ExternalSecretsTable
            externalSecrets={externalSecrets}
            environments={environments}
            stores={data.stores}
          />
        </>
      )}
      {(data.unownedExternalSecrets?.length ?? 0) > 0 && (
        <UnownedList items={data.unownedExternalSecrets!} />
      )}
      <FindingsList findings={data.findings ?? []} />
    </Box>
  );
};

const EntitySecretsLoader = () => {
  const { entity } = useEntity();
  const { value, loading, error, retry } = useEntitySecrets(entity);
  if (loading && !value)
    return <SecretsLoading label="Loading the secret governance view…" />;
  if (error) {
    return (
      <SecretsError
        error={error}
        permission="secrets.entity.read"
        onRetry={retry}
      />
    );
  }
  if (!value) return null;
  return (
    <EntitySecretsView
      data={value}
      trend={<EntityHistoryCard entityRef={stringifyEntityRef(entity)} />}
    />
  );
};

/**
 * The Secrets tab: what the entity's chart declares, how it syncs per
 * environment, and what the guardrails found. Never shows a secret value.
 * @public
 */
export const EntitySecretsContent = () => {
  const { entity } = useEntity();
  if (!isSecretsAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState annotation={SECRETS_CHART_ANNOTATION} />
    );
  }
  return (
    <Box p={0}>
      <EntitySecretsLoader />
    </Box>
  );
};
