import {
  type InventoryResponse,
  SECRETS_SEARCH_DOCUMENT_TYPE,
  secretsEntityReadPermission,
} from '@ameideio/plugin-secrets-common';
import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { ResponseError } from '@backstage/errors';
import type { Permission } from '@backstage/plugin-permission-common';
import type { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import { Readable } from 'node:stream';
import { readSecretsCollatorConfig } from './config';
import {
  inventoryDocument,
  type SecretsIndexableDocument,
} from './inventoryDocument';

/** @public */
export interface SecretsCollatorFactoryOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger?: LoggerService;
}

/**
 * Collates the secrets inventory (`GET /api/secrets/inventory`, read with
 * the search plugin's own service token) into documents of type `secrets`:
 * one per ExternalSecret, target Secret and Vault key name with a known
 * owner. Each document is shown only to callers allowed
 * `secrets.entity.read` on its owning entity.
 * @public
 */
export class SecretsCollatorFactory implements DocumentCollatorFactory {
  readonly type = SECRETS_SEARCH_DOCUMENT_TYPE;
  readonly visibilityPermission: Permission = secretsEntityReadPermission;

  static fromConfig(
    config: Config,
    options: SecretsCollatorFactoryOptions,
  ): SecretsCollatorFactory {
    return new SecretsCollatorFactory(
      readSecretsCollatorConfig(config).locationTemplate,
      options,
    );
  }

  private constructor(
    private readonly locationTemplate: string,
    private readonly options: SecretsCollatorFactoryOptions,
  ) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  private async *execute(): AsyncGenerator<SecretsIndexableDocument> {
    const { discovery, auth, logger } = this.options;
    const baseUrl = await discovery.getBaseUrl('secrets');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'secrets',
    });
    const res = await fetch(`${baseUrl}/inventory`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    const body = (await res.json()) as InventoryResponse;
    let count = 0;
    for (const item of body.items) {
      const doc = inventoryDocument(item, this.locationTemplate);
      if (!doc) continue;
      count++;
      yield doc;
    }
    logger?.info(
      `Indexed ${count} secrets inventory documents of ${body.items.length} items`,
    );
  }
}
