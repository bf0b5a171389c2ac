/**
 * Secrets tab for service pages and an ownership review page for platform teams.
 *
 * @packageDocumentation
 */
export {
  secretsPlugin,
  EntitySecretsContent,
  SecretsOverviewPage,
} from './plugin';
export { isSecretsAvailable } from './isSecretsAvailable';
export * from './api';
