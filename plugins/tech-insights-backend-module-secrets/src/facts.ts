import type {
  EntitySecretsResponse,
  FindingType,
} from '@ameideio/plugin-secrets-common';
import type { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import type { JsonValue } from '@backstage/types';

/** The facts of one entity, keyed by the names in {@link secretsFactSchema}. @public */
export type SecretsFacts = Record<string, JsonValue>;

/**
 * The finding types published as facts of their own (`<camelCase>Findings`),
 * so a check can name them; every type also counts in `findingsByType`.
 * @public
 */
export const SECRETS_FACT_FINDING_TYPES = [
  'missing-fixture',
  'orphan-fixture',
  'duplicate-owner',
  'missing-producer',
  'inline-credential',
  'unserved-store',
  'sync-error',
  'missing-in-vault',
  'placeholder-in-vault',
  'rotation-overdue',
] as const satisfies readonly FindingType[];

/** `missing-fixture` -> `missingFixtureFindings`. */
export function findingTypeFact(type: string): string {
  return `${type.replace(/-([a-z])/g, (_, c: string) =>
    c.toUpperCase(),
  )}Findings`;
}

/**
 * The schema of the facts of one entity. Counts are integers; coverage is a
 * percentage from 0 to 100 with one decimal, left out when the repository
 * has no fixture map (nothing to cover).
 * @public
 */
export const secretsFactSchema: FactSchema = {
  externalSecrets: {
    type: 'integer',
    description: 'ExternalSecrets, PushSecrets and generators the entity owns',
  },
  errorFindings: {
    type: 'integer',
    description: 'Findings of severity error',
  },
  warningFindings: {
    type: 'integer',
    description: 'Findings of severity warning',
  },
  infoFindings: {
    type: 'integer',
    description: 'Findings of severity info',
  },
  findingsByType: {
    type: 'object',
    description:
      'Finding count per finding type (types with no finding left out)',
  },
  ...Object.fromEntries(
    SECRETS_FACT_FINDING_TYPES.map(type => [
      findingTypeFact(type),
      { type: 'integer', description: `Findings of type ${type}` },
    ]),
  ),
  fixtureCoveragePercent: {
    type: 'float',
    description:
      'Share of the Vault keys the entity reads that have a fixture, over the fixture environments (dev/CI); absent without a fixture map',
  },
  fixtureCoveragePercentByEnvironment: {
    type: 'object',
    description:
      'Fixture coverage per environment that a fixture map serves, e.g. { "dev": 100 }',
  },
  syncErrors: {
    type: 'integer',
    description:
      'ExternalSecret and environment pairs whose live status is a sync error',
  },
  overdueKeys: {
    type: 'integer',
    description:
      'Vault keys (per environment) older than the rotation policy allows',
  },
};

function percent(covered: number, total: number): number {
  const p = Math.round((covered / total) * 1000) / 10;
  // never round a gap up to a full score
  return covered < total ? Math.min(p, 99.9) : p;
}

/**
 * Fixture coverage per environment, from the entity's key rows: a key
 * property counts once per environment, `not-applicable` cells (a
 * cluster-managed key, an environment without fixtures) do not count, and
 * `present` or `other-writer` (a declared writer fills it) is covered. The
 * same rule as the entity summary's `fixtureCoverage`.
 */
export function coverageByEnvironment(
  response: EntitySecretsResponse,
): Record<string, number> {
  const cells = new Map<string, Map<string, boolean>>();
  for (const es of response.externalSecrets) {
    if (es.kind === 'PushSecret') continue;
    for (const row of es.keys) {
      for (const [env, cell] of Object.entries(row.byEnvironment)) {
        if (cell.fixture === 'not-applicable') continue;
        const perEnv = cells.get(env) ?? new Map<string, boolean>();
        cells.set(env, perEnv);
        const id = `${row.key}\u0000${row.property}`;
        const covered =
          cell.fixture === 'present' || cell.fixture === 'other-writer';
        perEnv.set(id, (perEnv.get(id) ?? true) && covered);
      }
    }
  }
  const out: Record<string, number> = {};
  for (const env of [...cells.keys()].sort()) {
    const states = [...cells.get(env)!.values()];
    out[env] = percent(states.filter(Boolean).length, states.length);
  }
  return out;
}

/**
 * The facts of one entity, from its secrets backend response. Only counts,
 * percentages and finding type names: never a key name, a message or a
 * value, so a fact cannot carry a secret.
 * @public
 */
export function toSecretsFacts(response: EntitySecretsResponse): SecretsFacts {
  const byType: Record<string, number> = {};
  const seen = new Set<string>();
  for (const f of response.findings) {
    if (seen.has(f.id)) continue;
    seen.add(f.id);
    byType[f.type] = (byType[f.type] ?? 0) + 1;
  }
  const { summary } = response;
  const facts: SecretsFacts = {
    externalSecrets: summary.externalSecrets,
    errorFindings: summary.findingsBySeverity.error,
    warningFindings: summary.findingsBySeverity.warning,
    infoFindings: summary.findingsBySeverity.info,
    findingsByType: Object.fromEntries(
      Object.entries(byType).sort(([a], [b]) => a.localeCompare(b)),
    ),
    ...Object.fromEntries(
      SECRETS_FACT_FINDING_TYPES.map(type => [
        findingTypeFact(type),
        byType[type] ?? 0,
      ]),
    ),
    fixtureCoveragePercentByEnvironment: coverageByEnvironment(response),
    syncErrors: summary.syncErrors,
    overdueKeys: byType['rotation-overdue'] ?? 0,
  };
  if (summary.fixtureCoverage !== null)
    facts.fixtureCoveragePercent = summary.fixtureCoverage;
  return facts;
}
