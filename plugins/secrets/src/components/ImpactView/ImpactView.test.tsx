import type { ImpactResponse } from '@ameideio/plugin-secrets-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { secretsApiRef } from '../../api';
import { BASE, setupSecretsBackend } from '../../__testUtils__/msw';
import { SecretsOverviewPage } from '../SecretsOverviewPage';
import { impactQueryFrom, impactSearch } from './ImpactView';

const { server, client } = setupSecretsBackend();

// jsdom lays out no SVG: the graph measures its labels
beforeAll(() => {
  (window.SVGElement.prototype as any).getBBox = () => ({
    x: 0,
    y: 0,
    width: 80,
    height: 16,
  });
});

const impact: ImpactResponse = {
  query: { vaultKey: 'orders/db' },
  nodes: [
    {
      id: 'key:dev:orders/db',
      kind: 'VaultKey',
      name: 'orders/db',
      environment: 'dev',
    },
    {
      id: 'es:dev:shop/orders-db',
      kind: 'ExternalSecret',
      name: 'orders-db',
      environment: 'dev',
      namespace: 'shop',
      sourceRef: { file: 'es.yaml', line: 3 },
    },
    {
      id: 'secret:dev:shop/orders-db',
      kind: 'Secret',
      name: 'orders-db',
      environment: 'dev',
      namespace: 'shop',
    },
    {
      id: 'workload:dev:shop/Deployment/orders',
      kind: 'Workload',
      name: 'Deployment/orders',
      environment: 'dev',
      namespace: 'shop',
    },
    {
      id: 'entity:component:default/orders',
      kind: 'Entity',
      name: 'component:default/orders',
      entityRef: 'component:default/orders',
    },
  ],
  edges: [
    {
      from: 'key:dev:orders/db',
      to: 'es:dev:shop/orders-db',
      label: 'read by',
    },
    {
      from: 'es:dev:shop/orders-db',
      to: 'secret:dev:shop/orders-db',
      label: 'produces',
    },
    {
      from: 'secret:dev:shop/orders-db',
      to: 'workload:dev:shop/Deployment/orders',
      label: 'envFrom',
    },
    {
      from: 'workload:dev:shop/Deployment/orders',
      to: 'entity:component:default/orders',
      label: 'owned by',
    },
  ],
  summary: {
    environments: ['dev'],
    externalSecrets: 1,
    secrets: 1,
    readers: 1,
    optionalReaders: 0,
    entities: ['component:default/orders'],
  },
  live: {
    'es:dev:shop/orders-db': [
      {
        cluster: 'dev-1',
        environment: 'dev',
        namespace: 'shop',
        name: 'orders-db',
        ready: 'False',
        reason: 'SecretSyncedError',
      } as any,
    ],
  },
  hidden: { entities: 2, nodes: 3 },
};

describe('impact view', () => {
  it('reads and writes its query in the URL', () => {
    expect(impactQueryFrom('?vaultKey=a%2Fb&environment=dev')).toStrictEqual({
      vaultKey: 'a/b',
      environment: 'dev',
    });
    expect(impactQueryFrom('?owner=x')).toBeUndefined();
    expect(impactSearch({ secret: 'db', namespace: 'shop' })).toBe(
      '?secret=db&namespace=shop',
    );
  });

  it('the review page with ?vaultKey= draws the chain, its live state and what is hidden', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/impact`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json(impact);
      }),
    );
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [secretsApiRef, client],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <SecretsOverviewPage />
      </TestApiProvider>,
      { routeEntries: ['/secrets?vaultKey=orders%2Fdb'] },
    );
    expect(await screen.findByTestId('impact-summary')).toHaveTextContent(
      '1 ExternalSecret(s), 1 Secret(s), 1 required reader(s) in dev',
    );
    expect(seen).toStrictEqual(['?vaultKey=orders%2Fdb']);
    expect(
      screen.getByText(/2 more entities you may not see/),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Objects' });
    expect(
      within(table).getByRole('row', { name: /ExternalSecret orders-db/ }),
    ).toHaveTextContent('1 cluster(s) not synced');
  });
});
