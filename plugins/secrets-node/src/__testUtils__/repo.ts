/*
 * A minimal GitOps repository under the default layout: the fixture-map
 * release, a platform ClusterSecretStore and one service chart per test.
 */
import { chart, clusterStore, dedent } from './fileTree';

/** Default environments of the engine tests: one fixture env, one production env. */
export const testEnvs = { environments: ['dev', 'production'] };

/** Files of the fixture-map release with the given `fixtures:` YAML body (indented 2). */
export function fixtureRelease(
  fixturesYaml: string,
  productionOverride?: string,
): Record<string, string> {
  return {
    ...chart('foundation', 'vault-bootstrap', {}, 'fixtures: {}\n'),
    'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml': `fixtures:\n${indent(
      fixturesYaml,
    )}`,
    ...(productionOverride !== undefined
      ? {
          'sources/values/env/production/foundation/foundation-vault-bootstrap.yaml': `fixtures:\n${indent(
            productionOverride,
          )}`,
        }
      : {}),
  };
}

/** The platform store: ClusterSecretStore `vault`, admitting every namespace. */
export const platformStore = (): Record<string, string> => ({
  'sources/manifests/platform/store.yaml': clusterStore('vault'),
});

function indent(yaml: string): string {
  return dedent(yaml)
    .split('\n')
    .map(l => (l ? `  ${l}` : l))
    .join('\n');
}
