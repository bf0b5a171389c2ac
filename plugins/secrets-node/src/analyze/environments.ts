/*
 * Which environments a repository has. Explicit configuration wins; without
 * it the environments are read from the repository's shape (per-environment
 * values folders, cluster/environment/overlay folders) and from the names
 * Argo CD and Flux declarations give; a repository with none of these is
 * analysed as one implicit environment. Names are never invented.
 */
import type { FileTree } from '../tree';

/**
 * The single environment of a repository that names none. Messages leave it
 * out ("nothing produces it", not "nothing produces it in default").
 * @public
 */
export const IMPLICIT_ENVIRONMENT = 'default';

/** Where an inferred environment name was found. @public */
export interface EnvironmentEvidence {
  name: string;
  /** How it was found. */
  shape: 'values-folder' | 'environment-folder' | 'declared';
  /** A repository path showing it (absent for declared names). */
  path?: string;
}

/** Folder names that hold one folder per environment (or cluster). */
const ENV_PARENTS = new Set([
  'clusters',
  'environments',
  'envs',
  'env',
  'overlays',
]);
/** Of those, the ones whose children are environments by name alone: any YAML directly inside counts. */
const PLAIN_ENV_PARENTS = new Set(['clusters', 'environments', 'envs']);

/** Names that are never an environment, whatever folder holds them. */
const NOT_ENVIRONMENTS = new Set([
  'base',
  'bases',
  'common',
  'shared',
  'components',
  'templates',
  'flux-system',
  'crds',
  'patches',
  'resources',
  'charts',
  'all',
]);

const KUSTOMIZATION = /^(kustomization\.ya?ml|Kustomization)$/;
const VALUES = /^values[^/]*\.ya?ml$/;

const validName = (name: string) =>
  /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(name) &&
  !NOT_ENVIRONMENTS.has(name.toLowerCase());

/** Conventional order: fixture-like environments first, production last. */
const RANK: Record<string, number> = {
  local: 0,
  kind: 1,
  ci: 2,
  dev: 3,
  develop: 3,
  development: 3,
  test: 4,
  testing: 4,
  qa: 5,
  uat: 6,
  stage: 7,
  staging: 7,
  preprod: 8,
  'pre-prod': 8,
  prod: 9,
  prd: 9,
  live: 9,
  production: 9,
};

/** Sorts environment names: known names in their usual order, others alphabetically between. */
export function sortEnvironments(names: Iterable<string>): string[] {
  const rank = (n: string) => RANK[n.toLowerCase()] ?? 8.5;
  return [...new Set(names)].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
}

const tokens = (name: string) => name.toLowerCase().split(/[-_.]/);
const DEV_TOKENS = new Set([
  'local',
  'dev',
  'develop',
  'development',
  'ci',
  'kind',
  'test',
  'testing',
  'minikube',
  'k3d',
]);
const PROD_TOKENS = new Set(['prod', 'production', 'prd', 'live']);
const NOT_PROD_TOKENS = new Set([
  'non',
  'nonprod',
  'pre',
  'preprod',
  'stage',
  'staging',
]);

/** Whether an environment name reads as production (`prod`, `production`, `prd`, `live`, `prod-eu`; not `preprod`, `non-prod`). @public */
export function looksLikeProduction(name: string): boolean {
  const t = tokens(name);
  return (
    t.some(x => PROD_TOKENS.has(x)) && !t.some(x => NOT_PROD_TOKENS.has(x))
  );
}

/** Whether an environment name reads as a dev/CI one seeded from fixtures (`local`, `dev`, `ci`, `kind`, `test`, `dev-eu`). @public */
export function looksLikeFixtureEnvironment(name: string): boolean {
  return (
    tokens(name).some(x => DEV_TOKENS.has(x)) && !looksLikeProduction(name)
  );
}

/**
 * Environment names the repository's layout shows, with evidence:
 * - a folder under `<valuesRoot>/<envValuesDir>/` holding YAML;
 * - a folder `<name>` under a `clusters/`, `environments/` or `envs/`
 *   folder (at any depth) directly holding YAML or a `flux-system/` folder;
 * - a folder `<name>` under an `env/` or `overlays/` folder directly
 *   holding a kustomization or a values file;
 * - a folder `apps/<name>/` holding a kustomization next to `apps/base/`
 *   (the Flux monorepo shape).
 * Folders like `base`, `common` or `components` never count. Declared names
 * (Argo CD / Flux) are added as given.
 * @public
 */
export function inferEnvironments(
  tree: FileTree,
  layout: { valuesRoot: string; envValuesDir: string; ignorePaths?: string[] },
  declared: string[] = [],
): EnvironmentEvidence[] {
  const found = new Map<string, EnvironmentEvidence>();
  const note = (e: EnvironmentEvidence) => {
    if (!validName(e.name) || found.has(e.name)) return;
    found.set(e.name, e);
  };
  const valuesPrefix = `${layout.valuesRoot}/${layout.envValuesDir}/`;
  const ignored = (p: string) =>
    (layout.ignorePaths ?? []).some(i => p === i || p.startsWith(`${i}/`));
  const dirs = new Set<string>();
  for (const path of tree.keys()) {
    if (ignored(path)) continue;
    const segs = path.split('/');
    for (let i = 1; i < segs.length; i++) dirs.add(segs.slice(0, i).join('/'));
  }
  for (const path of [...tree.keys()].sort()) {
    if (ignored(path)) continue;
    if (path.startsWith(valuesPrefix) && /\.ya?ml$/.test(path)) {
      const rest = path.slice(valuesPrefix.length).split('/');
      if (rest.length > 1)
        note({ name: rest[0], shape: 'values-folder', path });
      continue;
    }
    const segs = path.split('/');
    const file = segs[segs.length - 1];
    // <parent>/<name>/<file> or <parent>/<name>/flux-system/<file>
    for (const depth of [2, 3]) {
      if (segs.length < depth + 1) continue;
      const parentIdx = segs.length - 1 - depth;
      const parent = segs[parentIdx];
      const name = segs[parentIdx + 1];
      const holds =
        depth === 2
          ? KUSTOMIZATION.test(file) ||
            VALUES.test(file) ||
            (PLAIN_ENV_PARENTS.has(parent) && /\.ya?ml$/.test(file))
          : segs[parentIdx + 2] === 'flux-system';
      if (!holds) continue;
      if (ENV_PARENTS.has(parent)) {
        note({ name, shape: 'environment-folder', path });
      } else if (
        parent === 'apps' &&
        depth === 2 &&
        KUSTOMIZATION.test(file) &&
        dirs.has([...segs.slice(0, parentIdx + 1), 'base'].join('/'))
      ) {
        note({ name, shape: 'environment-folder', path });
      }
    }
  }
  for (const name of declared) note({ name, shape: 'declared' });
  const order = sortEnvironments(found.keys());
  return order.map(n => found.get(n)!);
}

/** The environments of one run, as the engine uses them. @public */
export interface ResolvedEnvironments {
  /** Environments analysed. */
  environments: string[];
  /** Every environment of the repository (analysed ones first). */
  known: string[];
  /** Environments seeded from the fixture map; `undefined` until the fixture map is known (implicit environment). */
  fixtureEnvironments?: string[];
  productionEnvironments: string[];
  /** How the analysed environments were chosen. */
  source: 'configured' | 'inferred' | 'implicit';
  evidence: EnvironmentEvidence[];
}

/**
 * Chooses the environments of a run. `environments` (else
 * `knownEnvironments`) given explicitly wins; otherwise the inferred ones;
 * otherwise {@link IMPLICIT_ENVIRONMENT}. Fixture and production
 * environments default to the inferred names that read as dev/CI and as
 * production; for the implicit environment the fixture environments are
 * left to {@link implicitFixtureEnvironments}.
 * @public
 */
export function resolveEnvironments(
  configured: {
    environments?: string[];
    knownEnvironments?: string[];
    fixtureEnvironments?: string[];
    productionEnvironments?: string[];
  },
  evidence: EnvironmentEvidence[],
): ResolvedEnvironments {
  const inferred = evidence.map(e => e.name);
  // eslint-disable-next-line no-nested-ternary
  const explicit = configured.environments?.length
    ? configured.environments
    : configured.knownEnvironments?.length
    ? configured.knownEnvironments
    : undefined;
  const environments =
    explicit ?? (inferred.length ? inferred : [IMPLICIT_ENVIRONMENT]);
  // eslint-disable-next-line no-nested-ternary
  const source = explicit
    ? 'configured'
    : inferred.length
    ? 'inferred'
    : 'implicit';
  const known = [
    ...new Set([
      ...environments,
      ...(configured.knownEnvironments ??
        (source === 'implicit' ? [] : inferred)),
    ]),
  ];
  const fixtureEnvironments =
    configured.fixtureEnvironments ??
    (source === 'implicit'
      ? undefined
      : known.filter(looksLikeFixtureEnvironment));
  const productionEnvironments =
    configured.productionEnvironments ?? known.filter(looksLikeProduction);
  return {
    environments,
    known,
    ...(fixtureEnvironments ? { fixtureEnvironments } : {}),
    productionEnvironments,
    source,
    evidence,
  };
}

/** Fixture environments of a run on the implicit environment: it is one only when the repository has a fixture map. @public */
export function implicitFixtureEnvironments(
  fixtureMapPresent: boolean,
): string[] {
  return fixtureMapPresent ? [IMPLICIT_ENVIRONMENT] : [];
}

/**
 * The environment as a message phrase: ` in dev`, or nothing for the
 * implicit environment. `template` is e.g. ` in %s`.
 * @public
 */
export function envPhrase(env: string | undefined, template: string): string {
  return env && env !== IMPLICIT_ENVIRONMENT ? template.replace('%s', env) : '';
}
