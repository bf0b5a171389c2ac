import type {
  HistoryPoint,
  PlatformHistoryResponse,
} from '@ameideio/plugin-secrets-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { secretsApiRef } from '../../api';
import { BASE, setupSecretsBackend } from '../../__testUtils__/msw';
import { EntityHistoryCard, PlatformHistoryCard } from './HistoryCard';
import { trendSummary } from './TrendChart';

const { server, client } = setupSecretsBackend();

const point = (date: string, errors: number): HistoryPoint => ({
  date,
  at: `${date}T10:00:00.000Z`,
  errors,
  warnings: 2,
  infos: 0,
  syncErrors: 1,
  overdueKeys: 1,
  fixtureCoverage: 80,
});

const points = [point('2026-11-29', 3), point('2026-11-30', 5)];

const render = (el: JSX.Element) =>
  renderInTestApp(
    <TestApiProvider apis={[[secretsApiRef, client]]}>{el}</TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('EntityHistoryCard', () => {
  it("draws the entity's trend and lists what is new and resolved", async () => {
    const asked: string[] = [];
    server.use(
      http.get(`${BASE}/history`, ({ request }) => {
        asked.push(new URL(request.url).search);
        return HttpResponse.json({
          entityRef: 'component:default/orders',
          days: 30,
          since: '2026-10-31T10:00:00.000Z',
          points,
          newSince: [
            {
              id: 'sync-error:production:orders-db',
              type: 'sync-error',
              severity: 'error',
              entityRef: 'component:default/orders',
              environment: 'production',
            },
          ],
          resolvedSince: [],
        });
      }),
    );
    await render(<EntityHistoryCard entityRef="component:default/orders" />);
    const chart = await screen.findByRole('figure', { name: 'Trend' });
    expect(chart).toHaveAttribute('data-points', '2');
    expect(chart).toHaveAttribute('data-last-errors', '5');
    expect(screen.getByTestId('secrets-trend-summary')).toHaveTextContent(
      '5 errors, 2 warnings, 1 sync errors and 1 overdue keys on 2026-11-30, fixture coverage 80%; 3 errors on 2026-11-29.',
    );
    const added = screen.getByRole('list', {
      name: 'New since 2026-10-31 (1)',
    });
    expect(within(added).getByText('Sync error in production')).toBeVisible();
    expect(
      within(added).getByText('sync-error:production:orders-db'),
    ).toBeVisible();
    expect(screen.getByText('Resolved since 2026-10-31 (0)')).toBeVisible();
    expect(asked).toEqual(['?entityRef=component%3Adefault%2Forders&days=30']);

    // another period asks again
    await userEvent.click(screen.getByLabelText('Period'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Last 7 days' }),
    );
    await waitFor(() => expect(asked).toHaveLength(2));
    expect(asked[1]).toBe('?entityRef=component%3Adefault%2Forders&days=7');
  });

  it('says so when there is no history yet', async () => {
    await render(<EntityHistoryCard entityRef="component:default/orders" />);
    expect(
      await screen.findByText(
        'No history yet: the first point appears after the next refresh.',
      ),
    ).toBeVisible();
  });

  it('explains a refused request', async () => {
    server.use(
      http.get(`${BASE}/history`, () =>
        HttpResponse.json(
          { error: { name: 'NotAllowedError', message: 'no' } },
          { status: 403 },
        ),
      ),
    );
    await render(<EntityHistoryCard entityRef="component:default/orders" />);
    expect(
      await screen.findByText(
        'You do not have access to this secret governance data',
      ),
    ).toBeVisible();
  });
});

describe('PlatformHistoryCard', () => {
  it("shows the platform's trend, the changes with their entities and the week's movers, hidden ones counted", async () => {
    const body: PlatformHistoryResponse = {
      days: 30,
      since: '2026-10-31T10:00:00.000Z',
      points,
      newSince: [],
      resolvedSince: [
        {
          id: 'missing-fixture:orders/db:dev',
          type: 'missing-fixture',
          severity: 'error',
          entityRef: 'component:default/orders',
          environment: 'dev',
        },
      ],
      movers: [
        {
          entityRef: 'component:default/payments',
          before: 1,
          after: 4,
          delta: 3,
        },
      ],
      hidden: { newSince: 2, resolvedSince: 0, movers: 1 },
    };
    server.use(
      http.get(`${BASE}/history/platform`, () => HttpResponse.json(body)),
    );
    await render(<PlatformHistoryCard />);
    expect(
      await screen.findByRole('figure', { name: 'Platform trend' }),
    ).toHaveAttribute('data-points', '2');
    expect(screen.getByText('New since 2026-10-31 (2)')).toBeVisible();
    expect(screen.getByText('2 in entities you cannot see')).toBeVisible();
    const resolved = screen.getByRole('list', {
      name: 'Resolved since 2026-10-31 (1)',
    });
    expect(
      within(resolved).getByText(
        'Missing fixture in dev · component:default/orders',
      ),
    ).toBeVisible();
    const movers = screen.getByRole('table', { name: "This week's movers" });
    const row = within(movers).getByTestId('secrets-mover');
    expect(row).toHaveTextContent('payments');
    expect(row).toHaveTextContent('+3');
    expect(
      within(movers).getByText('and 1 entities you cannot see'),
    ).toBeVisible();
  });
});

describe('trendSummary', () => {
  it('reads the first and last points', () => {
    expect(trendSummary([])).toBe('No history yet.');
    expect(
      trendSummary([{ ...point('2026-11-30', 0), fixtureCoverage: null }]),
    ).toBe(
      '0 errors, 2 warnings, 1 sync errors and 1 overdue keys on 2026-11-30; 0 errors on 2026-11-30.',
    );
  });
});
