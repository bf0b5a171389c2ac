import type { Finding } from '@ameideio/plugin-secrets-common';
import { FIX_TEMPLATE_PATH, fixFindingLink, fixFormData } from './fixLink';

/*
 * The findings are the demo GitOps repository's, as the entity endpoint
 * returns them (examples/gitops/README.md lists them); the scaffolder
 * module's fixTemplate integration test runs the template with the same
 * form data.
 */
const FIXTURES =
  'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml';

const missingFixture: Finding = {
  id: '9dfaca27f1b22067',
  type: 'missing-fixture',
  severity: 'error',
  message:
    'Vault key "payments-stripe-api-key" (property "value") used by ExternalSecret payments-stripe has no fixture, so a fresh dev cluster cannot sync it.',
  subject: {
    kind: 'VaultKey',
    name: 'payments-stripe-api-key',
    property: 'value',
  },
  release: 'apps-payments',
  chart: 'sources/charts/apps/payments',
  entityRef: 'component:default/payments',
  environment: 'dev',
  sourceRef: {
    file: 'sources/charts/apps/payments/templates/externalsecret.yaml',
    line: 10,
  },
  proposedFix: {
    title: 'Add a fixture entry',
    actions: [`Add the key under \`fixtures:\` in ${FIXTURES}.`],
    command: '  payments-stripe-api-key: "placeholder-payments-stripe-api-key"',
  },
};

const orphanFixture: Finding = {
  id: '539962852be5d418',
  type: 'orphan-fixture',
  severity: 'info',
  message:
    'Fixture "ghcr-token" is not referenced by any ExternalSecret in any environment.',
  subject: { kind: 'Fixture', name: 'ghcr-token' },
  release: 'foundation-vault-bootstrap',
  environment: 'dev',
  sourceRef: { file: FIXTURES, line: 23 },
  proposedFix: {
    title: 'Remove the fixture or wire its consumer',
    actions: [
      `Delete "ghcr-token" from ${FIXTURES}, or add the ExternalSecret that needs it.`,
    ],
  },
};

const remoteRefConvention: Finding = {
  id: 'd0787bf018a16472',
  type: 'remote-ref-convention',
  severity: 'warning',
  message:
    'ExternalSecret checkout-session: remoteRef "checkout-session-key" no property: ESO reads the whole Vault secret as JSON; the convention is `property: value`.',
  subject: {
    kind: 'ExternalSecret',
    name: 'checkout-session',
    namespace: 'ameide',
  },
  release: 'apps-checkout',
  chart: 'sources/charts/apps/checkout',
  entityRef: 'component:default/checkout',
  environment: 'dev',
  sourceRef: {
    file: 'sources/charts/apps/checkout/templates/externalsecret.yaml',
    line: 10,
  },
  proposedFix: {
    title: 'Follow the remoteRef convention',
    actions: ['Reference `key: <key>` with `property: value`.'],
    command: 'remoteRef:\n  key: checkout-session-key\n  property: value',
  },
};

const emptyProductionOverride: Finding = {
  id: '3f9aba05ca6469b8',
  type: 'empty-production-override',
  severity: 'error',
  message:
    'The production fixture override of "orders-db-password" is empty ("must be provided for real"), but no writer (external sync, job, PushSecret) provides it.',
  subject: { kind: 'VaultKey', name: 'orders-db-password', property: 'value' },
  release: 'foundation-vault-secrets-platform',
  chart: 'sources/charts/foundation/vault-secrets-platform',
  environment: 'production',
  sourceRef: {
    file: 'sources/values/env/production/foundation/foundation-vault-bootstrap.yaml',
    line: 4,
  },
  proposedFix: {
    title: 'Declare the real writer',
    actions: [
      'Declare the writer of "orders-db-password" under `secretWriters:` in the values of the release that writes it, or seed it in production Vault through the external key vault sync.',
    ],
  },
};

const formDataOf = (href: string) => {
  const url = new URL(href, 'http://localhost');
  expect(url.pathname).toBe(FIX_TEMPLATE_PATH);
  return JSON.parse(url.searchParams.get('formData')!);
};

describe('fixFindingLink', () => {
  it('missing-fixture: the key, its property, the environment and the fixture file the proposed fix names', () => {
    expect(formDataOf(fixFindingLink(missingFixture)!)).toStrictEqual({
      type: 'missing-fixture',
      subject: 'payments-stripe-api-key',
      property: 'value',
      environment: 'dev',
      file: FIXTURES,
      entityRef: 'component:default/payments',
    });
  });

  it('missing-fixture of a whole key (property *): no property, the template adds the key', () => {
    expect(
      fixFormData({
        ...missingFixture,
        subject: { kind: 'VaultKey', name: 'legacy-json', property: '*' },
        proposedFix: { title: 'Add a fixture entry', actions: [] },
      }),
    ).toStrictEqual({
      type: 'missing-fixture',
      subject: 'legacy-json',
      environment: 'dev',
      entityRef: 'component:default/payments',
    });
  });

  it('orphan-fixture: the fixture key, the environment and the file holding the entry', () => {
    expect(formDataOf(fixFindingLink(orphanFixture)!)).toStrictEqual({
      type: 'orphan-fixture',
      subject: 'ghcr-token',
      environment: 'dev',
      file: FIXTURES,
    });
  });

  it('remote-ref-convention: the ExternalSecret, the environment and the remoteRef key of the proposed fix', () => {
    expect(formDataOf(fixFindingLink(remoteRefConvention)!)).toStrictEqual({
      type: 'remote-ref-convention',
      subject: 'checkout-session',
      environment: 'dev',
      vaultKey: 'checkout-session-key',
      entityRef: 'component:default/checkout',
    });
  });

  it('remote-ref-convention without a remoteRef key in the proposed fix: no link', () => {
    expect(
      fixFindingLink({
        ...remoteRefConvention,
        proposedFix: { title: 'Follow the convention', actions: [] },
      }),
    ).toBeUndefined();
  });

  it('empty-production-override: the Vault key, the environment and the values of the chart that reads it', () => {
    expect(formDataOf(fixFindingLink(emptyProductionOverride)!)).toStrictEqual({
      type: 'empty-production-override',
      subject: 'orders-db-password',
      environment: 'production',
      file: 'sources/charts/foundation/vault-secrets-platform/values.yaml',
    });
  });

  it('empty-production-override without a chart (a raw manifest): no link, the template needs a values file', () => {
    const { chart, ...raw } = emptyProductionOverride;
    expect(chart).toBeDefined();
    expect(fixFindingLink(raw)).toBeUndefined();
  });

  it('prefills names and paths only, never the message, command or a fixture value', () => {
    for (const f of [
      missingFixture,
      orphanFixture,
      remoteRefConvention,
      emptyProductionOverride,
    ]) {
      const json = JSON.stringify(fixFormData(f));
      expect(json).not.toContain('placeholder-');
      expect(json).not.toContain(f.message);
      expect(json).not.toContain('property: value');
    }
  });

  it.each(['duplicate-owner', 'inline-credential', 'sync-error'] as const)(
    'links no finding of a type the template cannot fix (%s)',
    type => {
      expect(fixFindingLink({ ...missingFixture, type })).toBeUndefined();
    },
  );

  it('accepts another template path', () => {
    expect(
      fixFindingLink(orphanFixture, '/portal/create/templates/ops/fix')!,
    ).toMatch(/^\/portal\/create\/templates\/ops\/fix\?formData=/);
  });
});
