import type {
  EntitySecretsResponse,
  Finding,
  FixtureState,
  OverviewResponse,
} from '@ameideio/plugin-secrets-common';

const finding = (
  id: string,
  type: Finding['type'],
  severity: Finding['severity'],
): Finding => ({
  id,
  type,
  severity,
  message: `${type} ${id}`,
  subject: { kind: 'VaultKey', name: id },
  proposedFix: { title: 'Fix', actions: [] },
});

const key = (
  name: string,
  byEnv: Record<string, FixtureState>,
): EntitySecretsResponse['externalSecrets'][number]['keys'][number] => ({
  key: name,
  property: 'value',
  origin: 'external',
  byEnvironment: Object.fromEntries(
    Object.entries(byEnv).map(([env, fixture]) => [
      env,
      { fixture, vault: { present: null, placeholder: null }, writers: [] },
    ]),
  ),
});

/** An entity response in the backend's shape, built in memory. */
export function entityResponse(
  name: string,
  options: {
    findings?: Finding[];
    keys?: ReturnType<typeof key>[];
    syncErrors?: number;
    fixtureCoverage?: number | null;
  } = {},
): EntitySecretsResponse {
  const findings = options.findings ?? [];
  const count = (s: Finding['severity']) =>
    findings.filter(f => f.severity === s).length;
  return {
    entityRef: `component:default/${name}`,
    chart: `charts/${name}`,
    releases: [name],
    environments: ['dev', 'staging', 'production'],
    summary: {
      externalSecrets: 1,
      fixtureCoverage:
        options.fixtureCoverage === undefined ? 100 : options.fixtureCoverage,
      syncErrors: options.syncErrors ?? 0,
      findingsBySeverity: {
        error: count('error'),
        warning: count('warning'),
        info: count('info'),
      },
    },
    externalSecrets: [
      {
        id: `${name}-es`,
        name: `${name}-es`,
        kind: 'ExternalSecret',
        release: name,
        storeRef: { kind: 'ClusterSecretStore', name: 'vault' },
        targetSecret: name,
        origin: 'external',
        sourceRef: { file: `charts/${name}/templates/es.yaml` },
        keys: options.keys ?? [],
        cells: {},
      },
    ],
    findings,
    sources: [],
  };
}

export { finding, key };

export function overviewPage(
  refs: string[],
  offset: number,
  limit: number,
  totalCount: number,
): OverviewResponse {
  return {
    entities: {
      items: refs.map(entityRef => ({
        entityRef,
        externalSecrets: 1,
        fixtureCoverage: 100,
        syncErrors: 0,
        findingsBySeverity: { error: 0, warning: 0, info: 0 },
        findingTypes: [],
        environments: [],
      })),
      totalCount,
      offset,
      limit,
    },
    conflicts: [],
    unownedExternalSecrets: [],
    orphanFixtures: [],
    countsByFindingType: {},
    countsBySeverity: { error: 0, warning: 0, info: 0 },
    sources: [],
  };
}
