/*
 * The repository's app-config.yaml starts the plugin with offline snapshots:
 * a first start shows live status with no cluster and no Vault.
 */
import type { SourceHealth } from '@ameideio/plugin-secrets-common';
import { parseYaml, toData } from '@ameideio/plugin-secrets-node';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { repoRoot } from './__fixtures__/demo';
import { demoEntities } from './__fixtures__/entities';
import { secretsPlugin } from './plugin';

function appConfig(): Record<string, any> {
  const file = join(repoRoot, 'app-config.yaml');
  const [doc] = parseYaml(
    readFileSync(file, 'utf8'),
    'app-config.yaml',
  ).documents;
  const d = toData(doc);
  if (!('value' in d)) throw new Error(d.error);
  return d.value as Record<string, any>;
}

describe('embedded default (app-config.yaml)', () => {
  it('shows live status from the snapshots on a first start', async () => {
    const config = appConfig();
    const cwd = process.cwd();
    // the backend runs from packages/backend; relative paths are written for it
    process.chdir(join(repoRoot, 'packages/backend'));
    try {
      const { server } = await startTestBackend({
        features: [
          secretsPlugin,
          mockServices.rootConfig.factory({
            data: { secrets: config.secrets, kubernetes: config.kubernetes },
          }),
          catalogServiceMock.factory({ entities: demoEntities }),
        ],
      });
      const { sources } = (
        await request(server).get('/api/secrets/sources').expect(200)
      ).body as { sources: SourceHealth[] };
      expect(Object.fromEntries(sources.map(s => [s.id, s.status]))).toEqual({
        gitops: 'ok',
        'cluster:prod-eu': 'ok',
        'cluster:staging': 'ok',
        'vault:production': 'ok',
        'vault:staging': 'stale',
      });
      const overview = (
        await request(server).get('/api/secrets/overview').expect(200)
      ).body;
      expect(Object.keys(overview.countsByFindingType)).toEqual(
        expect.arrayContaining([
          'sync-error',
          'missing-in-cluster',
          'unowned-externalsecret',
          'missing-in-vault',
          'placeholder-in-vault',
          'refresh-ignored',
        ]),
      );
    } finally {
      process.chdir(cwd);
    }
  });
});
