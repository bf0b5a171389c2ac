/*
 * One test per finding type (owners and producers of Secrets), each on the smallest repository that
 * produces it, asserting the whole finding.
 */
import { chart, externalSecret } from '../__testUtils__/fileTree';
import { fixtureRelease, platformStore } from '../__testUtils__/repo';
import { run, only, id, app } from './__testUtils__/findings';

describe('findings', () => {
  it('duplicate-owner: two charts own one target Secret', () => {
    const es = externalSecret({
      name: 'kc-db',
      data: [{ secretKey: 'p', key: 'kc-db', property: 'value' }],
    });
    const r = run(
      {
        ...fixtureRelease('kc-db: x\n'),
        ...platformStore(),
        ...chart(
          'foundation',
          'platform-secrets',
          { 'es.yaml': es },
          'namespace: ameide\n',
        ),
        ...chart(
          'platform',
          'keycloak',
          { 'es.yaml': es },
          'namespace: ameide\n',
        ),
      },
      { environments: ['dev'] },
    );
    expect(r.findings).toStrictEqual([
      {
        id,
        type: 'duplicate-owner',
        severity: 'error',
        message:
          'Secret kc-db in ameide is claimed by foundation-platform-secrets and platform-keycloak.',
        subject: { kind: 'Secret', name: 'kc-db', namespace: 'ameide' },
        release: 'platform-keycloak',
        chart: 'sources/charts/platform/keycloak',
        environment: 'dev',
        sourceRef: {
          file: 'sources/charts/platform/keycloak/templates/es.yaml',
          line: 2,
        },
        proposedFix: {
          title: 'Keep one owner',
          actions: [
            'Disable the copy in all but one chart (foundation-platform-secrets, platform-keycloak), typically in the service chart that consumes it.',
          ],
        },
      },
    ]);
  });

  it('missing-producer: a consumed Secret that only a chart not installed in that environment produces', () => {
    const deploy = `
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: migrate
      spec:
        template:
          spec:
            containers:
              - name: m
                env:
                  - name: PW
                    valueFrom:
                      secretKeyRef:
                        name: threads-db
                        key: password
                  - name: OPT
                    valueFrom:
                      secretKeyRef:
                        name: maybe
                        key: x
                        optional: true
    `;
    const r = run(
      {
        ...fixtureRelease('threads-db: x\n'),
        ...platformStore(),
        ...chart(
          'apps',
          'db-migrations',
          { 'job.yaml': deploy },
          'namespace: ameide\n',
        ),
        ...app(
          'threads',
          externalSecret({
            name: 'threads-db',
            data: [{ secretKey: 'p', key: 'threads-db', property: 'value' }],
          }),
        ),
        'sources/values/env/dev/apps/apps-threads.yaml': 'enabled: false\n',
      },
      { environments: ['dev'] },
    );
    expect(r.findings).toStrictEqual([
      {
        id,
        type: 'missing-producer',
        severity: 'error',
        message:
          'Secret threads-db is consumed (secretKeyRef) by Job/migrate but nothing produces it in dev. Only release apps-threads produces it, and it is not installed in dev.',
        subject: { kind: 'Secret', name: 'threads-db', namespace: 'ameide' },
        release: 'apps-db-migrations',
        chart: 'sources/charts/apps/db-migrations',
        environment: 'dev',
        sourceRef: {
          file: 'sources/charts/apps/db-migrations/templates/job.yaml',
          line: 2,
        },
        proposedFix: {
          title: 'Produce the Secret independently of the disabled chart',
          actions: [
            'Move the ExternalSecret for threads-db into a foundation bundle installed in dev, or enable apps-threads there.',
          ],
        },
      },
    ]);
    expect(
      r.releases.find(x => x.name === 'apps-threads')?.environments,
    ).toStrictEqual([]);
  });

  it('missing-producer: every consumer form is read (envFrom, volumes, imagePullSecrets, existingSecret)', () => {
    const deploy = `
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        template:
          spec:
            imagePullSecrets:
              - name: pull
            containers:
              - name: web
                envFrom:
                  - secretRef:
                      name: env-secret
            volumes:
              - name: v
                secret:
                  secretName: vol-secret
    `;
    const r = run(
      {
        ...app(
          'web',
          '',
          { 'deploy.yaml': deploy },
          'namespace: ameide\nauth:\n  existingSecret: existing\n',
        ),
      },
      { environments: ['dev'] },
    );
    expect(
      only(r, 'missing-producer')
        .map(f => [f.subject.name, f.message.split(' but ')[0]])
        .sort(),
    ).toStrictEqual(
      [
        [
          'pull',
          'Secret pull is consumed (imagePullSecrets) by Deployment/web',
        ],
        [
          'env-secret',
          'Secret env-secret is consumed (envFrom) by Deployment/web',
        ],
        [
          'vol-secret',
          'Secret vol-secret is consumed (volume) by Deployment/web',
        ],
        [
          'existing',
          'Secret existing is consumed (existingSecret) by release apps-web',
        ],
      ].sort(),
    );
  });
});
