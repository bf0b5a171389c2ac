/**
 * Search backend module indexing ExternalSecrets, target Secrets and Vault
 * key names (never values) with their owning entity.
 *
 * @packageDocumentation
 */
export { searchModuleSecretsCollator as default } from './module';
export * from './collators';
