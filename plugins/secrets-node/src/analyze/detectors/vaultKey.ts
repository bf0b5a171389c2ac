/* Shared wording of the Vault-key detectors. */
import type { FindingSubject, Severity } from '@ameideio/plugin-secrets-common';
import type { CoverageItem, FindingWhere } from '../context';

/** The sentence added when the store is not declared in the repository. */
export const storeNote = (item: CoverageItem) =>
  item.unknownProvider
    ? ` Its store ${item.es.storeRef.kind}/${item.es.storeRef.name} is not declared in the repository, so its provider is unknown.`
    : '';

/** Vault conventions are only advice when the store's provider is unknown. */
export const vaultSeverity = (item: CoverageItem, s: Severity): Severity =>
  item.unknownProvider ? 'info' : s;

export const keySubject = (item: CoverageItem): FindingSubject => ({
  kind: 'VaultKey',
  name: item.key,
  property: item.property,
});

export const readerWhere = (item: CoverageItem): FindingWhere => ({
  release: item.es.release,
  chart: item.es.chart,
  environment: item.env,
  sourceRef: item.es.sourceRef,
});
