import yaml from 'yaml';
import { createSecretsFixFindingAction } from './createSecretsFixFindingAction';
import { examples } from './createSecretsFixFindingAction.examples';
import {
  contextFor,
  demoGitops,
  makeWorkspace,
  readDir,
  removeDir,
} from '../__testUtils__/workspace';

describe('secrets:fix-finding examples', () => {
  const action = createSecretsFixFindingAction();

  it('lists its examples on the action', () => {
    expect(action.examples).toBe(examples);
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map(e => [e.description, e] as const))(
    'runs on the demo GitOps repository: %s',
    async (_d, example) => {
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe(action.id);
      const ws = await makeWorkspace(
        Object.fromEntries(
          Object.entries(demoGitops()).map(([p, t]) => [
            `${step.input.repoPath}/${p}`,
            t,
          ]),
        ),
      );
      try {
        const { ctx, outputs } = contextFor(ws, step.input);
        await action.handler(ctx);
        expect(outputs.resolved).toBe(true);
        expect(outputs.changedFiles.length).toBeGreaterThan(0);
        const files = readDir(ws);
        for (const p of outputs.changedFiles) expect(files[p]).toBeDefined();
      } finally {
        await removeDir(ws);
      }
    },
  );
});
