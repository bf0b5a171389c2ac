/* The "Fix this finding" link: the scaffolder's template page, prefilled through its formData query parameter. */
import type { Finding } from '@ameideio/plugin-secrets-common';

/** Path of the "Fix this finding" template in the scaffolder. */
export const FIX_TEMPLATE_PATH = '/create/templates/default/fix-finding';

const FIXABLE = new Set([
  'missing-fixture',
  'orphan-fixture',
  'remote-ref-convention',
  'empty-production-override',
]);

/**
 * The template page with the finding's fields filled in, or undefined for a
 * finding the template cannot fix. The scaffolder reads the initial form
 * state from `?formData=<JSON>`.
 */
export function fixFindingLink(
  finding: Finding,
  base = FIX_TEMPLATE_PATH,
): string | undefined {
  if (!FIXABLE.has(finding.type)) return undefined;
  const { subject } = finding;
  const formData: Record<string, string> = {
    type: finding.type,
    subject: subject.name,
  };
  if (
    finding.type === 'missing-fixture' &&
    subject.property &&
    subject.property !== '*'
  )
    formData.property = subject.property;
  if (finding.environment) formData.environment = finding.environment;
  if (finding.type === 'orphan-fixture' && finding.sourceRef?.file)
    formData.file = finding.sourceRef.file;
  if (finding.type === 'remote-ref-convention') {
    const key = /(?:^|\n)\s*key: (\S+)/.exec(
      finding.proposedFix.command ?? '',
    )?.[1];
    if (key) formData.vaultKey = key;
  }
  if (finding.entityRef) formData.entityRef = finding.entityRef;
  return `${base}?formData=${encodeURIComponent(JSON.stringify(formData))}`;
}
