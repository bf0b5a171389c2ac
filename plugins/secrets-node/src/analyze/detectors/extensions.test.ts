/* Detectors a platform team adds through the engine's extensions. */
import { resolve } from 'node:path';
import { fileTree } from '../../__testUtils__/fileTree';
import { readFileTree } from '../../tree';
import { analyze } from '../analyze';
import type { DetectorContext } from '../context';

const files = {
  'deploy/web/deployment.yaml': `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: web }
spec:
  template:
    spec:
      containers:
        - name: web
          image: web:1
          envFrom:
            - secretRef: { name: web-env }
`,
  'deploy/web/secret.yaml': `
apiVersion: v1
kind: Secret
metadata: { name: web-env, namespace: web }
stringData:
  API_TOKEN: s3cr3t-value-in-git
`,
};

describe('extension detectors', () => {
  it('run over a view of the repository with Secret values dropped, and their findings join the report', () => {
    let seen: DetectorContext | undefined;
    const r = analyze(
      fileTree(files),
      {},
      {
        detectors: [
          {
            name: 'no-envfrom',
            run: ctx => {
              seen = ctx;
              return ctx.readers
                .filter(x => x.how === 'envFrom')
                .map(x =>
                  ctx.finding(
                    'inline-credential',
                    'warning',
                    `Secret ${x.secret} is read whole through envFrom.`,
                    { kind: 'Secret', name: x.secret, namespace: x.namespace },
                    {
                      title: 'Read single keys',
                      actions: ['Use secretKeyRef.'],
                    },
                    {
                      release: x.release,
                      sourceRef: { file: x.file },
                      detail: 'no-envfrom',
                    },
                  ),
                );
            },
          },
        ],
      },
    );
    expect(
      r.findings.filter(f => f.message.includes('through envFrom')),
    ).toHaveLength(1);
    const secret = seen!.objects.find(o => o.obj.kind === 'Secret')!;
    expect(secret.obj.stringData).toStrictEqual({ API_TOKEN: '' });
    expect(JSON.stringify(seen!.objects)).not.toContain('s3cr3t-value-in-git');
    expect(seen!.producers.map(p => [p.secret, p.kind])).toContainEqual([
      'web-env',
      'secret',
    ]);
  });

  it('a detector that throws costs its own findings only, named in an info', () => {
    const r = analyze(
      fileTree(files),
      {},
      {
        detectors: [
          {
            name: 'broken',
            run: () => {
              throw new Error('s3cr3t-value-in-git');
            },
          },
        ],
      },
    );
    const info = r.findings.filter(f => f.subject.kind === 'Detector');
    expect(info.map(f => [f.severity, f.subject.name])).toStrictEqual([
      ['info', 'broken'],
    ]);
    expect(JSON.stringify(r)).not.toContain('s3cr3t-value-in-git');
    expect(r.findings.some(f => f.type === 'inline-credential')).toBe(true);
  });
});

describe('fixture values handed to a callback', () => {
  it('each non-empty fixture value reaches the callback once per environment and never the report', async () => {
    const tree = await readFileTree(
      resolve(__dirname, '../../../../../examples/gitops'),
    );
    const seen: Array<{ environment: string; key: string; property: string }> =
      [];
    const values = new Set<string>();
    const r = analyze(
      tree,
      {},
      {
        onFixtureValue: ({ environment, key, property, value }) => {
          seen.push({ environment, key, property });
          values.add(value);
        },
      },
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every(s => r.environments.includes(s.environment))).toBe(true);
    const json = JSON.stringify(r);
    const leaked = [...values].filter(
      v => v.length > 6 && json.includes(`"${v}"`),
    );
    expect(leaked).toStrictEqual([]);
  });
});
