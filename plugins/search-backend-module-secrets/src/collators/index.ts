export {
  SecretsCollatorFactory,
  type SecretsCollatorFactoryOptions,
} from './SecretsCollatorFactory';
export {
  inventoryDocument,
  type SecretsIndexableDocument,
} from './inventoryDocument';
export {
  readSecretsCollatorConfig,
  defaultSecretsCollatorConfig,
  type SecretsCollatorConfig,
} from './config';
