/*
 * The demo portal's backend: only the plugins the secrets suite needs.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// auth: the guest provider is for local use only
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permissions (allow-all for the demo; see the README for a real policy)
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// scaffolder, with the chart-owned secrets action
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@ameideio/plugin-scaffolder-backend-module-secrets'));

// kubernetes
backend.add(import('@backstage/plugin-kubernetes-backend'));

// notifications (the secrets plugin tells owners of new errors) and signals (live updates in the app)
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// secret governance
backend.add(import('@ameideio/plugin-secrets-backend'));
// an example of the suite's seams: a platform team's operator, rule and source wrapper
backend.add(import('./modules/secretsPlatformConventions'));
// demo only: a believable past for the trend charts
backend.add(import('./modules/secretsDemoHistory'));

// MCP server for AI assistants: exposes the actions of backend.actions.pluginSources
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// search: Lunr (the default engine), the catalog and the secrets inventory
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@ameideio/plugin-search-backend-module-secrets'));

backend.start();
