import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotModifiedError } from '@backstage/errors';
import { digestOf } from './vault/NodeVaultSource';
import { UrlReaderGitOpsSource } from './UrlReaderGitOpsSource';
import { EngineGitOpsAnalysis } from '../scheduler/GitOpsAnalysis';

const files: Record<string, string> = {
  'sources/charts/apps/shop/Chart.yaml':
    'apiVersion: v2\nname: shop\nversion: 0.1.0\n',
  'sources/charts/apps/shop/values.yaml': 'externalSecrets:\n  enabled: true\n',
  'sources/charts/apps/shop/templates/externalsecret.yaml':
    'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: shop-db\nspec:\n  secretStoreRef: {kind: ClusterSecretStore, name: vault}\n  target: {name: shop-db}\n  data:\n    - secretKey: password\n      remoteRef: {key: shop-db-password, property: value}\n',
  'sources/charts/foundation/vault-bootstrap/Chart.yaml':
    'apiVersion: v2\nname: vault-bootstrap\nversion: 0.1.0\n',
  'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml':
    'fixtures:\n  shop-db-password: local-dev-shop-db\n',
};

function reader(calls: string[]): UrlReaderService {
  return {
    readUrl: jest.fn(),
    search: jest.fn(),
    readTree: jest.fn(async (_url: string, options?: { etag?: string }) => {
      calls.push(options?.etag ?? '-');
      if (options?.etag === 'v1') throw new NotModifiedError();
      return {
        etag: 'v1',
        files: async () =>
          Object.entries(files).map(([path, text]) => ({
            path,
            content: async () => Buffer.from(text),
          })),
        archive: jest.fn(),
        dir: jest.fn(),
      };
    }),
  } as unknown as UrlReaderService;
}

describe('UrlReaderGitOpsSource', () => {
  it('reads the tree for the analysis, which keeps fixture digests; the download and the analysis are skipped while the ETag is unchanged', async () => {
    const calls: string[] = [];
    const source = UrlReaderGitOpsSource.create({
      reader: reader(calls),
      url: 'https://github.com/acme/gitops/tree/main',
    });
    const analysis = new EngineGitOpsAnalysis();
    const tree = await source.read();
    expect(tree.revision).toBe('v1');
    expect([...tree.files.keys()]).toEqual(Object.keys(files));
    const first = analysis.analyze(tree);
    expect(first.report.externalSecrets.map(e => e.name)).toContain('shop-db');
    const again = await source.read();
    expect(again).toBe(tree);
    const second = analysis.analyze(again);
    expect(second.report).toBe(first.report);
    expect(calls).toEqual(['-', 'v1']);
    const digests = second.digests;
    expect(
      digests
        .get('shop-db-password')
        ?.get('value')
        ?.has(digestOf('local-dev-shop-db')),
    ).toBe(true);
    expect(
      JSON.stringify(
        [...digests.entries()].map(([k, v]) => [k, [...v.keys()]]),
      ),
    ).not.toContain('local-dev');
  });

  it('reads the files secrets.engine.tree selects', async () => {
    const r = reader([]);
    const source = UrlReaderGitOpsSource.create({
      reader: r,
      url: 'https://github.com/acme/gitops/tree/main',
      tree: { extensions: ['.yml'], maxFileSize: 10, maxFiles: 1 },
    });
    const { report } = new EngineGitOpsAnalysis().analyze(await source.read());
    const { filter } = (r.readTree as jest.Mock).mock.calls[0][1];
    expect(filter('a/values.yaml', { size: 1 })).toBe(false);
    expect(filter('a/values.yml', { size: 10 })).toBe(true);
    expect(filter('a/values.yml', { size: 11 })).toBe(false);
    // one file read (the mock ignores the filter): the chart alone, no ExternalSecret
    expect(report.externalSecrets).toStrictEqual([]);
  });

  it('classifies a failure without the upstream text', async () => {
    const failing = {
      readTree: async () => {
        throw new Error('404 https://token@github.com/...');
      },
    } as unknown as UrlReaderService;
    const err = await UrlReaderGitOpsSource.create({
      reader: failing,
      url: 'https://x',
    })
      .read()
      .catch(e => e);
    expect(err.message).toBe(
      'GitOps repository could not be read (unreachable)',
    );
  });
});
