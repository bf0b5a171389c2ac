import type { EntityExternalSecret } from '@ameideio/plugin-secrets-common';
import { useMemo } from 'react';
import {
  CellChip,
  cellLabel,
  ExternalSecretsPagedTable,
  type PagedTableColumn,
} from '../common';

/** Each ExternalSecret against each environment, one status chip per cell. */
export const EnvironmentMatrix = (props: {
  externalSecrets: EntityExternalSecret[];
  environments: string[];
}) => {
  const columns = useMemo(
    (): PagedTableColumn<EntityExternalSecret>[] => [
      {
        title: 'ExternalSecret',
        render: es => es.name,
        sortValue: es => es.name,
      },
      ...props.environments.map(
        (env): PagedTableColumn<EntityExternalSecret> => ({
          title: env,
          render: es => {
            const cell = es.cells?.[env];
            return (
              <CellChip
                state={cell?.state ?? 'unknown'}
                reason={cell?.reason}
                message={cell?.message}
              />
            );
          },
          sortValue: es => cellLabel(es.cells?.[env]?.state ?? 'unknown'),
        }),
      ),
    ],
    [props.environments],
  );
  return (
    <ExternalSecretsPagedTable
      title="Environment matrix"
      columns={columns}
      externalSecrets={props.externalSecrets}
    />
  );
};
