import { getCompoundEntityRef, type Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { secretsApiRef } from '../../api';

/** Loads the secret governance view of one entity. */
export function useEntitySecrets(entity: Entity) {
  const api = useApi(secretsApiRef);
  const ref = getCompoundEntityRef(entity);
  return useAsyncRetry(
    () => api.getEntitySecrets(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
}
