import { SECRETS_CHART_ANNOTATION } from '@ameideio/plugin-secrets-common';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/** The catalog fields the joins read: an overview never fetches entities in full. */
export const CHART_ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.owner',
];

/**
 * The catalog's entities with the chart annotation that `credentials` may
 * read, with only the fields the plugin's joins use.
 */
export async function chartEntities(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<Entity[]> {
  const { items } = await catalog.getEntities(
    {
      filter: {
        [`metadata.annotations.${SECRETS_CHART_ANNOTATION}`]:
          CATALOG_FILTER_EXISTS,
      },
      fields: CHART_ENTITY_FIELDS,
    },
    { credentials },
  );
  return items;
}

/** The references (lower case) of `entities`: what a caller may see. */
export function visibleRefs(entities: Entity[]): Set<string> {
  return new Set(
    entities.map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US')),
  );
}
