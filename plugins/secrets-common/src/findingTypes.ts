/*
 * The finding types of the suite with their human labels: the one list the
 * engine's corpus scoring, the backend and the frontend read.
 */
import type { FindingType } from './types';

/**
 * Every {@link FindingType} with the label the frontend shows for it. A
 * `Record` keyed by the union: adding a type without a label fails to
 * compile. @public
 */
export const FINDING_TYPE_LABELS: Readonly<Record<FindingType, string>> = {
  // static (engine)
  'missing-fixture': 'Missing fixture',
  'orphan-fixture': 'Orphan fixture',
  'duplicate-owner': 'Duplicate owner',
  'missing-producer': 'Missing producer',
  'inline-credential': 'Inline credential',
  'sealed-secret': 'SealedSecret',
  'unserved-store': 'Unserved store',
  'vault-drives-cluster-managed': 'Vault drives a cluster-managed secret',
  'unreplaceable-placeholder': 'Unreplaceable placeholder',
  'remote-ref-convention': 'Remote reference convention',
  'externalsecrets-disabled': 'ExternalSecrets disabled',
  'unevaluable-template': 'Template not evaluated',
  'unevaluable-declaration': 'Declaration not evaluated',
  'unevaluable-source': 'Source not evaluated',
  'invalid-yaml': 'Invalid YAML',
  'empty-production-override': 'Empty production override',
  'consumed-secret-disabled': 'Consumed secret disabled',
  // live (backend)
  'sync-error': 'Sync error',
  'missing-in-cluster': 'Missing in cluster',
  'unowned-externalsecret': 'Unowned ExternalSecret',
  'missing-in-vault': 'Missing in Vault',
  'placeholder-in-vault': 'Placeholder in Vault',
  'rotation-overdue': 'Rotation overdue',
  'refresh-ignored': 'Refresh ignored',
};

/** The members of {@link FindingType}, in the order of {@link FINDING_TYPE_LABELS}. @public */
export const FINDING_TYPES: readonly FindingType[] = Object.keys(
  FINDING_TYPE_LABELS,
) as FindingType[];

/** Whether a value (e.g. a query parameter) is a {@link FindingType}. @public */
export function isFindingType(v: unknown): v is FindingType {
  return (
    typeof v === 'string' &&
    Object.prototype.hasOwnProperty.call(FINDING_TYPE_LABELS, v)
  );
}

/**
 * The human label of a finding type; an unknown type (from a newer engine)
 * is shown as it is. @public
 */
export function findingTypeLabel(type: string): string {
  return isFindingType(type) ? FINDING_TYPE_LABELS[type] : type;
}

/**
 * Why a finding of each {@link FindingType} is raised, in one sentence: the
 * cause an explanation starts from (the finding's `message` names the
 * object, its `proposedFix` the remedy). @public
 */
export const FINDING_TYPE_CAUSES: Readonly<Record<FindingType, string>> = {
  'missing-fixture':
    'A Vault key or property an ExternalSecret reads has no entry in the fixture map of an environment seeded from it, and no writer provides it there, so the ExternalSecret cannot sync on a fresh cluster.',
  'orphan-fixture':
    'The fixture map seeds a key that no ExternalSecret reads and no writer declares.',
  'duplicate-owner':
    'Two releases produce the same Secret in one namespace and environment, so whichever syncs last wins.',
  'missing-producer':
    'Something reads a Secret (a pod, an operator resource, a store, a value) that nothing produces in its environment and namespace.',
  'inline-credential':
    'A Secret or ConfigMap in Git holds what looks like a literal credential instead of a reference to a secret manager.',
  'sealed-secret':
    'A SealedSecret is kept in Git: its value is encrypted for one cluster and cannot be rotated or governed from Vault.',
  'unserved-store':
    'The store an ExternalSecret references is not declared in the repository, or does not serve its namespace.',
  'vault-drives-cluster-managed':
    'An ExternalSecret targets a Secret that an operator or Helm also produces, so the two overwrite each other.',
  'unreplaceable-placeholder':
    'A service-generated key is seeded only by a placeholder fixture and no writer replaces it with a real value.',
  'remote-ref-convention':
    'A remoteRef of a Vault store has no property, or carries the secret/data/ mount prefix in its key.',
  'externalsecrets-disabled':
    'The release disables its ExternalSecrets (secrets.enabled=false) in some environments but not all.',
  'unevaluable-template':
    'A template could not be evaluated offline, so the ExternalSecrets it renders are not known.',
  'unevaluable-declaration':
    'A declaration could not be evaluated offline, so what it produces is not known.',
  'unevaluable-source':
    'A part of a source is not evaluated by the engine (a remote resource, a field it does not model), so it is named instead.',
  'invalid-yaml':
    'A YAML file does not parse (or repeats a key, or is over the size limit), so its objects are not read.',
  'empty-production-override':
    'A production environment overrides a fixture with an empty value and no writer provides the real value there.',
  'consumed-secret-disabled':
    'A workload reads a Secret that would be produced by an ExternalSecret of a release that disables its ExternalSecrets in this environment.',
  'sync-error':
    'The External Secrets Operator reports the ExternalSecret as not ready: the provider refused or failed the read (see the evidence for its error).',
  'missing-in-cluster':
    'Git declares the ExternalSecret for an environment whose clusters do not run it.',
  'unowned-externalsecret':
    'A cluster runs an ExternalSecret that no chart in Git declares.',
  'missing-in-vault':
    'Vault has no key (or property) that an ExternalSecret of this environment reads.',
  'placeholder-in-vault':
    'Vault still holds the fixture placeholder for a key in an environment where it must be real.',
  'rotation-overdue':
    'The Vault key has not been updated within the maximum age the rotation policy sets.',
  'refresh-ignored':
    'The ExternalSecret has not refreshed for longer than its refresh interval, so changes in Vault do not reach the cluster.',
};
