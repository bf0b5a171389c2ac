/**
 * Scaffolder action that generates chart-owned ExternalSecrets and Vault fixture entries.
 *
 * @packageDocumentation
 */
export { scaffolderModuleSecrets as default } from './module';
export {
  createSecretsChartExternalSecretsAction,
  SECRETS_CHART_EXTERNALSECRETS_ACTION_ID,
} from './actions/createSecretsChartExternalSecretsAction';
export type { SecretsChartExternalSecretsActionOptions } from './actions/createSecretsChartExternalSecretsAction';
export {
  createSecretsFixFindingAction,
  SECRETS_FIX_FINDING_ACTION_ID,
} from './actions/createSecretsFixFindingAction';
export type { SecretsFixFindingActionOptions } from './actions/createSecretsFixFindingAction';
export {
  createSecretsScmProviderAction,
  SECRETS_SCM_PROVIDER_ACTION_ID,
} from './actions/createSecretsScmProviderAction';
export type { SecretsScmProviderActionOptions } from './actions/createSecretsScmProviderAction';
export {
  readGitlabHosts,
  readSecretsScaffolderConfig,
  defaultSecretsScaffolderConfig,
} from './config';
export type { SecretsScaffolderConfig } from './config';
