import type {
  OverviewQuery,
  OverviewResponse,
  Severity,
} from '@ameideio/plugin-secrets-common';
import {
  secretsRefreshPermission,
  SEVERITIES,
} from '@ameideio/plugin-secrets-common';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Content,
  ContentHeader,
  Header,
  Link,
  Page,
} from '@backstage/core-components';
import { useLocation } from 'react-router-dom';
import { ImpactView, impactQueryFrom } from '../ImpactView';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  makeStyles,
  Tab,
  Tabs,
  Typography,
} from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { secretsApiRef } from '../../api';
import { formatAge, SeverityChip } from '../common';
import { SecretsError, SecretsLoading } from '../StatusStates';
import { SourceBanners } from '../SourceBanners';
import { PlatformHistoryCard } from '../HistoryTrend';
import { downloadCsv, toCsv } from './csv';
import {
  FILTER_FIELDS,
  FilterSelect,
  filterOptions,
  type Filters,
  NO_FILTERS,
} from './filters';
import {
  conflictsView,
  csvHeader,
  csvRow,
  entitiesView,
  orphansView,
  ReviewTable,
  unownedView,
  type ReviewView,
} from './views';

const useStyles = makeStyles(theme => ({
  refreshed: { marginLeft: theme.spacing(2) },
}));

const LIMIT = 500;

const toQuery = (filters: Filters): OverviewQuery => ({
  ...filters,
  severity: (filters.severity || undefined) as Severity | undefined,
  limit: LIMIT,
});

type AnyView = ReviewView<any>;
const VIEWS: AnyView[] = [
  entitiesView,
  conflictsView,
  unownedView,
  orphansView,
];

function rowsOf(view: AnyView, data: OverviewResponse): unknown[] {
  switch (view.id) {
    case 'conflicts':
      return data.conflicts ?? [];
    case 'unowned':
      return data.unownedExternalSecrets ?? [];
    case 'orphans':
      return data.orphanFixtures ?? [];
    default:
      return data.entities?.items ?? [];
  }
}

/** The loaded review: filters, tabs, CSV export. */
export const OverviewView = (props: {
  base: OverviewResponse;
  data: OverviewResponse;
  filters: Filters;
  onFilters: (filters: Filters) => void;
  loading?: boolean;
  /** The trend card, shown above the filters. */
  trend?: JSX.Element;
}) => {
  const { base, data, filters } = props;
  const classes = useStyles();
  const [tab, setTab] = useState(0);
  const options = useMemo(() => filterOptions(base), [base]);
  const view = VIEWS[tab];
  const rows = rowsOf(view, data);
  const set = (key: keyof Filters) => (value: string) =>
    props.onFilters({ ...filters, [key]: value });
  const active = Object.entries(filters).filter(([, v]) => v);

  const exportCsv = () => {
    const suffix = active.map(([k, v]) => `${k}-${v}`).join('_');
    downloadCsv(
      `secrets-${view.id}${suffix ? `_${suffix}` : ''}.csv`,
      toCsv(
        csvHeader(view),
        rows.map(r => csvRow(view, r)),
      ),
    );
  };

  const counts = data.countsBySeverity ?? { error: 0, warning: 0, info: 0 };
  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <SourceBanners sources={data.sources} />
      <Box
        display="flex"
        gridGap={8}
        alignItems="center"
        flexWrap="wrap"
        aria-label="Findings by severity"
      >
        {SEVERITIES.map(s => (
          <Box key={s} display="flex" alignItems="center" gridGap={4}>
            <SeverityChip severity={s} />
            <Typography variant="body2" data-testid={`count-${s}`}>
              {counts[s] ?? 0}
            </Typography>
          </Box>
        ))}
        <Typography
          variant="caption"
          color="textSecondary"
          className={classes.refreshed}
        >
          {data.refreshedAt
            ? `Refreshed ${formatAge(data.refreshedAt)}`
            : 'Not refreshed yet'}
        </Typography>
      </Box>
      {props.trend}
      <Box
        display="flex"
        gridGap={12}
        flexWrap="wrap"
        alignItems="center"
        role="search"
        aria-label="Filters"
      >
        {FILTER_FIELDS.map(field => (
          <FilterSelect
            key={field.id}
            {...field}
            value={filters[field.id]}
            options={options[field.id]}
            onChange={set(field.id)}
          />
        ))}
        {active.length > 0 && (
          <Button size="small" onClick={() => props.onFilters(NO_FILTERS)}>
            Clear filters
          </Button>
        )}
        <Box flexGrow={1} />
        <Button
          variant="outlined"
          color="primary"
          startIcon={<GetAppIcon />}
          onClick={exportCsv}
        >
          Export CSV
        </Button>
      </Box>
      <Tabs
        value={tab}
        onChange={(_e, v) => setTab(v)}
        indicatorColor="primary"
        textColor="primary"
        aria-label="Review views"
        variant="scrollable"
      >
        {VIEWS.map(v => (
          <Tab
            key={v.id}
            label={`${v.label} (${rowsOf(v, data).length})`}
            id={`review-tab-${v.id}`}
            aria-controls={`review-panel-${v.id}`}
          />
        ))}
      </Tabs>
      <div
        role="tabpanel"
        id={`review-panel-${view.id}`}
        aria-labelledby={`review-tab-${view.id}`}
        aria-busy={props.loading}
      >
        {view.id === 'entities' &&
          (data.entities?.totalCount ?? 0) > rows.length && (
            <Typography variant="caption">
              Showing the first {rows.length} of {data.entities.totalCount}{' '}
              entities.
            </Typography>
          )}
        <ReviewTable view={view} rows={rows} />
      </div>
    </Box>
  );
};

/**
 * The platform team's ownership review: every entity with its counts,
 * coverage and findings; conflicts, unowned ExternalSecrets, orphan fixtures.
 * @public
 */
const OwnershipReview = () => {
  const api = useApi(secretsApiRef);
  const alertApi = useApi(alertApiRef);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const base = useAsyncRetry(() => api.getOverview({ limit: LIMIT }), [api]);
  const filtered = Object.values(filters).some(Boolean);
  const view = useAsync(
    async () => (filtered ? api.getOverview(toQuery(filters)) : undefined),
    [api, filters, filtered],
  );
  const [refreshing, setRefreshing] = useState(false);
  // a user without secrets.refresh sees no button rather than a 403 alert
  const refreshPermission = usePermission({
    permission: secretsRefreshPermission,
  });

  const refresh = async () => {
    setRefreshing(true);
    try {
      await api.refresh();
      alertApi.post({
        message:
          'Refresh scheduled: the review updates when every source has answered.',
        severity: 'info',
        display: 'transient',
      });
    } catch (e) {
      alertApi.post({
        message: `Refresh failed: ${(e as Error).message}`,
        severity: 'error',
      });
    } finally {
      setRefreshing(false);
    }
  };

  let body;
  if (base.loading && !base.value) {
    body = <SecretsLoading label="Loading the ownership review…" />;
  } else if (base.error) {
    body = (
      <SecretsError
        error={base.error}
        permission="secrets.overview.read"
        onRetry={base.retry}
      />
    );
  } else if (view.error) {
    body = (
      <SecretsError error={view.error} permission="secrets.overview.read" />
    );
  } else if (base.value) {
    body = (
      <OverviewView
        base={base.value}
        data={(filtered && view.value) || base.value}
        filters={filters}
        onFilters={setFilters}
        loading={view.loading}
        trend={<PlatformHistoryCard />}
      />
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Secrets"
        subtitle="Ownership review across every chart and environment"
      />
      <Content>
        <ContentHeader title="Ownership review">
          {refreshPermission.allowed && (
            <Button
              variant="outlined"
              startIcon={<RefreshIcon />}
              onClick={refresh}
              disabled={refreshing}
            >
              Refresh sources
            </Button>
          )}
        </ContentHeader>
        {body}
      </Content>
    </Page>
  );
};

/**
 * The review page; with `?vaultKey=`, `?secret=` or `?store=` it shows what
 * depends on that key, Secret or store instead.
 */
export const SecretsOverviewPage = () => {
  const location = useLocation();
  const impact = impactQueryFrom(location.search);
  if (impact)
    return (
      <Page themeId="tool">
        <Header
          title="Secrets"
          subtitle="What breaks if it is rotated or deleted"
        />
        <Content>
          <ContentHeader title="Blast radius">
            <Link to={location.pathname}>Back to the ownership review</Link>
          </ContentHeader>
          <ImpactView query={impact} />
        </Content>
      </Page>
    );
  return <OwnershipReview />;
};
