import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action list; each one is run by the examples test. */
export const examples: TemplateExample[] = [
  {
    description:
      'Adds the missing dev fixture of a Vault key (a placeholder, never a value) to the GitOps repository fetched into ./gitops',
    example: yaml.stringify({
      steps: [
        {
          id: 'fix',
          action: 'secrets:fix-finding',
          name: 'Fix the finding',
          input: {
            type: 'missing-fixture',
            subject: 'payments-stripe-api-key',
            property: 'value',
            environment: 'dev',
            repoPath: 'gitops',
          },
        },
      ],
    }),
  },
  {
    description: 'Removes a fixture no ExternalSecret reads any more',
    example: yaml.stringify({
      steps: [
        {
          id: 'fix',
          action: 'secrets:fix-finding',
          name: 'Fix the finding',
          input: {
            type: 'orphan-fixture',
            subject: 'legacy-smtp-password',
            repoPath: 'gitops',
          },
        },
      ],
    }),
  },
  {
    description:
      'Makes the remoteRef of an ExternalSecret follow the key + property: value convention',
    example: yaml.stringify({
      steps: [
        {
          id: 'fix',
          action: 'secrets:fix-finding',
          name: 'Fix the finding',
          input: {
            type: 'remote-ref-convention',
            subject: 'checkout-session',
            vaultKey: 'checkout-session-key',
            repoPath: 'gitops',
          },
        },
      ],
    }),
  },
];
