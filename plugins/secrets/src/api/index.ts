export { secretsApiRef } from './SecretsApi';
export type { SecretsApi, OverviewQuery } from './SecretsApi';
export { SecretsClient } from './SecretsClient';
