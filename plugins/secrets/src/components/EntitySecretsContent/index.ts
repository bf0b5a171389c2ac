export {
  EntitySecretsContent,
  EntitySecretsSummaryCard,
  SecretsSummary,
} from './EntitySecretsContent';
