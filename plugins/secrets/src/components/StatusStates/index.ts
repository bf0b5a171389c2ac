export { SecretsLoading, SecretsError, isForbidden } from './StatusStates';
