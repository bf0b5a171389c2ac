import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action list. */
export const examples: TemplateExample[] = [
  {
    description: 'A service with a database password and an API token',
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
                keys: [{ secretKey: 'password', vaultKey: 'billing-db-password' }],
              },
              {
                name: 'billing-api',
                keys: [{ secretKey: 'token', vaultKey: 'billing-api-token' }],
              },
            ],
            fixtureFiles: ['sources/values/_shared/foundation/foundation-vault-bootstrap.yaml'],
            productionFixtureFiles: ['sources/values/env/production/foundation/foundation-vault-bootstrap.yaml'],
          },
        },
      ],
    }),
  },
];
