import type {
  EntityExternalSecret,
  FixtureState,
  KeyCoverageRow,
  LiveExternalSecretStatus,
  LiveStoreStatus,
} from '@ameideio/plugin-secrets-common';
import { CopyTextButton, Link } from '@backstage/core-components';
import { Box, makeStyles, Typography } from '@material-ui/core';
import { useMemo } from 'react';
import { ImpactLink, useImpactBase } from '../ImpactView';
import {
  fixtureLabel,
  formatAge,
  PagedTable,
  StatusChip,
  triState,
  type ChipTone,
  type PagedTableColumn,
} from '../common';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(0, 0, 2, 0),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0 },
  },
  section: { marginBottom: theme.spacing(2) },
  store: { marginRight: theme.spacing(1) },
  cell: {
    display: 'flex',
    flexDirection: 'column',
    gap: 4,
    alignItems: 'flex-start',
  },
}));

const FIXTURE_TONE: Record<FixtureState, ChipTone> = {
  present: 'ok',
  missing: 'error',
  'empty-override': 'warning',
  'other-writer': 'ok',
  'not-applicable': 'neutral',
};

/** Where the declaration lives: a link into the source repository when configured. */
export const SourceLink = (props: {
  file?: string;
  line?: number;
  url?: string;
}) => {
  if (!props.file) return <>unknown</>;
  const text = props.line ? `${props.file}:${props.line}` : props.file;
  return props.url ? <Link to={props.url}>{text}</Link> : <code>{text}</code>;
};

/** Whole days since a key was last written, as "12 days". */
export function keyAge(updatedTime: string, now = Date.now()): string {
  const t = Date.parse(updatedTime);
  if (Number.isNaN(t)) return 'unknown';
  const days = Math.max(0, Math.floor((now - t) / 86_400_000));
  return days === 1 ? '1 day' : `${days} days`;
}

const KeyCell = (props: {
  state: KeyCoverageRow['byEnvironment'][string] | undefined;
}) => {
  const classes = useStyles();
  if (!props.state)
    return <Typography variant="body2">not rendered</Typography>;
  const { fixture, vault } = props.state;
  return (
    <div className={classes.cell}>
      <StatusChip
        tone={FIXTURE_TONE[fixture] ?? 'neutral'}
        label={fixtureLabel(fixture)}
      />
      <Typography variant="caption">
        Vault: {triState(vault?.present, 'present', 'missing', 'not checked')}
      </Typography>
      <Typography variant="caption">
        Placeholder: {triState(vault?.placeholder, 'yes', 'no', 'not checked')}
      </Typography>
      {vault?.updatedTime && (
        <Typography
          variant="caption"
          title={`Last written ${vault.updatedTime}${
            vault.version !== undefined ? `, version ${vault.version}` : ''
          }`}
        >
          Age: {keyAge(vault.updatedTime)}
        </Typography>
      )}
    </div>
  );
};

const readyLabel = (s: { ready: string; reason?: string }) =>
  `${s.ready === 'True' ? 'Ready' : 'Not ready'}${
    s.reason ? `: ${s.reason}` : ''
  }`;

const StoreStatus = ({ stores }: { stores: LiveStoreStatus[] }) => {
  const classes = useStyles();
  return (
    <>
      {stores.map(st => (
        <span
          key={`${st.cluster}/${st.namespace ?? ''}/${st.name}`}
          className={classes.store}
        >
          {st.cluster}:{' '}
          <StatusChip
            tone={st.ready === 'True' ? 'ok' : 'error'}
            label={readyLabel(st)}
            title={st.message ? `${readyLabel(st)} (${st.message})` : undefined}
          />
        </span>
      ))}
    </>
  );
};

type LiveRow = { env: string; c: LiveExternalSecretStatus };

const liveKey = (r: LiveRow) => `${r.env}/${r.c.cluster}/${r.c.namespace}`;

/** Per-cluster ESO status: Ready reason, last sync, the provider's error, a force-sync to copy. */
const LiveStatus = ({ es }: { es: EntityExternalSecret }) => {
  const classes = useStyles();
  const rows: LiveRow[] = [];
  for (const [env, cell] of Object.entries(es.cells ?? {})) {
    for (const c of cell.clusters ?? []) rows.push({ env, c });
  }
  const columns = useMemo(
    (): PagedTableColumn<LiveRow>[] => [
      { title: 'Environment', render: r => r.env, sortValue: r => r.env },
      {
        title: 'Cluster',
        render: r => r.c.cluster,
        sortValue: r => r.c.cluster,
      },
      {
        title: 'Status',
        render: ({ c }) => (
          <StatusChip
            tone={c.ready === 'True' ? 'ok' : 'error'}
            label={readyLabel(c)}
          />
        ),
        sortValue: r => readyLabel(r.c),
      },
      {
        title: 'Last sync',
        render: r => formatAge(r.c.refreshTime) ?? 'never',
        // oldest first when ascending; never synced last
        sortValue: r => r.c.refreshTime,
      },
      {
        title: 'Provider error',
        render: ({ c }) =>
          c.lastWarning
            ? `${c.lastWarning.reason}: ${c.lastWarning.message}`
            : 'none',
      },
      {
        title: 'Force sync',
        render: ({ c }) =>
          c.forceSyncCommand ? (
            <CopyTextButton
              text={c.forceSyncCommand}
              aria-label={`Copy the force-sync command for ${es.name} in ${c.cluster}`}
              tooltipText="Command copied"
            />
          ) : (
            <Typography variant="caption">
              {c.refreshable === false
                ? 'ignored by ESO (CreatedOnce or 0s)'
                : 'n/a'}
            </Typography>
          ),
      },
    ],
    [es.name],
  );
  if (rows.length === 0) return null;
  return (
    <div className={classes.section}>
      <PagedTable
        title={`Live status of ${es.name}`}
        showTitle={false}
        columns={columns}
        rows={rows}
        rowKey={liveKey}
        paging={false}
      />
    </div>
  );
};

const keyRowKey = (k: KeyCoverageRow) => `${k.key}#${k.property}`;

/** Every Vault key of the ExternalSecret with its coverage per environment. */
const VaultKeys = (props: { es: EntityExternalSecret; envs: string[] }) => {
  const { es, envs } = props;
  const impactBase = useImpactBase();
  const columns = useMemo(
    (): PagedTableColumn<KeyCoverageRow>[] => [
      {
        title: 'Vault key',
        render: k => (
          <code>
            {k.key}
            {k.property ? `#${k.property}` : ''}
          </code>
        ),
        sortValue: keyRowKey,
      },
      {
        title: 'Secret key',
        render: k => k.secretKey ?? '(all properties)',
        sortValue: k => k.secretKey,
      },
      {
        title: 'Origin',
        render: k => k.origin,
        sortValue: k => k.origin,
        noWrap: true,
      },
      ...(impactBase
        ? [
            {
              title: 'Depends on it',
              render: (k: KeyCoverageRow) => (
                <ImpactLink base={impactBase} query={{ vaultKey: k.key }}>
                  blast radius
                </ImpactLink>
              ),
            },
          ]
        : []),
      ...envs.map(
        (env): PagedTableColumn<KeyCoverageRow> => ({
          title: env,
          render: k => <KeyCell state={k.byEnvironment?.[env]} />,
          sortValue: k => {
            const state = k.byEnvironment?.[env];
            return state ? fixtureLabel(state.fixture) : undefined;
          },
        }),
      ),
    ],
    [envs, impactBase],
  );
  return (
    <PagedTable
      title={`Vault keys of ${es.name}`}
      showTitle={false}
      columns={columns}
      rows={es.keys}
      rowKey={keyRowKey}
      paging={false}
    />
  );
};

/** The expanded row: declaration facts and every Vault key per environment. Never a value. */
export const ExternalSecretDetails = (props: {
  externalSecret: EntityExternalSecret;
  environments: string[];
  stores?: LiveStoreStatus[];
}) => {
  const classes = useStyles();
  const es = props.externalSecret;
  const impactBase = useImpactBase();
  const stores = (props.stores ?? []).filter(
    st => st.name === es.storeRef.name && st.kind === es.storeRef.kind,
  );
  const envs = props.environments.filter(env =>
    es.keys.some(k => k.byEnvironment?.[env]),
  );
  return (
    <Box py={1}>
      <dl className={classes.facts}>
        <dt>Kind</dt>
        <dd>{es.kind}</dd>
        <dt>Store</dt>
        <dd>
          {es.storeRef.kind}/{es.storeRef.name}
          {impactBase && (
            <>
              {' '}
              <ImpactLink base={impactBase} query={{ store: es.storeRef.name }}>
                (what depends on it)
              </ImpactLink>
            </>
          )}
        </dd>
        {stores.length > 0 && (
          <>
            <dt>Store status</dt>
            <dd>
              <StoreStatus stores={stores} />
            </dd>
          </>
        )}
        <dt>Target Secret</dt>
        <dd>
          {es.targetSecret}
          {impactBase && (
            <>
              {' '}
              <ImpactLink
                base={impactBase}
                query={{
                  secret: es.targetSecret,
                  ...(es.namespace ? { namespace: es.namespace } : {}),
                }}
              >
                (what depends on it)
              </ImpactLink>
            </>
          )}
        </dd>
        <dt>Refresh interval</dt>
        <dd>{es.refreshInterval ?? 'default (1h)'}</dd>
        <dt>Origin class</dt>
        <dd>{es.origin}</dd>
        <dt>Release</dt>
        <dd>{es.release}</dd>
        <dt>Declared in</dt>
        <dd>
          <SourceLink {...es.sourceRef} />
        </dd>
      </dl>
      <LiveStatus es={es} />
      {es.keys.length === 0 ? (
        <Typography variant="body2">
          This ExternalSecret references no Vault keys.
        </Typography>
      ) : (
        <VaultKeys es={es} envs={envs} />
      )}
    </Box>
  );
};
