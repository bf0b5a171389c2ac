/* externalsecrets-disabled: a release's ExternalSecrets are off in some environments and on in others. */
import type { Finding } from '@ameideio/plugin-secrets-common';
import type { Detector } from '../context';
import { secretsEnabled } from '../disabledSecrets';
import type { ReleaseEnv } from '../render';

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const externalSecretsDisabled: Detector = ctx => {
  const releasesWithES = new Set(
    [...ctx.all, ...ctx.disabledES].map(e => e.release),
  );
  const byRelease = new Map<string, ReleaseEnv[]>();
  for (const re of ctx.releaseEnvs) {
    const list = byRelease.get(re.release.name);
    if (list) list.push(re);
    else byRelease.set(re.release.name, [re]);
  }
  const out: Finding[] = [];
  for (const [name, list] of byRelease) {
    const installed = list.filter(r => r.installed);
    const off = installed.filter(r => !secretsEnabled(r));
    if (!off.length || off.length === installed.length) continue;
    if (
      !releasesWithES.has(name) &&
      !list.some(
        r =>
          isMap(r.values.externalSecrets) ||
          Array.isArray(r.values.externalSecrets),
      )
    )
      continue;
    for (const r of off) {
      const file = r.release.valueFiles[r.environment]?.slice(-1)[0] ?? '';
      let line: number | undefined;
      for (const d of ctx.yaml.docs(file))
        line = d.lineOfPath(['secrets', 'enabled']) ?? line;
      out.push(
        ctx.finding(
          'externalsecrets-disabled',
          'warning',
          `ExternalSecrets of ${name} are disabled (secrets.enabled=false) in ${r.environment} but enabled elsewhere: ${r.environment} drifts from the Vault-managed path.`,
          { kind: 'Release', name },
          {
            title: 'Enable the ExternalSecrets',
            actions: [
              `Remove secrets.enabled=false from ${file}; every environment should reconcile the same Vault-managed Secrets.`,
            ],
          },
          {
            release: name,
            chart: r.release.chart,
            environment: r.environment,
            sourceRef: { file, line },
          },
        ),
      );
    }
  }
  return out;
};
