import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action list; each one is run by the examples test. */
export const examples: TemplateExample[] = [
  {
    description:
      'A service with an external database password and an S3 key pair, seeded by the fixture map',
    example: yaml.stringify({
      steps: [
        {
          id: 'secrets',
          action: 'secrets:chart-externalsecrets:create',
          name: 'Chart-owned ExternalSecrets',
          input: {
            chartPath: 'sources/charts/apps/billing',
            serviceName: 'billing',
            namespace: 'ameide',
            refreshInterval: '1h',
            secrets: [
              {
                name: 'billing-db',
                origin: 'external',
                keys: [
                  { secretKey: 'password', vaultKey: 'billing-db-password' },
                ],
              },
              {
                name: 'billing-s3',
                keys: [
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
                ],
              },
            ],
            fixtureFiles: [
              'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml',
            ],
          },
        },
      ],
    }),
  },
  {
    description:
      'Real environments get an empty fixture override, a service-generated client secret names its writer, and a cluster-managed Secret gets no fixture',
    example: yaml.stringify({
      steps: [
        {
          id: 'secrets',
          action: 'secrets:chart-externalsecrets:create',
          name: 'Chart-owned ExternalSecrets',
          input: {
            chartPath: 'sources/charts/apps/billing',
            serviceName: 'billing',
            namespace: 'ameide',
            store: { kind: 'ClusterSecretStore', name: 'ameide-vault' },
            environments: ['local', 'dev', 'staging', 'production'],
            envValuesFiles: ['sources/values/env/{env}/apps/apps-billing.yaml'],
            secrets: [
              {
                name: 'billing-db',
                keys: [
                  { secretKey: 'password', vaultKey: 'billing-db-password' },
                ],
              },
              {
                name: 'billing-oidc',
                origin: 'service-generated',
                writer: 'keycloak-client-patcher',
                keys: [
                  {
                    secretKey: 'client-secret',
                    vaultKey: 'billing-oidc-client-secret',
                  },
                ],
              },
              {
                name: 'billing-db-replica',
                origin: 'cluster-managed',
                keys: [
                  {
                    secretKey: 'password',
                    vaultKey: 'billing-db-replica-password',
                  },
                ],
              },
            ],
            fixtureFiles: [
              'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml',
            ],
            productionFixtureFiles: [
              'sources/values/env/production/foundation/foundation-vault-bootstrap.yaml',
            ],
          },
        },
      ],
    }),
  },
];
