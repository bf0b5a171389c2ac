import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from './stepExample';

/** A fix of the GitOps repository fetched into ./gitops. */
const fix = (description: string, input: Record<string, string>) =>
  stepExample(description, {
    id: 'fix',
    action: 'secrets:fix-finding',
    name: 'Fix the finding',
    input: { ...input, repoPath: 'gitops' },
  });

/** Examples shown in the scaffolder's action list; each one is run by the examples test. */
export const examples: TemplateExample[] = [
  fix(
    'Adds the missing dev fixture of a Vault key (a placeholder, never a value) to the GitOps repository fetched into ./gitops',
    {
      type: 'missing-fixture',
      subject: 'payments-stripe-api-key',
      property: 'value',
      environment: 'dev',
    },
  ),
  fix('Removes a fixture no ExternalSecret reads any more', {
    type: 'orphan-fixture',
    subject: 'legacy-smtp-password',
  }),
  fix(
    'Makes the remoteRef of an ExternalSecret follow the key + property: value convention',
    {
      type: 'remote-ref-convention',
      subject: 'checkout-session',
      vaultKey: 'checkout-session-key',
    },
  ),
  fix(
    'Declares the external key vault sync as the writer of a key whose production fixture override is empty, in the values of the chart that reads it',
    {
      type: 'empty-production-override',
      subject: 'orders-db-password',
      environment: 'production',
      file: 'sources/charts/foundation/vault-secrets-platform/values.yaml',
    },
  ),
];
