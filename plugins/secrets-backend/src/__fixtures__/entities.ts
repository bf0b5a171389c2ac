import type { Entity } from '@backstage/catalog-model';

const component = (name: string, chart: string, kubernetesId = name): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'ameide.io/chart': chart, 'backstage.io/kubernetes-id': kubernetesId },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team-commerce' },
});

export const demoEntities: Entity[] = [
  component('payments', 'sources/charts/apps/payments'),
  component('notifications', 'sources/charts/apps/notifications'),
  component('workflows', 'sources/charts/apps/workflows'),
  component('checkout', 'sources/charts/apps/checkout'),
  component('platform-keycloak-realm', 'sources/charts/platform/keycloak-realm'),
];
