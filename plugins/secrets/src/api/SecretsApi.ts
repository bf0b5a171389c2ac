import { createApiRef } from '@backstage/core-plugin-api';
import type {
  EntityHistoryResponse,
  EntitySecretsResponse,
  ImpactQuery,
  ImpactResponse,
  OverviewQuery,
  OverviewResponse,
  PlatformHistoryResponse,
  SourceHealth,
} from '@ameideio/plugin-secrets-common';

/** The window of a history request. @public */
export interface HistoryWindow {
  /** Days of trend, default 30. */
  days?: number;
  /** ISO date the change lists compare against; default `days` ago. */
  since?: string;
}

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
  /** An entity's trend and the findings new and resolved since a date. */
  getEntityHistory(
    entityRef: string,
    window?: HistoryWindow,
  ): Promise<EntityHistoryResponse>;
  /** The platform's trend, changes and the week's movers. */
  getPlatformHistory(window?: HistoryWindow): Promise<PlatformHistoryResponse>;
  refresh(): Promise<void>;
}

/** @public */
export const secretsApiRef = createApiRef<SecretsApi>({
  id: 'plugin.secrets.api',
});
