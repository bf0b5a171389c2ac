import type {
  EntityExternalSecret,
  LiveStoreStatus,
} from '@ameideio/plugin-secrets-common';
import { Typography } from '@material-ui/core';
import { useMemo } from 'react';
import {
  ExternalSecretsPagedTable,
  type PagedTableColumn,
  type PagedTableDetail,
} from '../common';
import { ExternalSecretDetails } from './ExternalSecretDetails';

const COLUMNS: PagedTableColumn<EntityExternalSecret>[] = [
  {
    title: 'ExternalSecret',
    render: es => (
      <>
        {es.name}
        {es.namespace ? (
          <Typography variant="caption" display="block" color="textSecondary">
            {es.namespace}
          </Typography>
        ) : null}
      </>
    ),
    sortValue: es => es.name,
  },
  {
    title: 'Target Secret',
    render: es => es.targetSecret,
    sortValue: es => es.targetSecret,
  },
  {
    title: 'Store',
    render: es => `${es.storeRef.kind}/${es.storeRef.name}`,
    sortValue: es => `${es.storeRef.kind}/${es.storeRef.name}`,
  },
  {
    title: 'Refresh',
    render: es => es.refreshInterval ?? 'default',
    sortValue: es => es.refreshInterval,
  },
  { title: 'Origin', render: es => es.origin, sortValue: es => es.origin },
  {
    title: 'Keys',
    render: es => es.keys.length,
    sortValue: es => es.keys.length,
  },
];

const rowTestId = (es: EntityExternalSecret) => `es-row-${es.name}`;

/** ExternalSecrets with expandable rows; paged so 300 rows stay fast. */
export const ExternalSecretsTable = (props: {
  externalSecrets: EntityExternalSecret[];
  environments: string[];
  stores?: LiveStoreStatus[];
}) => {
  const { environments, stores } = props;
  const detail = useMemo(
    (): PagedTableDetail<EntityExternalSecret> => ({
      name: es => es.name,
      render: es => (
        <ExternalSecretDetails
          externalSecret={es}
          environments={environments}
          stores={stores}
        />
      ),
    }),
    [environments, stores],
  );
  return (
    <ExternalSecretsPagedTable
      title="ExternalSecrets"
      columns={COLUMNS}
      externalSecrets={props.externalSecrets}
      rowTestId={rowTestId}
      detail={detail}
    />
  );
};
