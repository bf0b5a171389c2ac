import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from './stepExample';

const FIXTURE_FILES = [
  'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml',
];

/** The S3 key pair of the billing examples: two properties of one Vault key. */
export const billingS3Keys = [
  {
    secretKey: 'AWS_ACCESS_KEY_ID',
    vaultKey: 'billing-s3-credentials',
    property: 'access-key',
  },
  {
    secretKey: 'AWS_SECRET_ACCESS_KEY',
    vaultKey: 'billing-s3-credentials',
    property: 'secret-key',
  },
];

/** A service-generated client secret of the billing examples, with its writer. */
export const billingOidcSecret = {
  name: 'billing-oidc',
  origin: 'service-generated' as const,
  writer: 'keycloak-client-patcher',
  keys: [
    { secretKey: 'client-secret', vaultKey: 'billing-oidc-client-secret' },
  ],
};

/** The billing service's chart in the GitOps repository. */
const billing = (description: string, input: object) =>
  stepExample(description, {
    id: 'secrets',
    action: 'secrets:chart-externalsecrets:create',
    name: 'Chart-owned ExternalSecrets',
    input: {
      chartPath: 'sources/charts/apps/billing',
      serviceName: 'billing',
      namespace: 'ameide',
      ...input,
    },
  });

/** Examples shown in the scaffolder's action list; each one is run by the examples test. */
export const examples: TemplateExample[] = [
  billing(
    'A service with an external database password and an S3 key pair, seeded by the fixture map',
    {
      refreshInterval: '1h',
      secrets: [
        {
          name: 'billing-db',
          origin: 'external',
          keys: [{ secretKey: 'password', vaultKey: 'billing-db-password' }],
        },
        { name: 'billing-s3', keys: billingS3Keys },
      ],
      fixtureFiles: FIXTURE_FILES,
    },
  ),
  billing(
    'Real environments get an empty fixture override, a service-generated client secret names its writer, and a cluster-managed Secret gets no fixture',
    {
      store: { kind: 'ClusterSecretStore', name: 'ameide-vault' },
      environments: ['local', 'dev', 'staging', 'production'],
      envValuesFiles: ['sources/values/env/{env}/apps/apps-billing.yaml'],
      secrets: [
        {
          name: 'billing-db',
          keys: [{ secretKey: 'password', vaultKey: 'billing-db-password' }],
        },
        billingOidcSecret,
        {
          name: 'billing-db-replica',
          origin: 'cluster-managed',
          keys: [
            { secretKey: 'password', vaultKey: 'billing-db-replica-password' },
          ],
        },
      ],
      fixtureFiles: FIXTURE_FILES,
      productionFixtureFiles: [
        'sources/values/env/production/foundation/foundation-vault-bootstrap.yaml',
      ],
    },
  ),
];
