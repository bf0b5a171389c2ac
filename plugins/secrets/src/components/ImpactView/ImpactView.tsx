import {
  IMPACT_QUERY_KEYS,
  type ImpactNode,
  type ImpactQuery,
  type ImpactResponse,
} from '@ameideio/plugin-secrets-common';
import {
  DependencyGraph,
  DependencyGraphTypes,
  InfoCard,
  Link,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { Box, Chip, makeStyles, Typography } from '@material-ui/core';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { secretsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { PagedTable } from '../common';
import { SecretsError, SecretsLoading } from '../StatusStates';

const useStyles = makeStyles(theme => ({
  graph: { width: '100%', minHeight: 320 },
  node: {
    fill: theme.palette.background.paper,
    stroke: theme.palette.primary.main,
  },
  nodeText: {
    fill: theme.palette.text.primary,
    fontSize: 12,
  },
  summary: { marginBottom: theme.spacing(2) },
  chip: { marginRight: theme.spacing(1) },
}));

/** Reads the impact query from a URL's search part (`?vaultKey=...`); undefined when it asks for none. */
export function impactQueryFrom(search: string): ImpactQuery | undefined {
  const p = new URLSearchParams(search);
  const q: ImpactQuery = {};
  for (const k of IMPACT_QUERY_KEYS) {
    const v = p.get(k);
    if (v) q[k] = v;
  }
  return q.vaultKey || q.secret || q.store ? q : undefined;
}

/** The search part of a link to the impact of a key, Secret or store. */
export function impactSearch(q: ImpactQuery): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, String(v));
  return `?${p.toString()}`;
}

const title = (q: ImpactQuery) => {
  if (q.vaultKey) return `Vault key ${q.vaultKey}`;
  if (q.secret)
    return `Secret ${q.namespace ? `${q.namespace}/` : ''}${q.secret}`;
  return `store ${q.store}`;
};

const nodeLabel = (n: ImpactNode) =>
  `${n.kind === 'Workload' ? '' : `${n.kind} `}${
    n.namespace && n.kind !== 'Entity' ? `${n.namespace}/` : ''
  }${n.name}${n.environment ? ` (${n.environment})` : ''}`;

/** A node of the graph: its kind, name and environment in a box. */
const GraphNode = (props: {
  node: DependencyGraphTypes.DependencyNode<{ label: string }>;
}) => {
  const classes = useStyles();
  const { label } = props.node;
  const width = Math.max(80, label.length * 7 + 16);
  return (
    <g>
      <rect className={classes.node} width={width} height={28} rx={4} />
      <text
        className={classes.nodeText}
        x={width / 2}
        y={18}
        textAnchor="middle"
      >
        {label}
      </text>
    </g>
  );
};

/** The blast radius of a Vault key, Secret or store, drawn as a graph. */
export const ImpactView = (props: { query: ImpactQuery }) => {
  const { query } = props;
  const classes = useStyles();
  const api = useApi(secretsApiRef);
  const state = useAsync(
    () => api.getImpact(query),
    [api, JSON.stringify(query)],
  );
  const graph = useMemo(() => {
    const data: ImpactResponse | undefined = state.value;
    if (!data) return undefined;
    const nodes: DependencyGraphTypes.DependencyNode<{ label: string }>[] =
      data.nodes.map(n => ({ id: n.id, label: nodeLabel(n) }));
    const edges: DependencyGraphTypes.DependencyEdge<{ label: string }>[] =
      data.edges.map(e => ({ from: e.from, to: e.to, label: e.label }));
    return { nodes, edges, data };
  }, [state.value]);

  if (state.loading)
    return <SecretsLoading label="Following the chain of dependencies…" />;
  if (state.error)
    return (
      <SecretsError error={state.error} permission="secrets.overview.read" />
    );
  if (!graph) return null;
  const { data } = graph;
  const s = data.summary;
  const unsynced = (id: string) =>
    (data.live[id] ?? []).filter(l => l.ready !== 'True').length;
  return (
    <InfoCard title={`What depends on ${title(query)}`}>
      <Box className={classes.summary} data-testid="impact-summary">
        <Typography variant="body1">
          {s.externalSecrets} ExternalSecret(s), {s.secrets} Secret(s),{' '}
          {s.readers} required reader(s)
          {s.optionalReaders ? ` and ${s.optionalReaders} optional` : ''}
          {s.environments.length ? ` in ${s.environments.join(', ')}` : ''}.
        </Typography>
        {s.entities.map(ref => (
          <Chip key={ref} className={classes.chip} size="small" label={ref} />
        ))}
        {data.hidden.entities > 0 && (
          <Typography variant="body2" color="textSecondary">
            {data.hidden.entities} more entit
            {data.hidden.entities === 1 ? 'y' : 'ies'} you may not see (
            {data.hidden.nodes} object(s)) also depend on it.
          </Typography>
        )}
      </Box>
      {data.nodes.length === 0 ? (
        <Typography>Nothing in the repository depends on it.</Typography>
      ) : (
        <>
          <Box className={classes.graph}>
            <DependencyGraph
              nodes={graph.nodes}
              edges={graph.edges}
              direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
              labelPosition={DependencyGraphTypes.LabelPosition.RIGHT}
              renderNode={GraphNode}
              showArrowHeads
              zoom="enable-on-click"
              fit="grow"
            />
          </Box>
          <PagedTable
            title="Objects"
            rows={data.nodes}
            rowKey={n => n.id}
            columns={[
              { title: 'Kind', render: n => n.kind, sortValue: n => n.kind },
              { title: 'Name', render: n => n.name, sortValue: n => n.name },
              {
                title: 'Environment',
                render: n => n.environment ?? '',
                sortValue: n => n.environment,
              },
              { title: 'Namespace', render: n => n.namespace ?? '' },
              {
                title: 'Live',
                render: n => {
                  if (n.kind !== 'ExternalSecret') return '';
                  if (!(data.live[n.id] ?? []).length) return 'no live data';
                  const bad = unsynced(n.id);
                  return bad ? `${bad} cluster(s) not synced` : 'synced';
                },
              },
              {
                title: 'Where',
                render: n =>
                  n.sourceRef
                    ? `${n.sourceRef.file}${
                        n.sourceRef.line ? `:${n.sourceRef.line}` : ''
                      }`
                    : '',
              },
            ]}
          />
        </>
      )}
    </InfoCard>
  );
};

/** A link to the impact page of a key, Secret or store. */
export const ImpactLink = (props: {
  base: string;
  query: ImpactQuery;
  children?: React.ReactNode;
}) => (
  <Link
    to={`${props.base}${impactSearch(props.query)}`}
    aria-label={`What depends on ${title(props.query)}`}
  >
    {props.children ?? 'impact'}
  </Link>
);

/** The path of the review page, where impact answers live; undefined when the app does not mount it. */
export function useImpactBase(): string | undefined {
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    return useRouteRef(rootRouteRef)();
  } catch {
    return undefined;
  }
}
