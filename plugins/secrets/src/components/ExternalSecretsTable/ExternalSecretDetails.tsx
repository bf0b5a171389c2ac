import type {
  EntityExternalSecret,
  FixtureState,
  KeyCoverageRow,
  LiveExternalSecretStatus,
  LiveStoreStatus,
} from '@ameideio/plugin-secrets-common';
import { CopyTextButton, Link } from '@backstage/core-components';
import {
  Box,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  fixtureLabel,
  formatAge,
  StatusChip,
  triState,
  type ChipTone,
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
    </div>
  );
};

const readyLabel = (s: { ready: string; reason?: string }) =>
  `${s.ready === 'True' ? 'Ready' : 'Not ready'}${
    s.reason ? `: ${s.reason}` : ''
  }`;

const StoreStatus = ({ stores }: { stores: LiveStoreStatus[] }) => (
  <>
    {stores.map(st => (
      <span
        key={`${st.cluster}/${st.namespace ?? ''}/${st.name}`}
        style={{ marginRight: 8 }}
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

/** Per-cluster ESO status: Ready reason, last sync, the provider's error, a force-sync to copy. */
const LiveStatus = ({ es }: { es: EntityExternalSecret }) => {
  const rows: Array<{ env: string; c: LiveExternalSecretStatus }> = [];
  for (const [env, cell] of Object.entries(es.cells ?? {})) {
    for (const c of cell.clusters ?? []) rows.push({ env, c });
  }
  if (rows.length === 0) return null;
  return (
    <Table
      size="small"
      aria-label={`Live status of ${es.name}`}
      style={{ marginBottom: 16 }}
    >
      <TableHead>
        <TableRow>
          {[
            'Environment',
            'Cluster',
            'Status',
            'Last sync',
            'Provider error',
            'Force sync',
          ].map(h => (
            <TableCell key={h} component="th" scope="col">
              {h}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(({ env, c }) => (
          <TableRow key={`${env}/${c.cluster}/${c.namespace}`}>
            <TableCell component="th" scope="row">
              {env}
            </TableCell>
            <TableCell>{c.cluster}</TableCell>
            <TableCell>
              <StatusChip
                tone={c.ready === 'True' ? 'ok' : 'error'}
                label={readyLabel(c)}
              />
            </TableCell>
            <TableCell>{formatAge(c.refreshTime) ?? 'never'}</TableCell>
            <TableCell>
              {c.lastWarning
                ? `${c.lastWarning.reason}: ${c.lastWarning.message}`
                : 'none'}
            </TableCell>
            <TableCell>
              {c.forceSyncCommand ? (
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
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
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
        <dd>{es.targetSecret}</dd>
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
        <Table size="small" aria-label={`Vault keys of ${es.name}`}>
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                Vault key
              </TableCell>
              <TableCell component="th" scope="col">
                Secret key
              </TableCell>
              <TableCell component="th" scope="col">
                Origin
              </TableCell>
              {envs.map(env => (
                <TableCell key={env} component="th" scope="col">
                  {env}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {es.keys.map(k => (
              <TableRow key={`${k.key}#${k.property}`}>
                <TableCell component="th" scope="row">
                  <code>
                    {k.key}
                    {k.property ? `#${k.property}` : ''}
                  </code>
                </TableCell>
                <TableCell>{k.secretKey ?? '(all properties)'}</TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {k.origin}
                </TableCell>
                {envs.map(env => (
                  <TableCell key={env}>
                    <KeyCell state={k.byEnvironment?.[env]} />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
};
