import {
  createExtensionTester,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { ordersEntity, ordersResponse } from '../__fixtures__/entitySecrets';
import { secretsApiRef } from '../api';
import { BASE, setupSecretsBackend } from '../__testUtils__/msw';
import secretsPlugin, { secretsEntityContent } from './index';

const { server, client } = setupSecretsBackend();

describe('secrets /alpha', () => {
  it('declares the "Secrets" entity content with the annotation filter', () => {
    const tester = createExtensionTester(secretsEntityContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Secrets');
    expect(tester.get(coreExtensionData.routePath)).toBe('secrets');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(ordersEntity)).toBe(true);
    expect(filter({ ...ordersEntity, metadata: { name: 'x' } })).toBe(false);
  });

  it('renders the entity content extension against the backend', async () => {
    server.use(
      http.get(`${BASE}/entity/component/default/orders`, () =>
        HttpResponse.json(ordersResponse),
      ),
    );
    const tester = createExtensionTester(secretsEntityContent);
    await renderInTestApp(
      <TestApiProvider apis={[[secretsApiRef, client]]}>
        <EntityProvider entity={ordersEntity}>
          {tester.reactElement()}
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByLabelText('Secrets summary')).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Environment matrix' }),
    ).toBeInTheDocument();
  });

  it('is a plugin with the API, the entity content, the review page and the search result item', () => {
    expect(secretsPlugin.pluginId).toBe('secrets');
    expect(secretsPlugin.title).toBe('Secrets');
    expect(() => secretsPlugin.getExtension('api:secrets')).not.toThrow();
    expect(() =>
      secretsPlugin.getExtension('entity-content:secrets'),
    ).not.toThrow();
    expect(() => secretsPlugin.getExtension('page:secrets')).not.toThrow();
    expect(() =>
      secretsPlugin.getExtension('search-result-list-item:secrets'),
    ).not.toThrow();
  });
});
