import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { overviewResponse } from '../../__fixtures__/entitySecrets';
import { secretsApiRef } from '../../api';
import { BASE, setupSecretsBackend } from '../../__testUtils__/msw';
import { SecretsOverviewPage } from './SecretsOverviewPage';

// a file of its own: permission decisions are cached per module instance
const { server, client } = setupSecretsBackend();

describe('SecretsOverviewPage without secrets.refresh', () => {
  it('offers no refresh button, and the review still loads', async () => {
    server.use(
      http.get(`${BASE}/overview`, () => HttpResponse.json(overviewResponse)),
    );
    // AuthorizeResult's wire values: this package does not depend on the enum
    const authorize = jest.fn();
    authorize.mockImplementation(
      async (r: { permission: { name: string } }) => ({
        result: r.permission.name === 'secrets.refresh' ? 'DENY' : 'ALLOW',
      }),
    );
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [secretsApiRef, client],
          [permissionApiRef, mockApis.permission.mock({ authorize })],
        ]}
      >
        <SecretsOverviewPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    await screen.findByRole('table', { name: 'Entities' });
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'secrets.refresh' }),
      }),
    );
    expect(
      screen.queryByRole('button', { name: 'Refresh sources' }),
    ).not.toBeInTheDocument();
  });
});
