import type {
  EntityExternalSecret,
  FixtureState,
  KeyCoverageRow,
} from '@ameideio/plugin-secrets-common';
import { Link } from '@backstage/core-components';
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
import { fixtureLabel, StatusChip, triState, type ChipTone } from '../common';

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
  cell: { display: 'flex', flexDirection: 'column', gap: 4, alignItems: 'flex-start' },
}));

const FIXTURE_TONE: Record<FixtureState, ChipTone> = {
  present: 'ok',
  missing: 'error',
  'empty-override': 'warning',
  'other-writer': 'ok',
  'not-applicable': 'neutral',
};

/** Where the declaration lives: a link into the source repository when configured. */
export const SourceLink = (props: { file?: string; line?: number; url?: string }) => {
  if (!props.file) return <>unknown</>;
  const text = props.line ? `${props.file}:${props.line}` : props.file;
  return props.url ? <Link to={props.url}>{text}</Link> : <code>{text}</code>;
};

const KeyCell = (props: { state: KeyCoverageRow['byEnvironment'][string] | undefined }) => {
  const classes = useStyles();
  if (!props.state) return <Typography variant="body2">not rendered</Typography>;
  const { fixture, vault } = props.state;
  return (
    <div className={classes.cell}>
      <StatusChip tone={FIXTURE_TONE[fixture] ?? 'neutral'} label={fixtureLabel(fixture)} />
      <Typography variant="caption">
        Vault: {triState(vault?.present, 'present', 'missing')}
      </Typography>
      <Typography variant="caption">
        Placeholder: {triState(vault?.placeholder, 'yes', 'no')}
      </Typography>
    </div>
  );
};

/** The expanded row: declaration facts and every Vault key per environment. Never a value. */
export const ExternalSecretDetails = (props: {
  externalSecret: EntityExternalSecret;
  environments: string[];
}) => {
  const classes = useStyles();
  const es = props.externalSecret;
  const envs = props.environments.filter(env => es.keys.some(k => k.byEnvironment?.[env]));
  return (
    <Box py={1}>
      <dl className={classes.facts}>
        <dt>Kind</dt>
        <dd>{es.kind}</dd>
        <dt>Store</dt>
        <dd>
          {es.storeRef.kind}/{es.storeRef.name}
        </dd>
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
      {es.keys.length === 0 ? (
        <Typography variant="body2">This ExternalSecret references no Vault keys.</Typography>
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
                <TableCell>{k.origin}</TableCell>
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
