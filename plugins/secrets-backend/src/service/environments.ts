/*
 * Which environments the live join treats as fixture and production ones:
 * the configured lists when set, else the ones the engine resolved for the
 * repository (the report says), so the backend never assumes environment
 * names the repository does not have.
 */
import type { SecretsReport } from '@ameideio/plugin-secrets-common';

/** What reports of engines that did not say assumed. */
const LEGACY = {
  fixtureEnvironments: ['local', 'dev'],
  productionEnvironments: ['production'],
};

export function joinEnvironments(
  configured: {
    fixtureEnvironments?: string[];
    productionEnvironments?: string[];
  },
  report: SecretsReport | undefined,
): { fixtureEnvironments: string[]; productionEnvironments: string[] } {
  const pick = (key: keyof typeof LEGACY): string[] =>
    configured[key] ??
    report?.[key] ??
    LEGACY[key].filter(e => !report || report.environments.includes(e));
  return {
    fixtureEnvironments: pick('fixtureEnvironments'),
    productionEnvironments: pick('productionEnvironments'),
  };
}
