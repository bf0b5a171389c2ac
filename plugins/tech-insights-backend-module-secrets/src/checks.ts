import {
  JSON_RULE_ENGINE_CHECK_TYPE,
  type TechInsightJsonRuleCheck,
} from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';

const factIds = ['secretsFactRetriever'];
const links = (hash: string) => [
  {
    title: 'Secret governance findings and fixes',
    url: `https://github.com/ameideio/backstage-secrets-suite/tree/main/plugins/tech-insights-backend-module-secrets#${hash}`,
  },
];

/**
 * Checks on the facts of `secretsFactRetriever` for the JSON rules engine
 * fact checker (`@backstage-community/plugin-tech-insights-backend-module-jsonfc`):
 * no error findings, full fixture coverage in the fixture environments
 * (dev/CI), no sync errors and no overdue keys. Pass them to a
 * `JsonRulesEngineFactCheckerFactory`, or copy them into
 * `techInsights.factChecker.checks` (the package README has the YAML).
 * @public
 */
export const secretsChecks: TechInsightJsonRuleCheck[] = [
  {
    id: 'secretsNoErrorFindings',
    type: JSON_RULE_ENGINE_CHECK_TYPE,
    name: 'No secret error findings',
    description:
      'The chart-owned secrets of the entity have no error-level finding (a key without a fixture, two charts claiming a Secret, an inline credential, ...). The Secrets tab shows each finding with its fix.',
    factIds,
    links: links('guardrail-findings'),
    rule: {
      conditions: {
        all: [{ fact: 'errorFindings', operator: 'equal', value: 0 }],
      },
    },
  },
  {
    id: 'secretsFixtureCoverageComplete',
    type: JSON_RULE_ENGINE_CHECK_TYPE,
    name: 'Fixture coverage 100% in dev',
    description:
      'Every Vault key the entity reads has an entry in the fixture map of the dev/CI environments, so a fresh environment starts without a manual secret.',
    factIds,
    links: links('vault-fixture-coverage'),
    rule: {
      conditions: {
        all: [
          {
            fact: 'fixtureCoveragePercent',
            operator: 'greaterThanInclusive',
            value: 100,
          },
        ],
      },
    },
  },
  {
    id: 'secretsNoSyncErrors',
    type: JSON_RULE_ENGINE_CHECK_TYPE,
    name: 'No ExternalSecret sync errors',
    description:
      'No ExternalSecret of the entity fails to sync in any cluster (Vault 403, sealed Vault, missing key).',
    factIds,
    links: links('externalsecret-status'),
    rule: {
      conditions: {
        all: [{ fact: 'syncErrors', operator: 'equal', value: 0 }],
      },
    },
  },
  {
    id: 'secretsNoOverdueKeys',
    type: JSON_RULE_ENGINE_CHECK_TYPE,
    name: 'No Vault key overdue for rotation',
    description:
      'Every Vault key the entity reads was written within the rotation policy of its environment.',
    factIds,
    links: links('rotation'),
    rule: {
      conditions: {
        all: [{ fact: 'overdueKeys', operator: 'equal', value: 0 }],
      },
    },
  },
];
