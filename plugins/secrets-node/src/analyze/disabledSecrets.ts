/*
 * The ExternalSecrets a release would render in an environment where it is
 * installed but its chart's ExternalSecrets are switched off
 * (`secrets.enabled: false`): the producers a workload of that environment
 * may still be counting on (finding `consumed-secret-disabled`).
 */
import type { ExtractedES } from './extract';
import type { RenderedDoc, ReleaseEnv } from './render';
import type { YamlCache } from './yamlCache';

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a release's own ExternalSecrets are on (`secrets.enabled` is not `false`). */
export const secretsEnabled = (re: ReleaseEnv) => {
  const s = re.values.secrets;
  return !(isMap(s) && s.enabled === false);
};

export interface SwitchedOffES extends ExtractedES {
  /** The values file (and line) that switches them off. */
  offFile: string;
  offLine?: number;
  /** Switched off in every analysed environment where the release is installed. */
  offEverywhere: boolean;
}

/** ExternalSecrets of installed releases rendered as if `secrets.enabled` were true. */
export function switchedOffExternalSecrets(
  releaseEnvs: ReleaseEnv[],
  yaml: YamlCache,
  render: (re: ReleaseEnv) => RenderedDoc[],
  extract: (docs: RenderedDoc[]) => ExtractedES[],
): SwitchedOffES[] {
  const out: SwitchedOffES[] = [];
  for (const re of releaseEnvs) {
    if (!re.installed || secretsEnabled(re)) continue;
    const offEverywhere = !releaseEnvs.some(
      r =>
        r.release.name === re.release.name && r.installed && secretsEnabled(r),
    );
    const secrets = isMap(re.values.secrets) ? re.values.secrets : {};
    const on: ReleaseEnv = {
      ...re,
      values: { ...re.values, secrets: { ...secrets, enabled: true } },
    };
    const files = re.release.valueFiles[re.environment] ?? [];
    let offFile = files.slice(-1)[0] ?? '';
    let offLine: number | undefined;
    for (const f of files)
      for (const d of yaml.docs(f)) {
        const line = d.lineOfPath(['secrets', 'enabled']);
        if (line) {
          offFile = f;
          offLine = line;
        }
      }
    for (const es of extract(render(on)))
      if (es.kind !== 'PushSecret')
        out.push({ ...es, offFile, offLine, offEverywhere });
  }
  return out;
}
