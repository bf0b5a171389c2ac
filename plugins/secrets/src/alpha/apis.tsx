import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { secretsApiRef, SecretsClient } from '../api';

/** The secrets client as an API extension. @alpha */
export const secretsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: secretsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SecretsClient(deps),
    }),
});
