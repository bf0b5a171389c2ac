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
