import { analyze, readFileTree } from '@ameideio/plugin-secrets-node';
import type { SecretsReport } from '@ameideio/plugin-secrets-common';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { resolve } from 'node:path';

/** The repository's demo data: the GitOps example and the offline snapshots. */
export const repoRoot = resolvePackagePath('@ameideio/plugin-secrets-backend', '../..');
export const demoGitOpsDir = resolve(repoRoot, 'examples/gitops');
export const snapshotsDir = resolve(repoRoot, 'examples/snapshots');

export const demoSecretsConfig = {
  gitops: { dir: demoGitOpsDir },
  snapshots: {
    clusters: [
      { name: 'prod-eu', environment: 'production', file: resolve(snapshotsDir, 'cluster-prod-eu.yaml') },
      { name: 'staging', environment: 'staging', file: resolve(snapshotsDir, 'cluster-staging.yaml') },
    ],
    vault: [
      { environment: 'production', file: resolve(snapshotsDir, 'vault-production.yaml') },
      { environment: 'staging', file: resolve(snapshotsDir, 'vault-staging.yaml') },
    ],
  },
};

/** The demo repository analysed by the engine with default options, as a refresh does. */
export async function demoReport(): Promise<SecretsReport> {
  return analyze(await readFileTree(demoGitOpsDir));
}
