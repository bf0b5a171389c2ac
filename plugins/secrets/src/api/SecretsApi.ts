import { createApiRef } from '@backstage/core-plugin-api';
import type {
  EntitySecretsResponse,
  ImpactQuery,
  ImpactResponse,
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
  /** What breaks if a Vault key, Secret or store is rotated or deleted. */
  getImpact(query: ImpactQuery): Promise<ImpactResponse>;
  refresh(): Promise<void>;
}

/** @public */
export const secretsApiRef = createApiRef<SecretsApi>({
  id: 'plugin.secrets.api',
});
