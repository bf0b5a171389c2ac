import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import { Profiler } from 'react';
import {
  largeResponse,
  LEAK_SENTINEL,
  ordersEntity,
  ordersResponse,
} from '../../__fixtures__/entitySecrets';
import { secretsApiRef } from '../../api';
import { BASE, setupSecretsBackend } from '../../__testUtils__/msw';
import { EntitySecretsContent } from './EntitySecretsContent';

const { server, client } = setupSecretsBackend();
const ENTITY_URL = `${BASE}/entity/component/default/orders`;

function renderTab(entity: any = ordersEntity) {
  return renderInTestApp(
    <TestApiProvider apis={[[secretsApiRef, client]]}>
      <EntityProvider entity={entity}>
        <EntitySecretsContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntitySecretsContent', () => {
  it('shows the summary, the matrix with text chips, the table and findings', async () => {
    server.use(http.get(ENTITY_URL, () => HttpResponse.json(ordersResponse)));
    await renderTab();

    const summary = await screen.findByLabelText('Secrets summary');
    expect(
      within(summary).getByTestId('summary-externalsecrets'),
    ).toHaveTextContent('ExternalSecrets owned2');
    expect(within(summary).getByTestId('summary-coverage')).toHaveTextContent(
      '66.7%',
    );
    expect(
      within(summary).getByTestId('summary-sync-errors'),
    ).toHaveTextContent('1');
    expect(
      within(summary).getByTestId('summary-findings-error'),
    ).toHaveTextContent('1');
    expect(
      within(summary).getByTestId('summary-findings-warning'),
    ).toHaveTextContent('1');
    expect(screen.getByTestId('summary-refreshed')).toHaveTextContent(
      /Refreshed/,
    );

    const matrix = screen.getByRole('table', { name: 'Environment matrix' });
    const dbRow = within(matrix).getByRole('row', { name: /orders-db/ });
    // status is spelled out, never colour alone
    expect(within(dbRow).getByText('Ready')).toBeInTheDocument();
    expect(
      within(dbRow).getByText('Error: SecretSyncedError'),
    ).toBeInTheDocument();
    expect(within(dbRow).getByText('Missing in cluster')).toBeInTheDocument();
    const keyRow = within(matrix).getByRole('row', { name: /orders-api-key/ });
    expect(within(keyRow).getByText('Disabled in env')).toBeInTheDocument();

    const table = screen.getByRole('table', { name: 'ExternalSecrets' });
    expect(
      within(table).getByText('orders-db-credentials'),
    ).toBeInTheDocument();
    expect(within(table).getAllByText('ClusterSecretStore/vault')).toHaveLength(
      2,
    );

    expect(
      screen.getByText('orders/db#password has no fixture in production'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: /sources\/values\/production\/fixtures\.yaml:12/,
      }),
    ).toHaveAttribute(
      'href',
      'https://git.example.com/gitops/blob/main/sources/values/production/fixtures.yaml#L12',
    );
    expect(
      screen.getByText(
        'kubectl annotate es orders-db -n orders force-sync=$(date +%s) --overwrite',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Copy the remediation command for orders-db',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Unowned in clusters (1)')).toBeInTheDocument();
    expect(screen.getByText('orders/orders-legacy')).toBeInTheDocument();
  });

  it('shows one banner per degraded source instead of an error page', async () => {
    server.use(http.get(ENTITY_URL, () => HttpResponse.json(ordersResponse)));
    await renderTab();
    const banner = await screen.findByTestId('source-banner-vault:staging');
    expect(banner).toHaveTextContent(/^Vault staging sealed: data from .+ ago/);
    expect(banner).toHaveTextContent('Vault is sealed');
    expect(banner).toHaveTextContent('HTTP 503.');
    expect(
      screen.queryByTestId('source-banner-gitops'),
    ).not.toBeInTheDocument();
    expect(screen.getByLabelText('Secrets summary')).toBeInTheDocument();
  });

  it('expands a row by keyboard and shows key coverage without any value', async () => {
    server.use(http.get(ENTITY_URL, () => HttpResponse.json(ordersResponse)));
    await renderTab();
    const toggle = await screen.findByRole('button', {
      name: 'Show details of orders-db',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');

    toggle.focus();
    await userEvent.keyboard('{Enter}');
    const open = screen.getByRole('button', {
      name: 'Hide details of orders-db',
    });
    expect(open).toHaveAttribute('aria-expanded', 'true');
    const keys = screen.getByRole('table', { name: 'Vault keys of orders-db' });
    expect(within(keys).getByText('orders/db#password')).toBeInTheDocument();
    expect(within(keys).getByText('DB_PASSWORD')).toBeInTheDocument();
    expect(within(keys).getByText('Fixture present')).toBeInTheDocument();
    expect(within(keys).getByText('Empty override')).toBeInTheDocument();
    expect(within(keys).getByText('Fixture missing')).toBeInTheDocument();
    expect(within(keys).getByText('Placeholder: yes')).toBeInTheDocument();
    expect(within(keys).getAllByText('Vault: present')).toHaveLength(2);
    expect(within(keys).getByText('Vault: missing')).toBeInTheDocument();

    const live = screen.getByRole('table', {
      name: 'Live status of orders-db',
    });
    expect(
      within(live).getByText('Not ready: SecretSyncedError'),
    ).toBeInTheDocument();
    expect(
      within(live).getByText('UpdateFailed: Vault is sealed'),
    ).toBeInTheDocument();
    expect(
      within(live).getByRole('button', {
        name: 'Copy the force-sync command for orders-db in staging-eu',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Not ready: InvalidProviderConfig'),
    ).toBeInTheDocument();

    await userEvent.keyboard(' ');
    expect(
      screen.queryByRole('table', { name: 'Vault keys of orders-db' }),
    ).not.toBeInTheDocument();
  });

  it('never renders a secret-like value, even when the backend leaks one', async () => {
    server.use(http.get(ENTITY_URL, () => HttpResponse.json(ordersResponse)));
    await renderTab();
    for (const b of await screen.findAllByRole('button', {
      name: /^Show details of/,
    })) {
      await userEvent.click(b);
    }
    const text = document.body.textContent ?? '';
    expect(text).not.toContain(LEAK_SENTINEL);
    expect(text).not.toMatch(
      /(password|token|secret)\s*[:=]\s*[A-Za-z0-9+/]{8,}/i,
    );
  });

  it('tells how to add the annotation when the entity has none', async () => {
    await renderTab({
      ...ordersEntity,
      metadata: { name: 'orders', annotations: {} },
    });
    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(screen.getAllByText(/ameide.io\/chart/).length).toBeGreaterThan(0);
  });

  it('says so clearly when the chart owns no ExternalSecrets', async () => {
    server.use(
      http.get(ENTITY_URL, () =>
        HttpResponse.json({
          ...ordersResponse,
          summary: {
            ...ordersResponse.summary,
            externalSecrets: 0,
            syncErrors: 0,
          },
          externalSecrets: [],
          findings: [],
          sources: [],
        }),
      ),
    );
    await renderTab();
    expect(
      await screen.findByText('This chart owns no ExternalSecrets'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No findings: every guardrail passes for this chart.'),
    ).toBeInTheDocument();
  });

  it('shows a designed loading state', async () => {
    server.use(
      http.get(ENTITY_URL, async () => {
        await delay('infinite');
        return HttpResponse.json(ordersResponse);
      }),
    );
    await renderTab();
    const status = screen.getByRole('status');
    expect(status).toHaveAttribute('aria-busy', 'true');
    expect(status).toHaveTextContent('Loading the secret governance view');
  });

  it('explains a 403 as missing permission', async () => {
    server.use(
      http.get(ENTITY_URL, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'Not allowed: secrets.entity.read',
            },
          },
          { status: 403 },
        ),
      ),
    );
    await renderTab();
    expect(
      await screen.findByText(
        'You do not have access to this secret governance data',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/secrets\.entity\.read permission/),
    ).toBeInTheDocument();
  });

  it('shows the backend error with a retry that reloads', async () => {
    let calls = 0;
    server.use(
      http.get(ENTITY_URL, () => {
        calls++;
        return calls === 1
          ? HttpResponse.json(
              { error: { name: 'Error', message: 'boom' } },
              { status: 500 },
            )
          : HttpResponse.json(ordersResponse);
      }),
    );
    await renderTab();
    expect(
      await screen.findByText(/The secrets backend could not answer/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByLabelText('Secrets summary')).toBeInTheDocument();
  });

  it('renders 300 ExternalSecrets one page at a time, and filters them', async () => {
    server.use(
      http.get(ENTITY_URL, () => HttpResponse.json(largeResponse(300))),
    );
    let commitMs = 0;
    await renderInTestApp(
      <Profiler
        id="tab"
        onRender={(_id, _phase, actual) => (commitMs += actual)}
      >
        <TestApiProvider apis={[[secretsApiRef, client]]}>
          <EntityProvider entity={ordersEntity}>
            <EntitySecretsContent />
          </EntityProvider>
        </TestApiProvider>
      </Profiler>,
    );
    const table = await screen.findByRole('table', { name: 'ExternalSecrets' });
    expect(
      within(table).getAllByRole('button', { name: /^Show details of/ }),
    ).toHaveLength(10);
    expect(screen.getAllByText(/1.10 of 300/).length).toBeGreaterThan(0);
    // eslint-disable-next-line no-console
    console.info(
      `300 ExternalSecrets: React commit time ${Math.round(
        commitMs,
      )} ms in jsdom`,
    );

    await userEvent.click(screen.getByLabelText('Filter ExternalSecrets'));
    await userEvent.paste('svc-secret-29');
    await waitFor(() =>
      expect(screen.getByText('10 of 300 ExternalSecrets')).toBeInTheDocument(),
    );

    // ten matches fit on one page: no pager
    expect(
      screen.queryAllByRole('button', { name: /next page/i }),
    ).toHaveLength(0);
  });

  it('pages with the keyboard', async () => {
    server.use(
      http.get(ENTITY_URL, () => HttpResponse.json(largeResponse(25))),
    );
    await renderTab();
    const table = await screen.findByRole('table', { name: 'ExternalSecrets' });
    expect(within(table).getByText('svc-secret-000')).toBeInTheDocument();
    const next = screen.getAllByRole('button', { name: /next page/i })[1];
    await act(async () => next.focus());
    await userEvent.keyboard('{Enter}');
    expect(within(table).getByText('svc-secret-010')).toBeInTheDocument();
    expect(within(table).queryByText('svc-secret-000')).not.toBeInTheDocument();
  });
});
