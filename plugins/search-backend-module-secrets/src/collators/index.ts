export { SecretsCollatorFactory } from './SecretsCollatorFactory';
export type { SecretsCollatorFactoryOptions } from './SecretsCollatorFactory';
export { inventoryDocument } from './inventoryDocument';
export type { SecretsIndexableDocument } from './inventoryDocument';
export {
  readSecretsCollatorConfig,
  defaultSecretsCollatorConfig,
} from './config';
export type { SecretsCollatorConfig } from './config';
