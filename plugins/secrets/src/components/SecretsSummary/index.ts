export { SecretsSummary } from './SecretsSummary';
