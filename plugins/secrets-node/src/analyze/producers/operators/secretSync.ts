/* Built-in producer rules of one operator family (see ../registry.ts for the rule syntax). */

import { ProducerRule } from '../types';

/** Operators that sync Secrets from elsewhere: SOPS, Infisical, Bitwarden, Doppler, 1Password, Vault Secrets Operator. */
export const SECRET_SYNC_PRODUCERS: ProducerRule[] = [
  {
    operator: 'sops-secrets-operator',
    apiVersion: 'isindir.github.com/*',
    kind: 'SopsSecret',
    secrets: [{ name: '{{item.name}}', forEach: 'spec.secretTemplates[]' }],
  },
  {
    operator: 'Capsule sops-operator',
    apiVersion: 'addons.projectcapsule.dev/*',
    kind: 'SopsSecret',
    secrets: [{ name: '{{item.name}}', forEach: 'spec.secrets[]' }],
  },
  {
    operator: 'Infisical operator',
    apiVersion: 'secrets.infisical.com/*',
    kind: 'InfisicalSecret',
    secrets: [
      {
        name: '{{spec.managedSecretReference.secretName}}',
        namespace: '{{spec.managedSecretReference.secretNamespace}}',
      },
      {
        name: '{{item.secretName}}',
        forEach: 'spec.managedKubeSecretReferences[]',
        namespace: '{{item.secretNamespace}}',
      },
    ],
  },
  {
    operator: 'Bitwarden Secrets Manager operator',
    apiVersion: 'k8s.bitwarden.com/*',
    kind: 'BitwardenSecret',
    secrets: ['{{spec.secretName}}'],
  },
  {
    operator: 'Doppler operator',
    apiVersion: 'secrets.doppler.com/*',
    kind: 'DopplerSecret',
    secrets: [
      {
        name: '{{spec.managedSecret.name}}',
        namespace: '{{spec.managedSecret.namespace}}',
      },
    ],
  },
  {
    operator: '1Password operator',
    apiVersion: 'onepassword.com/*',
    kind: 'OnePasswordItem',
    secrets: ['{{name}}'],
  },
  ...[
    'VaultStaticSecret',
    'VaultDynamicSecret',
    'VaultPKISecret',
    'HCPVaultSecretsApp',
  ].map(kind => ({
    operator: 'Vault Secrets Operator',
    apiVersion: 'secrets.hashicorp.com/*',
    kind,
    secrets: ['{{spec.destination.name}}'],
  })),
];
