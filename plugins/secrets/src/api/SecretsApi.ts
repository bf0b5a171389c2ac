import { createApiRef } from '@backstage/core-plugin-api';
import type {
  EntitySecretsResponse,
  OverviewQuery,
  OverviewResponse,
  SourceHealth,
} from '@ameideio/plugin-secrets-common';

/** Client of the secrets backend. @public */
export interface SecretsApi {
  getEntitySecrets(entityRef: {
    kind: string;
    namespace: string;
    name: string;
  }): Promise<EntitySecretsResponse>;
  getOverview(query?: OverviewQuery): Promise<OverviewResponse>;
  getSources(): Promise<{ sources: SourceHealth[] }>;
  refresh(): Promise<void>;
}

/** @public */
export const secretsApiRef = createApiRef<SecretsApi>({
  id: 'plugin.secrets.api',
});
