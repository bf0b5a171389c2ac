/**
 * Tech Insights fact retriever and checks for the secrets governance suite.
 *
 * @packageDocumentation
 */
export { techInsightsModuleSecretsFactRetriever as default } from './module';
export { secretsFactRetriever } from './secretsFactRetriever';
export {
  secretsFactSchema,
  toSecretsFacts,
  SECRETS_FACT_FINDING_TYPES,
  type SecretsFacts,
} from './facts';
export { secretsChecks } from './checks';
