import type { InventoryItem } from '@ameideio/plugin-secrets-common';
import { inventoryDocument } from './inventoryDocument';

const key: InventoryItem = {
  id: 'VaultKey::payments-stripe-api-key:apps-payments',
  kind: 'VaultKey',
  name: 'payments-stripe-api-key',
  entityRef: 'component:default/payments',
  owner: 'group:default/team-commerce',
  release: 'apps-payments',
  chart: 'sources/charts/apps/payments',
  environments: ['dev', 'production'],
  clusters: ['prod-eu'],
  stores: ['ClusterSecretStore/ameide-vault'],
  providers: ['vault'],
  externalSecrets: ['payments-stripe'],
  targetSecrets: ['payments-stripe'],
  keys: [],
  readers: ['Deployment/payments-api'],
  origin: 'git',
};

describe('inventoryDocument', () => {
  it("links a key to its owner's Secrets tab and says who reads it", () => {
    expect(
      inventoryDocument(key, '/catalog/:namespace/:kind/:name/secrets'),
    ).toStrictEqual({
      title: 'payments-stripe-api-key (Vault key, payments)',
      text:
        'Vault key payments-stripe-api-key, owned by payments (component:default/payments, owner group:default/team-commerce).' +
        ' Read through ExternalSecret payments-stripe.' +
        ' Target Secret payments-stripe.' +
        ' Read by Deployment/payments-api.' +
        ' Environments: dev, production.' +
        ' Store: ClusterSecretStore/ameide-vault.' +
        ' Clusters: prod-eu.',
      location:
        '/catalog/default/component/payments/secrets#VaultKey%3A%3Apayments-stripe-api-key%3Aapps-payments',
      kind: 'VaultKey',
      name: 'payments-stripe-api-key',
      entityRef: 'component:default/payments',
      owner: 'group:default/team-commerce',
      environments: ['dev', 'production'],
      externalSecrets: ['payments-stripe'],
      targetSecrets: ['payments-stripe'],
      keys: [],
      readers: ['Deployment/payments-api'],
      stores: ['ClusterSecretStore/ameide-vault'],
      clusters: ['prod-eu'],
      authorization: { resourceRef: 'component:default/payments' },
    });
  });

  it('skips an item without a known owner', () => {
    const { entityRef: _drop, ...unowned } = key;
    expect(inventoryDocument(unowned, '/:name')).toBeUndefined();
  });
});
