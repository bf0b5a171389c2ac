/* The "Fix this finding" link: the scaffolder's template page, prefilled through its formData query parameter. */
import type { Finding } from '@ameideio/plugin-secrets-common';

/** Path of the "Fix this finding" template in the scaffolder. */
export const FIX_TEMPLATE_PATH = '/create/templates/default/fix-finding';

/** The template's parameters a finding fills in (names and paths, never a value). */
export type FixFormData = {
  type: string;
  subject: string;
  property?: string;
  environment?: string;
  vaultKey?: string;
  file?: string;
  entityRef?: string;
};

type Params = Omit<FixFormData, 'type' | 'subject' | 'environment'>;

/** The file the engine's proposed fix names (`... in <file>.`). */
const fileOfFix = (f: Finding) => {
  for (const a of f.proposedFix.actions ?? []) {
    const m = / in ([^\s`"]+\.ya?ml)[.,]/.exec(a);
    if (m) return m[1];
  }
  return undefined;
};

/**
 * What each fixable type needs beyond type, subject and environment, read
 * from the finding's evidence; undefined when the finding lacks what the
 * template needs to fix it.
 */
const PARAMS: Record<string, (f: Finding) => Params | undefined> = {
  // the placeholder goes into the fixture file the proposed fix names
  'missing-fixture': f => ({
    property:
      f.subject.property && f.subject.property !== '*'
        ? f.subject.property
        : undefined,
    file: fileOfFix(f),
  }),
  // the entry is removed from the fixture file the finding points at
  'orphan-fixture': f => (f.sourceRef?.file ? { file: f.sourceRef.file } : {}),
  // the proposed fix's remoteRef names the Vault key
  'remote-ref-convention': f => {
    const key = /(?:^|\n)\s*key: (\S+)/.exec(f.proposedFix.command ?? '')?.[1];
    return key ? { vaultKey: key } : undefined;
  },
  // the writer is declared in the values of the chart that reads the key
  'empty-production-override': f =>
    f.chart
      ? { file: `${f.chart.replace(/\/+$/, '')}/values.yaml` }
      : undefined,
};

/**
 * The template parameters that fix the finding, or undefined for a finding
 * the template cannot fix.
 */
export function fixFormData(finding: Finding): FixFormData | undefined {
  const params = PARAMS[finding.type]?.(finding);
  if (!params) return undefined;
  const formData: FixFormData = {
    type: finding.type,
    subject: finding.subject.name,
  };
  if (finding.environment) formData.environment = finding.environment;
  for (const [k, v] of Object.entries({
    ...params,
    entityRef: finding.entityRef,
  }))
    if (v) formData[k as keyof Params] = v;
  return formData;
}

/**
 * The template page with the finding's fields filled in, or undefined for a
 * finding the template cannot fix. The scaffolder reads the initial form
 * state from `?formData=<JSON>`.
 */
export function fixFindingLink(
  finding: Finding,
  base = FIX_TEMPLATE_PATH,
): string | undefined {
  const formData = fixFormData(finding);
  if (!formData) return undefined;
  return `${base}?formData=${encodeURIComponent(JSON.stringify(formData))}`;
}
