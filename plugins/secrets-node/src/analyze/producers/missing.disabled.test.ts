/*
 * Missing producers on whole repositories: what the repository produces
 * (operators included), how sure a missing one is, and the Secret whose own
 * chart's ExternalSecrets are switched off where it is consumed.
 */
import { chart } from '../../__testUtils__/fileTree';
import { platformStore } from '../../__testUtils__/repo';
import {
  externalSecretsTemplate,
  secretsEnabledValues,
} from '../../__testUtils__/templates';
import { producerFindings, reader, run } from './__testUtils__/missing';

describe('consumed-secret-disabled', () => {
  it("a workload reads a Secret its own chart's ExternalSecrets would produce, switched off in that environment", () => {
    const deploy = `
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: runner
      spec:
        template:
          spec:
            containers:
              - name: runner
                image: runner
                envFrom:
                  - secretRef:
                      name: runner-env
    `;
    const r = run(
      {
        ...platformStore(),
        ...chart(
          'apps',
          'runner',
          { 'es.yaml': externalSecretsTemplate(), 'deploy.yaml': deploy },
          `namespace: ameide\n${secretsEnabledValues}externalSecrets:\n  - name: runner-env\n    data:\n      - secretKey: token\n        remoteRef: runner-token\n`,
        ),
        'sources/values/env/dev/apps/apps-runner.yaml':
          'secrets:\n  enabled: false\n',
      },
      { environments: ['dev', 'production'] },
    );
    const found = r.findings.filter(f => f.type === 'consumed-secret-disabled');
    expect(found).toStrictEqual([
      {
        id: expect.any(String),
        type: 'consumed-secret-disabled',
        severity: 'error',
        message:
          'Secret runner-env is consumed (envFrom) by Deployment/runner, but the ExternalSecret of apps-runner that produces it is switched off in dev (secrets.enabled=false in sources/values/env/dev/apps/apps-runner.yaml:2).',
        subject: { kind: 'Secret', name: 'runner-env', namespace: 'ameide' },
        release: 'apps-runner',
        chart: 'sources/charts/apps/runner',
        environment: 'dev',
        sourceRef: {
          file: 'sources/charts/apps/runner/templates/deploy.yaml',
          line: 2,
        },
        proposedFix: {
          title: 'Produce the Secret where it is consumed',
          actions: [
            'Remove secrets.enabled=false from sources/values/env/dev/apps/apps-runner.yaml so apps-runner produces runner-env in dev, or stop reading runner-env there.',
          ],
        },
      },
    ]);
    // no generic missing-producer for the same cause, and production is fine
    expect(r.findings.filter(f => f.type === 'missing-producer')).toStrictEqual(
      [],
    );
  });

  it('switched off in every environment: by design, a warning', () => {
    const r = run(
      {
        ...platformStore(),
        ...chart(
          'apps',
          'runner',
          {
            'es.yaml': externalSecretsTemplate(),
            'deploy.yaml': reader('runner-env'),
          },
          `namespace: ameide\nsecrets:\n  enabled: false\n  store:\n    kind: ClusterSecretStore\n    name: vault\nexternalSecrets:\n  - name: runner-env\n    data:\n      - secretKey: token\n        remoteRef: runner-token\n`,
        ),
      },
      { environments: ['dev', 'production'] },
    );
    expect(producerFindings(r)).toStrictEqual([
      ['consumed-secret-disabled', 'warning', 'runner-env', 'apps'],
      ['consumed-secret-disabled', 'warning', 'runner-env', 'apps'],
    ]);
  });
});

describe('store credentials', () => {
  it("a store's own credential that nothing produces is bootstrapped by hand: info", () => {
    const r = run({
      'platform/store.yaml': `
        apiVersion: external-secrets.io/v1
        kind: ClusterSecretStore
        metadata: { name: onepassword }
        spec:
          provider:
            onepassword:
              connectHost: http://connect:8080
              auth:
                secretRef:
                  connectTokenSecretRef: { name: connect-token, namespace: eso, key: token }
      `,
    });
    expect(producerFindings(r)).toStrictEqual([
      ['missing-producer', 'info', 'connect-token', 'eso'],
    ]);
  });
});

describe('names the engine cannot resolve', () => {
  it('a Secret name with a ${VAR} placeholder: info, never looked up', () => {
    const r = run({
      'tasks/job.tmpl.yaml': reader('"${APP}-restic"', 'namespace: ${NS}'),
    });
    expect(producerFindings(r)).toStrictEqual([
      ['missing-producer', 'info', '${APP}-restic', '${NS}'],
    ]);
    expect(r.findings[0].message).toBe(
      'Secret ${APP}-restic is consumed (secretKeyRef) by Deployment/web; its name or namespace holds a substitution placeholder the engine does not resolve, so its producer was not looked for.',
    );
  });
});
