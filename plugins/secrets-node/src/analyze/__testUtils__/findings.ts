/** Helpers of the findings tests: each runs on the smallest repository that produces its finding. */
import type {
  FindingType,
  SecretsReport,
} from '@ameideio/plugin-secrets-common';
import { chart, fileTree } from '../../__testUtils__/fileTree';
import { testEnvs } from '../../__testUtils__/repo';
import { analyze } from '../analyze';
import type { AnalyzeOptions } from '../options';

export const FIXTURES =
  'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml';

export function run(
  files: Record<string, string>,
  options: AnalyzeOptions = {},
): SecretsReport {
  return analyze(fileTree(files), { ...testEnvs, ...options });
}
export const only = (r: SecretsReport, type: FindingType) =>
  r.findings.filter(f => f.type === type);
export const id = expect.any(String);

/** An app chart `apps/<name>` with one plain ExternalSecret in namespace `ameide`. */
export const app = (
  name: string,
  es: string,
  extraTemplates: Record<string, string> = {},
  values = 'namespace: ameide\n',
) =>
  chart('apps', name, { 'externalsecret.yaml': es, ...extraTemplates }, values);
