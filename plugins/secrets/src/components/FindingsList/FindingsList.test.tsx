import type { Finding } from '@ameideio/plugin-secrets-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { FindingsList } from './FindingsList';

const finding = (
  f: Partial<Finding> & Pick<Finding, 'id' | 'type'>,
): Finding => ({
  severity: 'error',
  message: 'message',
  subject: {
    kind: 'VaultKey',
    name: 'payments-stripe-api-key',
    property: 'value',
  },
  proposedFix: { title: 'Fix it', actions: [] },
  ...f,
});

const formDataOf = (href: string) => {
  const url = new URL(href, 'http://localhost');
  expect(url.pathname).toBe('/create/templates/default/fix-finding');
  return JSON.parse(url.searchParams.get('formData')!);
};

describe('FindingsList', () => {
  it('links each fixable finding to the fix template, prefilled', async () => {
    await renderInTestApp(
      <FindingsList
        findings={[
          finding({
            id: 'a',
            type: 'missing-fixture',
            environment: 'dev',
            entityRef: 'component:default/payments',
          }),
          finding({
            id: 'b',
            type: 'orphan-fixture',
            severity: 'info',
            subject: { kind: 'Fixture', name: 'ghcr-token' },
            environment: 'dev',
            sourceRef: { file: 'sources/values/f.yaml', line: 3 },
          }),
          finding({
            id: 'c',
            type: 'remote-ref-convention',
            severity: 'warning',
            subject: { kind: 'ExternalSecret', name: 'checkout-session' },
            proposedFix: {
              title: 'Follow the convention',
              actions: [],
              command:
                'remoteRef:\n  key: checkout-session-key\n  property: value',
            },
          }),
          finding({ id: 'd', type: 'duplicate-owner' }),
          finding({
            id: 'e',
            type: 'empty-production-override',
            subject: { kind: 'VaultKey', name: 'orders-db-password' },
            chart: 'sources/charts/foundation/vault-secrets-platform',
            environment: 'production',
            sourceRef: { file: 'sources/values/env/production/f.yaml' },
          }),
        ]}
      />,
    );
    const link = (id: string) =>
      within(screen.getByTestId(`finding-${id}`)).queryByRole('link', {
        name: /Fix this finding/,
      });
    expect(formDataOf(link('a')!.getAttribute('href')!)).toStrictEqual({
      type: 'missing-fixture',
      subject: 'payments-stripe-api-key',
      property: 'value',
      environment: 'dev',
      entityRef: 'component:default/payments',
    });
    expect(formDataOf(link('b')!.getAttribute('href')!)).toStrictEqual({
      type: 'orphan-fixture',
      subject: 'ghcr-token',
      environment: 'dev',
      file: 'sources/values/f.yaml',
    });
    expect(formDataOf(link('c')!.getAttribute('href')!)).toStrictEqual({
      type: 'remote-ref-convention',
      subject: 'checkout-session',
      vaultKey: 'checkout-session-key',
    });
    // not a fixable type: no link
    expect(link('d')).toBeNull();
    expect(formDataOf(link('e')!.getAttribute('href')!)).toStrictEqual({
      type: 'empty-production-override',
      subject: 'orders-db-password',
      environment: 'production',
      file: 'sources/charts/foundation/vault-secrets-platform/values.yaml',
    });
  });
});
