import type { Entity } from '@backstage/catalog-model';
import { isSecretsAvailable } from './isSecretsAvailable';

const entity = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', annotations },
  spec: {},
});

describe('isSecretsAvailable', () => {
  it('is true when the chart annotation names a chart', () => {
    expect(
      isSecretsAvailable(
        entity({ 'ameide.io/chart': 'sources/charts/apps/orders' }),
      ),
    ).toBe(true);
  });

  it('is false without the annotation or with a blank one', () => {
    expect(isSecretsAvailable(entity())).toBe(false);
    expect(isSecretsAvailable(entity({ 'ameide.io/chart': '  ' }))).toBe(false);
    expect(
      isSecretsAvailable(entity({ 'backstage.io/kubernetes-id': 'orders' })),
    ).toBe(false);
  });
});
