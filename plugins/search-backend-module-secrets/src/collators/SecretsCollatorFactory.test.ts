import type { InventoryResponse } from '@ameideio/plugin-secrets-common';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SecretsCollatorFactory } from './SecretsCollatorFactory';

const server = setupServer();
registerMswTestHooks(server);

const inventory: InventoryResponse = {
  hidden: 0,
  items: [
    {
      id: 'Secret:shop:orders-db:orders',
      kind: 'Secret',
      name: 'orders-db',
      namespace: 'shop',
      entityRef: 'component:default/orders',
      release: 'orders',
      environments: ['dev'],
      clusters: [],
      stores: ['ClusterSecretStore/vault'],
      providers: ['vault'],
      externalSecrets: ['orders-db'],
      targetSecrets: [],
      keys: ['shop/orders-db'],
      readers: [],
      origin: 'git',
    },
    {
      id: 'VaultKey::shared/ca:foundation',
      kind: 'VaultKey',
      name: 'shared/ca',
      release: 'foundation',
      environments: ['dev'],
      clusters: [],
      stores: [],
      providers: [],
      externalSecrets: [],
      targetSecrets: [],
      keys: [],
      readers: [],
      origin: 'git',
    },
  ],
};

async function collect(factory: SecretsCollatorFactory) {
  const docs: any[] = [];
  for await (const d of await factory.getCollator()) docs.push(d);
  return docs;
}

describe('SecretsCollatorFactory', () => {
  const discovery = mockServices.discovery();
  const auth = mockServices.auth({ pluginId: 'search' });

  it('reads the inventory with a service token and yields one document per owned item', async () => {
    const seen: string[] = [];
    server.use(
      http.get('http://localhost:0/api/secrets/inventory', ({ request }) => {
        seen.push(request.headers.get('authorization') ?? '');
        return HttpResponse.json(inventory);
      }),
    );
    const factory = SecretsCollatorFactory.fromConfig(
      mockServices.rootConfig({
        data: {
          search: {
            collators: {
              secrets: { locationTemplate: '/portal/:namespace/:kind/:name' },
            },
          },
        },
      }),
      { discovery, auth },
    );
    expect(factory.type).toBe('secrets');
    const docs = await collect(factory);
    expect(docs.map(d => [d.title, d.location, d.authorization])).toStrictEqual(
      [
        [
          'orders-db (Secret, orders)',
          '/portal/default/component/orders#Secret%3Ashop%3Aorders-db%3Aorders',
          { resourceRef: 'component:default/orders' },
        ],
      ],
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^Bearer .+/);
    expect(seen[0]).toContain('secrets');
  });

  it('fails the collation when the inventory does not answer', async () => {
    server.use(
      http.get('http://localhost:0/api/secrets/inventory', () =>
        HttpResponse.json({ error: { message: 'nope' } }, { status: 503 }),
      ),
    );
    const factory = SecretsCollatorFactory.fromConfig(
      mockServices.rootConfig(),
      { discovery, auth },
    );
    await expect(collect(factory)).rejects.toThrow(/503/);
  });
});
