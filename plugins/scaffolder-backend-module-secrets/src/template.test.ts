import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import yaml from 'yaml';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import { repoRoot, templateDir, templateFile } from './__testUtils__/workspace';
import { SECRETS_CHART_EXTERNALSECRETS_ACTION_ID } from './actions/createSecretsChartExternalSecretsAction';
import { SECRETS_SCM_PROVIDER_ACTION_ID } from './actions/createSecretsScmProviderAction';

describe('the "New service with chart-owned secrets" template', () => {
  const template = yaml.parse(readFileSync(templateFile, 'utf8'));

  it('is a valid v1beta3 template that runs the action on the fetched chart', async () => {
    expect(await templateEntityV1beta3Validator.check(template)).toBe(true);
    expect(template.metadata.title).toBe(
      'New service with chart-owned secrets',
    );
    expect(template.spec.steps.map((s: any) => s.action)).toStrictEqual([
      'fetch:plain',
      'fetch:template',
      SECRETS_CHART_EXTERNALSECRETS_ACTION_ID,
      'debug:log',
      'debug:log',
      SECRETS_SCM_PROVIDER_ACTION_ID,
      'publish:github:pull-request',
      'publish:gitlab:merge-request',
    ]);
    // starts from the demo GitOps repository; the pull request is off in the demo
    expect(template.spec.steps[0].input.url).toBe('./gitops');
    expect(template.spec.steps[4].if).toBe(
      '${{ not parameters.openPullRequest }}',
    );
    expect(template.spec.steps[5].if).toBe('${{ parameters.openPullRequest }}');
    // a merge request on a GitLab host, a pull request elsewhere
    expect(template.spec.steps.slice(6).map((s: any) => s.if)).toStrictEqual([
      "${{ parameters.openPullRequest and steps.scm.output.provider == 'github' }}",
      "${{ parameters.openPullRequest and steps.scm.output.provider == 'gitlab' }}",
    ]);
    expect(template.spec.steps[4].input.message).toContain(
      'publish:gitlab:merge-request',
    );
    expect(existsSync(join(templateDir, 'skeleton/Chart.yaml'))).toBe(true);
    expect(template.spec.output.text[0].content).toBe(
      '${{ steps.secrets.output.summary }}',
    );
  });

  it('is registered in the demo catalog', () => {
    const config = yaml.parse(
      readFileSync(join(repoRoot, 'app-config.yaml'), 'utf8'),
    );
    // catalog file locations are relative to the backend package
    const targets = config.catalog.locations
      .filter((l: any) => l.type === 'file')
      .map((l: any) => resolve(repoRoot, 'packages/backend', l.target));
    expect(targets).toContain(templateFile);
  });
});
