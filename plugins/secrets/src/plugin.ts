import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { SECRETS_SEARCH_DOCUMENT_TYPE } from '@ameideio/plugin-secrets-common';
import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import { secretsApiRef, SecretsClient } from './api';
import type { SecretsSearchResultListItemProps } from './components/SecretsSearchResultListItem';
import { entityContentRouteRef, rootRouteRef } from './routes';

/** The secrets plugin for the legacy frontend system. @public */
export const secretsPlugin = createPlugin({
  id: 'secrets',
  apis: [
    createApiFactory({
      api: secretsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SecretsClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** The Secrets tab of an entity page; pair it with `isSecretsAvailable`. @public */
export const EntitySecretsContent = secretsPlugin.provide(
  createRoutableExtension({
    name: 'EntitySecretsContent',
    component: () =>
      import('./components/EntitySecretsContent').then(
        m => m.EntitySecretsContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/** The platform team's ownership review page. @public */
export const SecretsOverviewPage = secretsPlugin.provide(
  createRoutableExtension({
    name: 'SecretsOverviewPage',
    component: () =>
      import('./components/SecretsOverviewPage').then(
        m => m.SecretsOverviewPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The search result list item of documents of type `secrets` (the
 * `@ameideio/plugin-search-backend-module-secrets` collator). @public
 */
export const SecretsSearchResultListItem: (
  props: SecretsSearchResultListItemProps,
) => JSX.Element | null = secretsPlugin.provide(
  createSearchResultListItemExtension({
    name: 'SecretsSearchResultListItem',
    component: () =>
      import('./components/SecretsSearchResultListItem').then(
        m => m.SecretsSearchResultListItem,
      ),
    predicate: result => result.type === SECRETS_SEARCH_DOCUMENT_TYPE,
  }),
);
