/**
 * Secrets tab for service pages and an ownership review page for platform teams.
 *
 * @packageDocumentation
 */
export {
  secretsPlugin,
  EntitySecretsContent,
  SecretsOverviewPage,
  SecretsSearchResultListItem,
} from './plugin';
export type { SecretsSearchResultListItemProps } from './components/SecretsSearchResultListItem';
export { isSecretsAvailable } from './isSecretsAvailable';
export * from './api';
