/*
 * Golden test over the demo GitOps repository (examples/gitops). The
 * expected findings are written down here and in examples/gitops/README.md;
 * every static finding type is reproduced at least once.
 */
import { resolve } from 'node:path';
import type { FindingType } from '@ameideio/plugin-secrets-common';
import { readFileTree } from '../tree';
import { analyze } from './analyze';

const DEMO = resolve(__dirname, '../../../../examples/gitops');

const summary = (f: {
  type: string;
  severity: string;
  release?: string;
  environment?: string;
  subject: { name: string; property?: string };
  sourceRef?: { file: string; line?: number };
}) =>
  [
    f.severity,
    f.type,
    f.release ?? '',
    f.environment ?? '',
    f.subject.property
      ? `${f.subject.name}#${f.subject.property}`
      : f.subject.name,
    f.sourceRef ? `${f.sourceRef.file}:${f.sourceRef.line ?? ''}` : '',
  ].join(' | ');

/** severity | type | release | environment | subject | file:line */
const EXPECTED: string[] = [
  'error | duplicate-owner | platform-keycloak-realm | dev | keycloak-db-credentials | sources/charts/platform/keycloak-realm/templates/externalsecret.yaml:10',
  'error | duplicate-owner | platform-keycloak-realm | local | keycloak-db-credentials | sources/charts/platform/keycloak-realm/templates/externalsecret.yaml:10',
  'error | duplicate-owner | platform-keycloak-realm | production | keycloak-db-credentials | sources/charts/platform/keycloak-realm/templates/externalsecret.yaml:10',
  'error | duplicate-owner | platform-keycloak-realm | staging | keycloak-db-credentials | sources/charts/platform/keycloak-realm/templates/externalsecret.yaml:10',
  'error | empty-production-override | foundation-vault-secrets-platform | production | orders-db-password#value | sources/values/env/production/foundation/foundation-vault-bootstrap.yaml:4',
  'error | inline-credential | legacy |  | smtp-relay#password | sources/manifests/legacy/smtp-relay.yaml:10',
  'error | invalid-yaml | apps-search | staging | sources/values/env/staging/apps/apps-search.yaml | sources/values/env/staging/apps/apps-search.yaml:3',
  'error | missing-fixture | apps-payments | dev | payments-stripe-api-key#value | sources/charts/apps/payments/templates/externalsecret.yaml:10',
  'error | missing-fixture | apps-payments | local | payments-stripe-api-key#value | sources/charts/apps/payments/templates/externalsecret.yaml:10',
  'error | missing-producer | apps-db-migrations | local | threads-db-credentials | sources/charts/apps/db-migrations/templates/job.yaml:2',
  'error | missing-producer | apps-db-migrations | local | graph-db-credentials | sources/charts/apps/db-migrations/templates/job.yaml:2',
  'error | unevaluable-template | apps-catalog | staging | sources/charts/apps/catalog/templates/deployment.yaml | sources/charts/apps/catalog/templates/deployment.yaml:19',
  'error | unserved-store | apps-search | dev | search-vault | sources/charts/apps/search/templates/externalsecret.yaml:10',
  'error | unserved-store | apps-search | local | search-vault | sources/charts/apps/search/templates/externalsecret.yaml:10',
  'error | unserved-store | apps-search | production | search-vault | sources/charts/apps/search/templates/externalsecret.yaml:10',
  'error | unserved-store | apps-search | staging | search-vault | sources/charts/apps/search/templates/externalsecret.yaml:10',
  'error | vault-drives-cluster-managed | data-pgadmin | dev | postgres-ameide-auth | sources/charts/data/pgadmin/templates/externalsecret.yaml:10',
  'error | vault-drives-cluster-managed | data-pgadmin | local | postgres-ameide-auth | sources/charts/data/pgadmin/templates/externalsecret.yaml:10',
  'error | vault-drives-cluster-managed | data-pgadmin | production | postgres-ameide-auth | sources/charts/data/pgadmin/templates/externalsecret.yaml:10',
  'error | vault-drives-cluster-managed | data-pgadmin | staging | postgres-ameide-auth | sources/charts/data/pgadmin/templates/externalsecret.yaml:10',
  'warning | externalsecrets-disabled | apps-workflows | dev | apps-workflows | sources/values/env/dev/apps/apps-workflows.yaml:2',
  'warning | externalsecrets-disabled | apps-workflows | local | apps-workflows | sources/values/env/local/apps/apps-workflows.yaml:2',
  'warning | remote-ref-convention | apps-checkout | dev | checkout-session | sources/charts/apps/checkout/templates/externalsecret.yaml:10',
  'warning | remote-ref-convention | apps-checkout | local | checkout-session | sources/charts/apps/checkout/templates/externalsecret.yaml:10',
  'warning | remote-ref-convention | apps-checkout | production | checkout-session | sources/charts/apps/checkout/templates/externalsecret.yaml:10',
  'warning | remote-ref-convention | apps-checkout | staging | checkout-session | sources/charts/apps/checkout/templates/externalsecret.yaml:10',
  'warning | sealed-secret | legacy |  | registry-pull | sources/manifests/legacy/registry-sealed.yaml:1',
  'warning | unreplaceable-placeholder | platform-keycloak-realm | dev | platform-app-master-client#value | sources/values/_shared/foundation/foundation-vault-bootstrap.yaml:19',
  'warning | unreplaceable-placeholder | platform-keycloak-realm | local | platform-app-master-client#value | sources/values/_shared/foundation/foundation-vault-bootstrap.yaml:19',
  'info | orphan-fixture | foundation-vault-bootstrap | dev | ghcr-token | sources/values/_shared/foundation/foundation-vault-bootstrap.yaml:23',
  'info | orphan-fixture | foundation-vault-bootstrap | dev | legacy-smtp-password | sources/values/_shared/foundation/foundation-vault-bootstrap.yaml:25',
  'info | orphan-fixture | foundation-vault-bootstrap | local | ghcr-token | sources/values/_shared/foundation/foundation-vault-bootstrap.yaml:23',
  'info | orphan-fixture | foundation-vault-bootstrap | local | legacy-smtp-password | sources/values/_shared/foundation/foundation-vault-bootstrap.yaml:25',
  'info | orphan-fixture | foundation-vault-bootstrap | production | ghcr-token | sources/values/_shared/foundation/foundation-vault-bootstrap.yaml:23',
  'info | orphan-fixture | foundation-vault-bootstrap | production | legacy-smtp-password | sources/values/_shared/foundation/foundation-vault-bootstrap.yaml:25',
  'info | orphan-fixture | foundation-vault-bootstrap | staging | ghcr-token | sources/values/env/staging/foundation/foundation-vault-bootstrap.yaml:2',
  'info | orphan-fixture | foundation-vault-bootstrap | staging | legacy-smtp-password | sources/values/_shared/foundation/foundation-vault-bootstrap.yaml:25',
];

describe('golden: examples/gitops', () => {
  it('reports exactly the expected findings', async () => {
    const report = analyze(await readFileTree(DEMO));
    expect(report.findings.map(summary)).toStrictEqual(EXPECTED);
  });

  it('reproduces every static finding type at least once', async () => {
    const report = analyze(await readFileTree(DEMO));
    const staticTypes: FindingType[] = [
      'missing-fixture',
      'orphan-fixture',
      'duplicate-owner',
      'missing-producer',
      'inline-credential',
      'sealed-secret',
      'unserved-store',
      'vault-drives-cluster-managed',
      'unreplaceable-placeholder',
      'remote-ref-convention',
      'externalsecrets-disabled',
      'unevaluable-template',
      'invalid-yaml',
      'empty-production-override',
    ];
    expect(
      staticTypes.filter(t => !report.findings.some(f => f.type === t)),
    ).toStrictEqual([]);
  });

  it('inventories the demo: services, foundation bundles, fixture map with overrides', async () => {
    const report = analyze(await readFileTree(DEMO));
    expect(
      report.releases.filter(r => r.layer === 'service').length,
    ).toBeGreaterThanOrEqual(12);
    expect(
      report.releases.filter(r => r.layer === 'foundation').map(r => r.name),
    ).toEqual(expect.arrayContaining(['foundation-vault-bootstrap']));
    expect(report.fixtureMap.present).toBe(true);
    expect(report.fixtureMap.files.length).toBeGreaterThan(1);
    expect(report.coverage.every(c => c.fixture !== 'not-applicable')).toBe(
      true,
    );
  });
});
