export { secretsApiRef } from './SecretsClient';
export type { HistoryWindow, SecretsApi } from './SecretsClient';
/**
 * Re-exported for code that imported it from here; the type lives in
 * `@ameideio/plugin-secrets-common`.
 */
export type { OverviewQuery } from '@ameideio/plugin-secrets-common';
export { SecretsClient } from './SecretsClient';
