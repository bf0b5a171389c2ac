import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { SecretsActionsOptions } from './context';
import { createExplainFindingAction } from './createExplainFindingAction';
import { createGetEntitySecretsStatusAction } from './createGetEntitySecretsStatusAction';
import { createSecretImpactAction } from './createSecretImpactAction';

export type { SecretsActionsOptions } from './context';
export {
  createExplainFindingAction,
  EXPLAIN_FINDING_ACTION,
} from './createExplainFindingAction';
export {
  createGetEntitySecretsStatusAction,
  GET_ENTITY_SECRETS_STATUS_ACTION,
} from './createGetEntitySecretsStatusAction';
export {
  createSecretImpactAction,
  SECRET_IMPACT_ACTION,
} from './createSecretImpactAction';

/** Registers every secrets action with the actions registry. */
export function registerSecretsActions(
  registry: ActionsRegistryService,
  options: SecretsActionsOptions,
): void {
  createGetEntitySecretsStatusAction(registry, options);
  createExplainFindingAction(registry, options);
  createSecretImpactAction(registry, options);
}
