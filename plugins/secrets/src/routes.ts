import { createRouteRef } from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({ id: 'secrets' });
export const entityContentRouteRef = createRouteRef({
  id: 'secrets:entity-content',
});
