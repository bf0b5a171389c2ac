/** Helpers of the missing-producer tests: a run on a whole repository, and a reader of a Secret. */
import type { SecretsReport } from '@ameideio/plugin-secrets-common';
import { fileTree } from '../../../__testUtils__/fileTree';
import { analyze } from '../../analyze';
import type { AnalyzeOptions } from '../../options';

export const run = (
  files: Record<string, string>,
  options: AnalyzeOptions = {},
) => analyze(fileTree(files), { environments: ['dev'], ...options });

export const producerFindings = (r: SecretsReport) =>
  r.findings
    .filter(
      f =>
        f.type === 'missing-producer' || f.type === 'consumed-secret-disabled',
    )
    .map(f => [f.type, f.severity, f.subject.name, f.subject.namespace]);

/** A Deployment in namespace `apps` reading `secret` through an env var. */
export const reader = (secret: string, ns = 'namespace: apps') => `
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    ${ns}
  spec:
    template:
      spec:
        containers:
          - name: web
            image: web
            env:
              - name: PW
                valueFrom:
                  secretKeyRef: { name: ${secret}, key: password }
`;
