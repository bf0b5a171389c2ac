import type {
  EntityHistoryResponse,
  PlatformHistoryResponse,
} from '@ameideio/plugin-secrets-common';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { MenuItem, TextField } from '@material-ui/core';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { secretsApiRef } from '../../api';
import { SecretsError, SecretsLoading } from '../StatusStates';
import { HistoryChanges } from './HistoryChanges';
import { HistoryMovers } from './HistoryMovers';
import { TrendChart } from './TrendChart';

const RANGES = [7, 30, 90];

const RangeSelect = (props: {
  days: number;
  onChange: (days: number) => void;
}) => (
  <TextField
    select
    size="small"
    variant="outlined"
    label="Period"
    id="secrets-history-days"
    value={props.days}
    onChange={e => props.onChange(Number(e.target.value))}
  >
    {RANGES.map(d => (
      <MenuItem key={d} value={d}>
        Last {d} days
      </MenuItem>
    ))}
  </TextField>
);

function HistoryBody<
  T extends EntityHistoryResponse | PlatformHistoryResponse,
>(props: {
  load: (days: number) => Promise<T>;
  deps: unknown[];
  title: string;
  permission: string;
  children: (value: T) => JSX.Element;
}) {
  const [days, setDays] = useState(30);
  const state = useAsync(() => props.load(days), [days, ...props.deps]);
  let body: JSX.Element | null = null;
  if (state.loading && !state.value)
    body = <SecretsLoading label="Loading the history…" />;
  else if (state.error)
    body = <SecretsError error={state.error} permission={props.permission} />;
  else if (state.value)
    body = (
      <>
        <TrendChart points={state.value.points} title={props.title} />
        {props.children(state.value)}
      </>
    );
  return (
    <div data-testid="secrets-history-card">
      <InfoCard
        title={props.title}
        action={<RangeSelect days={days} onChange={setDays} />}
      >
        {body}
      </InfoCard>
    </div>
  );
}

/** The Secrets tab's trend: one entity's findings over time and what changed. */
export const EntityHistoryCard = ({ entityRef }: { entityRef: string }) => {
  const api = useApi(secretsApiRef);
  return (
    <HistoryBody
      title="Trend"
      permission="secrets.entity.read"
      deps={[api, entityRef]}
      load={days => api.getEntityHistory(entityRef, { days })}
    >
      {v => (
        <HistoryChanges
          since={v.since}
          newSince={v.newSince}
          resolvedSince={v.resolvedSince}
        />
      )}
    </HistoryBody>
  );
};

/** The review page's trend: the platform's totals, what changed, the week's movers. */
export const PlatformHistoryCard = () => {
  const api = useApi(secretsApiRef);
  return (
    <HistoryBody
      title="Platform trend"
      permission="secrets.overview.read"
      deps={[api]}
      load={days => api.getPlatformHistory({ days })}
    >
      {v => (
        <>
          <HistoryChanges
            since={v.since}
            newSince={v.newSince}
            resolvedSince={v.resolvedSince}
            hidden={v.hidden}
            showEntity
          />
          <HistoryMovers movers={v.movers} hidden={v.hidden.movers} />
        </>
      )}
    </HistoryBody>
  );
};
