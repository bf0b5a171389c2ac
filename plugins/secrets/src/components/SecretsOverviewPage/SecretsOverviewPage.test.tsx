import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { overviewResponse } from '../../__fixtures__/entitySecrets';
import { secretsApiRef } from '../../api';
import { BASE, setupSecretsBackend } from '../../__testUtils__/msw';
import { SecretsOverviewPage } from './SecretsOverviewPage';

const { server, client } = setupSecretsBackend();

function renderPage() {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [secretsApiRef, client],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <SecretsOverviewPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('SecretsOverviewPage', () => {
  it('lists every entity with counts, coverage and findings, linking to the Secrets tab', async () => {
    server.use(
      http.get(`${BASE}/overview`, () => HttpResponse.json(overviewResponse)),
    );
    await renderPage();
    const table = await screen.findByRole('table', { name: 'Entities' });
    const orders = within(table).getByRole('row', { name: /orders/ });
    expect(
      within(orders).getByRole('link', { name: 'orders' }),
    ).toHaveAttribute('href', '/catalog/default/component/orders/secrets');
    expect(orders).toHaveTextContent('team-commerce');
    expect(orders).toHaveTextContent('66.7%');
    expect(orders).toHaveTextContent('Missing fixture, Sync error');
    expect(
      within(table).getByRole('row', { name: /search/ }),
    ).toHaveTextContent('n/a');
    expect(screen.getByTestId('count-error')).toHaveTextContent('1');
  });

  it('filters by owner group through the backend query', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/overview`, ({ request }) => {
        const owner = new URL(request.url).searchParams.get('owner');
        seen.push(owner ?? '');
        if (!owner) return HttpResponse.json(overviewResponse);
        return HttpResponse.json({
          ...overviewResponse,
          entities: {
            ...overviewResponse.entities,
            items: overviewResponse.entities.items.filter(
              e => e.owner === owner,
            ),
            totalCount: 1,
          },
        });
      }),
    );
    await renderPage();
    await screen.findByRole('table', { name: 'Entities' });
    await userEvent.click(screen.getByLabelText('Owner group'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'team-data' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('link', { name: 'orders' }),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('link', { name: 'search' })).toBeInTheDocument();
    expect(seen).toContain('team-data');
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    expect(
      await screen.findByRole('link', { name: 'orders' }),
    ).toBeInTheDocument();
  });

  it('shows conflicts, unowned ExternalSecrets and orphan fixtures in their own tabs, by keyboard', async () => {
    server.use(
      http.get(`${BASE}/overview`, () => HttpResponse.json(overviewResponse)),
    );
    await renderPage();
    const entitiesTab = await screen.findByRole('tab', {
      name: 'Entities (2)',
    });
    entitiesTab.focus();
    await userEvent.keyboard('{ArrowRight}{Enter}');
    const conflicts = await screen.findByRole('table', { name: 'Conflicts' });
    expect(conflicts).toHaveTextContent('postgres-app');
    expect(conflicts).toHaveTextContent('release platform-db');
    expect(
      within(conflicts).getByRole('link', { name: 'orders' }),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('tab', { name: 'Unowned in clusters (1)' }),
    );
    const unowned = screen.getByRole('table', { name: 'Unowned in clusters' });
    expect(unowned).toHaveTextContent('old-token');
    expect(
      within(unowned).getByText('Not ready: SecretSyncedError'),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('tab', { name: 'Orphan fixtures (1)' }),
    );
    expect(
      screen.getByRole('table', { name: 'Orphan fixtures' }),
    ).toHaveTextContent('sources/values/dev/fixtures.yaml:40');
  });

  it('exports the current view as CSV', async () => {
    server.use(
      http.get(`${BASE}/overview`, () => HttpResponse.json(overviewResponse)),
    );
    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:csv';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await renderPage();
    await screen.findByRole('table', { name: 'Entities' });
    await userEvent.click(screen.getByRole('tab', { name: 'Conflicts (1)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(click).toHaveBeenCalled();
    const text = await blobs[0].text();
    expect(text.split('\r\n')[0]).toBe(
      'Environment,Namespace,Target Secret,Owners',
    );
    expect(text).toContain(
      'dev,shared,postgres-app,component:default/orders (sources/charts/apps/orders/values.yaml:20) | platform-db',
    );
    click.mockRestore();
  });

  it('explains a 403 as missing permission', async () => {
    server.use(
      http.get(`${BASE}/overview`, () =>
        HttpResponse.json(
          { error: { name: 'NotAllowedError', message: 'no' } },
          { status: 403 },
        ),
      ),
    );
    await renderPage();
    expect(
      await screen.findByText(/secrets\.overview\.read permission/),
    ).toBeInTheDocument();
  });

  it('shows degraded sources as banners above the review', async () => {
    server.use(
      http.get(`${BASE}/overview`, () =>
        HttpResponse.json({
          ...overviewResponse,
          sources: [
            {
              id: 'cluster:prod',
              kind: 'cluster',
              environment: 'production',
              status: 'error',
              errorClass: 'forbidden',
              message: 'Kubernetes answered 403',
            },
          ],
        }),
      ),
    );
    await renderPage();
    expect(
      await screen.findByText('Cluster production forbidden: no data yet'),
    ).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Entities' })).toBeInTheDocument();
  });

  it('offers every owner the backend knows, not only those of the loaded rows', async () => {
    server.use(
      http.get(`${BASE}/overview`, () =>
        HttpResponse.json({
          ...overviewResponse,
          facets: {
            owners: ['team-commerce', 'team-data', 'team-on-page-two'],
            environments: ['dev', 'production'],
            findingTypes: ['missing-fixture', 'sync-error'],
          },
        }),
      ),
    );
    await renderPage();
    await screen.findByRole('table', { name: 'Entities' });
    await userEvent.click(screen.getByLabelText('Owner group'));
    expect(
      await screen.findByRole('option', { name: 'team-on-page-two' }),
    ).toBeInTheDocument();
  });

  it('shows the refresh button with secrets.refresh', async () => {
    server.use(
      http.get(`${BASE}/overview`, () => HttpResponse.json(overviewResponse)),
    );
    await renderPage();
    await screen.findByRole('table', { name: 'Entities' });
    expect(
      await screen.findByRole('button', { name: 'Refresh sources' }),
    ).toBeEnabled();
  });
});
