import type { SecretsSearchDocument } from '@ameideio/plugin-secrets-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { SecretsSearchResultListItem } from './SecretsSearchResultListItem';

const doc: SecretsSearchDocument = {
  title: 'payments-stripe-api-key (Vault key, payments)',
  text: 'Vault key payments-stripe-api-key, owned by payments.',
  location: '/catalog/default/component/payments/secrets',
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
  clusters: [],
};

describe('SecretsSearchResultListItem', () => {
  it("names the owner and the readers and links to the owner's Secrets tab", async () => {
    await renderInTestApp(<SecretsSearchResultListItem result={doc} />);
    const link = screen.getByRole('link', {
      name: 'payments-stripe-api-key (Vault key, payments)',
    });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/payments/secrets',
    );
    expect(screen.getByTestId('secrets-search-owner')).toHaveTextContent(
      'Vault key owned by payments (component:default/payments, team group:default/team-commerce)',
    );
    expect(
      screen.getByText(/Read by Deployment\/payments-api/),
    ).toBeInTheDocument();
    expect(screen.getByText('production')).toBeInTheDocument();
  });

  it('highlights the matched title', async () => {
    await renderInTestApp(
      <SecretsSearchResultListItem
        result={doc}
        highlight={{
          preTag: '<em>',
          postTag: '</em>',
          fields: { title: '<em>payments-stripe-api-key</em> (Vault key)' },
        }}
      />,
    );
    expect(screen.getByText('payments-stripe-api-key').tagName).toBe('MARK');
  });

  it('renders nothing without a result', async () => {
    const { container } = await renderInTestApp(
      <SecretsSearchResultListItem />,
    );
    expect(container.textContent).toBe('');
  });
});
