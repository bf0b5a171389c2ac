import yaml from 'yaml';
import { analyze, readFileTree } from '@ameideio/plugin-secrets-node';
import { createSecretsChartExternalSecretsAction } from './createSecretsChartExternalSecretsAction';
import { examples } from './createSecretsChartExternalSecretsAction.examples';
import {
  contextFor,
  makeWorkspace,
  readDir,
  removeDir,
  smallWorkspace,
} from '../__testUtils__/workspace';

describe('secrets:chart-externalsecrets:create examples', () => {
  const action = createSecretsChartExternalSecretsAction();

  it('lists its examples on the action', () => {
    expect(action.examples).toBe(examples);
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map(e => [e.description, e] as const))(
    'runs: %s',
    async (_d, example) => {
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe(action.id);
      const ws = await makeWorkspace(smallWorkspace());
      try {
        const { ctx, outputs } = contextFor(ws, step.input);
        await action.handler(ctx);
        const files = readDir(ws);
        expect(outputs.writtenPaths.length).toBeGreaterThan(0);
        for (const p of outputs.writtenPaths) expect(files[p]).toBeDefined();
        for (const k of outputs.fixtureKeysAdded) {
          expect(files[step.input.fixtureFiles[0]]).toContain(k.split('#')[0]);
        }
        const report = analyze(await readFileTree(ws), {
          environments: step.input.environments,
        });
        expect(
          report.findings.filter(f => f.release === 'apps-billing'),
        ).toStrictEqual([]);
      } finally {
        await removeDir(ws);
      }
    },
  );
});
