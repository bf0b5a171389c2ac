/*
 * inline-credential: a Secret manifest in Git with a literal credential
 * (SOPS-encrypted files hold ciphertext and are skipped); a placeholder
 * password only where it is deployed to production. A ConfigMap with a
 * literal credential is a warning: judged more strictly (a ConfigMap holds
 * settings around credentials), it is still a guess from a key and a value.
 */
import type {
  Finding,
  FindingSubject,
  ProposedFix,
  Severity,
} from '@ameideio/plugin-secrets-common';
import type { Detector } from '../context';
import { inlineCredentialKeys } from '../credentials';
import { configMapCredentialKeys } from '../credentials/configMaps';
import type { RenderedDoc } from '../render';

export const inlineCredential: Detector = ctx => {
  const { o } = ctx;
  const out: Finding[] = [];
  /** A finding on the `key` of a ConfigMap or Secret, placed at `field.key`. */
  const credential = (
    d: RenderedDoc,
    {
      kind,
      field,
      key,
    }: { kind: FindingSubject['kind']; field: string; key: string },
    severity: Severity,
    message: string,
    fix: ProposedFix,
  ) =>
    out.push(
      ctx.finding(
        'inline-credential',
        severity,
        message,
        {
          kind,
          name: String(d.obj.metadata?.name ?? ''),
          namespace: d.obj.metadata?.namespace,
          property: key,
        },
        fix,
        {
          release: d.release,
          chart: d.chart,
          environment: d.allEnvironments ? undefined : d.environment,
          sourceRef: {
            file: d.file,
            line: d.lineOfPath?.([field, key]) ?? d.line,
          },
        },
      ),
    );
  for (const d of ctx.docs) {
    if (d.obj.kind === 'ConfigMap' && !d.encrypted)
      for (const key of configMapCredentialKeys(d.obj))
        credential(
          d,
          { kind: 'ConfigMap', field: 'data', key },
          'warning',
          `ConfigMap ${d.obj.metadata?.name} holds what looks like a literal credential for key "${key}" in Git; a ConfigMap is not even a Secret (readable by anyone who can read the namespace's configuration).`,
          {
            title: 'Move the credential to a Secret',
            actions: [
              `Store the value in Vault and read it through an ExternalSecret (envFrom a Secret instead of the ConfigMap for ${key}), or confirm it is no credential.`,
            ],
          },
        );
    if (d.obj.kind !== 'Secret' || d.obj.apiVersion !== 'v1' || d.encrypted)
      continue;
    const production =
      !d.allEnvironments && o.productionEnvironments.includes(d.environment);
    for (const { field, key, placeholder } of inlineCredentialKeys(d.obj, {
      placeholders: production,
    }))
      credential(
        d,
        { kind: 'Secret', field, key },
        placeholder ? 'warning' : 'error',
        placeholder
          ? `Secret ${d.obj.metadata?.name} holds a placeholder word for credential-like key "${key}" in Git, and is deployed to ${d.environment}: production runs on a placeholder credential, or someone edits the Secret by hand.`
          : `Secret ${d.obj.metadata?.name} holds a literal value for credential-like key "${key}" in Git.`,
        {
          title: 'Move the credential to Vault',
          actions: [
            'Store the value in Vault, add a fixture for dev/CI, and replace the Secret with a chart-owned ExternalSecret.',
          ],
        },
      );
  }
  return out;
};
