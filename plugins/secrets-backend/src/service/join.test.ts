import type { LiveExternalSecretStatus } from '@ameideio/plugin-secrets-common';
import type { Entity } from '@backstage/catalog-model';
import { ownsUnowned } from './join';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', annotations },
  spec: {},
});
const es = (
  namespace: string,
  labels: Record<string, string>,
): LiveExternalSecretStatus => ({
  cluster: 'c',
  namespace,
  name: 'stray',
  ready: 'True',
  labels,
  ...(labels['backstage.io/kubernetes-id']
    ? { kubernetesId: labels['backstage.io/kubernetes-id'] }
    : {}),
});

describe('ownsUnowned (Kubernetes plugin annotations)', () => {
  it.each([
    [
      'kubernetes-id label',
      { 'backstage.io/kubernetes-id': 'shop' },
      es('apps', { 'backstage.io/kubernetes-id': 'shop' }),
      true,
    ],
    [
      'another id',
      { 'backstage.io/kubernetes-id': 'shop' },
      es('apps', { 'backstage.io/kubernetes-id': 'cart' }),
      false,
    ],
    [
      'label selector',
      { 'backstage.io/kubernetes-label-selector': 'app=shop,tier=api' },
      es('apps', { app: 'shop', tier: 'api' }),
      true,
    ],
    [
      'label selector over id',
      {
        'backstage.io/kubernetes-id': 'shop',
        'backstage.io/kubernetes-label-selector': 'app=shop',
      },
      es('apps', { 'backstage.io/kubernetes-id': 'shop' }),
      false,
    ],
    [
      'namespace mismatch',
      {
        'backstage.io/kubernetes-id': 'shop',
        'backstage.io/kubernetes-namespace': 'shop-prod',
      },
      es('apps', { 'backstage.io/kubernetes-id': 'shop' }),
      false,
    ],
    [
      'no annotation',
      {},
      es('apps', { 'backstage.io/kubernetes-id': 'shop' }),
      false,
    ],
  ])('%s', (_what, annotations, live, expected) => {
    expect(ownsUnowned(entity(annotations), live)).toBe(expected);
  });
});
