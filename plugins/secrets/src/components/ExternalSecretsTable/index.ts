export { ExternalSecretsTable } from './ExternalSecretsTable';
export { ExternalSecretDetails, SourceLink } from './ExternalSecretDetails';
