export {
  EntitySecretsContent,
  EntitySecretsView,
} from './EntitySecretsContent';
