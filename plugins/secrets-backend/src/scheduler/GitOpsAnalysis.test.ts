import { readFileTree } from '@ameideio/plugin-secrets-node';
import { demoGitOpsDir } from '../__fixtures__/demo';
import { EngineGitOpsAnalysis, gitOpsAnalysisFor } from './GitOpsAnalysis';

describe('EngineGitOpsAnalysis', () => {
  it('analyses a tree without a revision every time, with fresh digests', async () => {
    const files = await readFileTree(demoGitOpsDir);
    const analysis = new EngineGitOpsAnalysis();
    const a = analysis.analyze({ files });
    const b = analysis.analyze({ files });
    expect(b.report).not.toBe(a.report);
    expect(b.report.externalSecrets.length).toBe(
      a.report.externalSecrets.length,
    );
    expect(b.report.externalSecrets.length).toBeGreaterThan(0);
    expect(b.digests.size).toBe(a.digests.size);
    expect(b.digests.size).toBeGreaterThan(0);
  });

  it('analyses a new revision again', () => {
    const analysis = new EngineGitOpsAnalysis();
    const chart = 'apiVersion: v2\nname: shop\nversion: 0.1.0\n';
    const es = (key: string) =>
      `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: shop-db\nspec:\n  secretStoreRef: {kind: ClusterSecretStore, name: vault}\n  target: {name: shop-db}\n  data:\n    - secretKey: password\n      remoteRef: {key: ${key}, property: value}\n`;
    const tree = (key: string) =>
      new Map([
        ['charts/shop/Chart.yaml', chart],
        ['charts/shop/templates/es.yaml', es(key)],
      ]);
    const keys = (r: ReturnType<EngineGitOpsAnalysis['analyze']>) =>
      r.report.externalSecrets.flatMap(e => e.keys.map(k => k.key));
    const first = analysis.analyze({ files: tree('a'), revision: 'r1' });
    expect(keys(first)).toEqual(['a']);
    // the same revision: the content is not looked at again
    expect(analysis.analyze({ files: tree('b'), revision: 'r1' }).report).toBe(
      first.report,
    );
    expect(
      keys(analysis.analyze({ files: tree('b'), revision: 'r2' })),
    ).toEqual(['b']);
  });

  it('adds the producer rules and detectors of backend modules to the configured options', async () => {
    const files = await readFileTree(demoGitOpsDir);
    const analysis = gitOpsAnalysisFor(
      {},
      {
        detectors: [
          {
            name: 'house-rule',
            run: ctx =>
              ctx.externalSecrets
                .slice(0, 1)
                .map(es =>
                  ctx.finding(
                    'refresh-ignored',
                    'info',
                    `house rule on ${es.name}`,
                    { kind: 'ExternalSecret', name: es.name },
                    { title: 'House rule', actions: [] },
                    { release: es.release, detail: 'house-rule' },
                  ),
                ),
          },
        ],
      },
    );
    const { report } = analysis.analyze({ files });
    expect(
      report.findings.some(f => f.message.startsWith('house rule on')),
    ).toBe(true);
  });
});
