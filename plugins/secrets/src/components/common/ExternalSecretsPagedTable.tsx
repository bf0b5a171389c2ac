import type { EntityExternalSecret } from '@ameideio/plugin-secrets-common';
import { OutlinedPagedTable, type PagedTableProps } from './PagedTable';

const externalSecretKey = (es: EntityExternalSecret) => es.id;

/** An entity's ExternalSecrets, one row each keyed by the ExternalSecret's id. */
export const ExternalSecretsPagedTable = (
  props: Omit<PagedTableProps<EntityExternalSecret>, 'rows' | 'rowKey'> & {
    externalSecrets: EntityExternalSecret[];
  },
) => {
  const { externalSecrets, ...table } = props;
  return (
    <OutlinedPagedTable
      {...table}
      rows={externalSecrets}
      rowKey={externalSecretKey}
    />
  );
};
