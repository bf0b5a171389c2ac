import { createApiRef } from '@backstage/core-plugin-api';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
import { serializeOverviewQuery } from '@ameideio/plugin-secrets-common';

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

function windowParams(window: HistoryWindow, extra: Record<string, string>) {
  const qs = new URLSearchParams(extra);
  if (window.days !== undefined) qs.set('days', String(window.days));
  if (window.since) qs.set('since', window.since);
  return qs.toString();
}

/** Default {@link SecretsApi} over the backend's HTTP API. @public */
export class SecretsClient implements SecretsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntitySecrets(ref: {
    kind: string;
    namespace: string;
    name: string;
  }): Promise<EntitySecretsResponse> {
    const path = [ref.kind, ref.namespace, ref.name]
      .map(p => encodeURIComponent(p.toLocaleLowerCase('en-US')))
      .join('/');
    return this.get(`/entity/${path}`);
  }

  async getOverview(query: OverviewQuery = {}): Promise<OverviewResponse> {
    const qs = serializeOverviewQuery(query).toString();
    return this.get(`/overview${qs ? `?${qs}` : ''}`);
  }

  async getSources(): Promise<{ sources: SourceHealth[] }> {
    return this.get('/sources');
  }

  async getImpact(query: ImpactQuery): Promise<ImpactResponse> {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query))
      if (typeof v === 'string' && v) qs.set(k, v);
    return this.get(`/impact?${qs.toString()}`);
  }

  async getEntityHistory(
    entityRef: string,
    window: HistoryWindow = {},
  ): Promise<EntityHistoryResponse> {
    return this.get(`/history?${windowParams(window, { entityRef })}`);
  }

  async getPlatformHistory(
    window: HistoryWindow = {},
  ): Promise<PlatformHistoryResponse> {
    const qs = windowParams(window, {});
    return this.get(`/history/platform${qs ? `?${qs}` : ''}`);
  }

  async refresh(): Promise<void> {
    const base = await this.discoveryApi.getBaseUrl('secrets');
    const res = await this.fetchApi.fetch(`${base}/refresh`, {
      method: 'POST',
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
  }

  private async get<T>(path: string): Promise<T> {
    const base = await this.discoveryApi.getBaseUrl('secrets');
    const res = await this.fetchApi.fetch(`${base}${path}`);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }
}
