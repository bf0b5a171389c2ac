export { SecretsOverviewPage } from './SecretsOverviewPage';
