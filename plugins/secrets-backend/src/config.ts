import {
  type AnalyzeOptions,
  describeEngineOptionProblems,
  type ParsedEngineOptions,
  parseEngineOptions,
} from '@ameideio/plugin-secrets-node';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { existsSync } from 'node:fs';
import { type LiveConfig, readLiveConfig } from './liveConfig';
import {
  duration,
  envList,
  envName,
  existingFile,
  findUpwards,
  httpUrl,
} from './configValues';
import { join, resolve } from 'node:path';
import type { KubernetesClusterDetails } from './sources/kubernetes/KubernetesClusterSource';
import type {
  VaultAuth,
  VaultSourceOptions,
} from './sources/vault/NodeVaultSource';

/** The plugin's configuration, read once. */
export interface SecretsConfig {
  gitopsDir?: string;
  /** Repository URL read through the UrlReader (instead of `gitopsDir`). */
  gitopsUrl?: string;
  sourceUrl?: string;
  environments?: string[];
  fixtureEnvironments?: string[];
  productionEnvironments?: string[];
  fixtureRelease?: string;
  /**
   * Every engine option (`secrets.engine`), checked by the engine's own
   * validation, with `environments`, `fixtureEnvironments`,
   * `productionEnvironments` and `fixtureRelease` of `secrets.*` folded in.
   */
  engine: AnalyzeOptions;
  /** How the GitOps repository's files are read (`secrets.engine.tree`); empty when not configured. */
  tree: ParsedEngineOptions['tree'];
  frequency: { seconds: number };
  timeout: { seconds: number };
  /** Watches and probes between refreshes (`secrets.live`). */
  live: LiveConfig;
  /** Live clusters (Kubernetes plugin config joined with `secrets.clusters`). */
  clusters: KubernetesClusterDetails[];
  vaults: VaultSourceOptions[];
  snapshots: {
    clusters: Array<{ cluster: string; environment?: string; files: string[] }>;
    vault: Array<{ environment: string; file: string }>;
  };
  /** `secrets.history`: days of history kept (default 90). */
  history: { retentionDays: number };
}

/** `kubernetes.clusterLocatorMethods[type=config].clusters`, by name. */
function kubernetesClusters(root: Config) {
  const byName = new Map<string, Config>();
  for (const method of root.getOptionalConfigArray(
    'kubernetes.clusterLocatorMethods',
  ) ?? []) {
    if (method.getOptionalString('type') !== 'config') continue;
    for (const c of method.getOptionalConfigArray('clusters') ?? []) {
      byName.set(c.getString('name'), c);
    }
  }
  return byName;
}

function readClusters(
  root: Config,
  config: Config | undefined,
  snapshotNames: Set<string>,
): KubernetesClusterDetails[] {
  const k8s = kubernetesClusters(root);
  const out: KubernetesClusterDetails[] = [];
  (config?.getOptionalConfigArray('clusters') ?? []).forEach((c, i) => {
    const at = `secrets.clusters[${i}]`;
    const name = c.getString('name');
    const environment = envName(
      c.getString('environment'),
      `clusters[${i}].environment`,
    );
    const k = k8s.get(name);
    if (!k) {
      if (snapshotNames.has(name)) return; // served from a snapshot
      throw new InputError(
        `Invalid ${at}: cluster "${name}" is not in kubernetes.clusterLocatorMethods (type config)`,
      );
    }
    const authProvider =
      k.getOptionalString('authProvider') ?? 'serviceAccount';
    if (authProvider !== 'serviceAccount') {
      throw new InputError(
        `Invalid ${at}: cluster "${name}" uses authProvider ${authProvider}; the secrets plugin reads clusters with a serviceAccount token`,
      );
    }
    out.push({
      name,
      environment,
      url: httpUrl(k.getString('url'), `kubernetes cluster ${name} url`),
      serviceAccountToken: k.getOptionalString('serviceAccountToken'),
      skipTLSVerify: k.getOptionalBoolean('skipTLSVerify'),
      caData: k.getOptionalString('caData'),
      pageSize: c.getOptionalNumber('pageSize'),
      timeoutMs: c.has('timeout')
        ? duration(c.getConfig('timeout'), `clusters[${i}].timeout`, 10)
            .seconds * 1000
        : undefined,
    });
  });
  return out;
}

function readVaultAuth(c: Config, at: string): VaultAuth {
  const type = c.getOptionalString('auth.type') ?? 'token';
  if (type === 'token') {
    const token = c.getOptionalString('auth.token');
    if (!token)
      throw new InputError(`Invalid ${at}.auth: token auth needs auth.token`);
    return { type, token };
  }
  if (type === 'kubernetes') {
    const role = c.getOptionalString('auth.role');
    if (!role)
      throw new InputError(
        `Invalid ${at}.auth: kubernetes auth needs auth.role`,
      );
    return {
      type,
      role,
      mountPath:
        c.getOptionalString('auth.mountPath')?.replace(/^\/+|\/+$/g, '') ??
        'kubernetes',
      jwtPath: c.getOptionalString('auth.jwtPath'),
    };
  }
  throw new InputError(
    `Invalid ${at}.auth.type "${type}": use token or kubernetes`,
  );
}

function readVaults(config: Config | undefined): VaultSourceOptions[] {
  const seen = new Set<string>();
  return (config?.getOptionalConfigArray('vault') ?? []).map((c, i) => {
    const at = `secrets.vault[${i}]`;
    const environment = envName(
      c.getString('environment'),
      `vault[${i}].environment`,
    );
    if (seen.has(environment))
      throw new InputError(
        `Invalid ${at}: environment ${environment} has two Vaults`,
      );
    seen.add(environment);
    const maxDepth = c.getOptionalNumber('maxDepth');
    if (
      maxDepth !== undefined &&
      !(Number.isInteger(maxDepth) && maxDepth >= 1 && maxDepth <= 16)
    ) {
      throw new InputError(`Invalid ${at}.maxDepth: expected 1 to 16`);
    }
    return {
      environment,
      address: httpUrl(c.getString('address'), `${at}.address`),
      mount: c.getOptionalString('mount') ?? 'secret',
      namespace: c.getOptionalString('namespace'),
      auth: readVaultAuth(c, at),
      pathPrefix: c.getOptionalString('pathPrefix'),
      maxDepth,
      maxKeys: c.getOptionalNumber('maxKeys'),
      concurrency: c.getOptionalNumber('concurrency'),
      timeoutMs: c.has('timeout')
        ? duration(c.getConfig('timeout'), `vault[${i}].timeout`, 5).seconds *
          1000
        : undefined,
      subkeys: c.getOptionalBoolean('subkeys'),
      placeholderDetection:
        c.getOptionalBoolean('placeholderDetection') ?? false,
      caData: c.getOptionalString('caData'),
      skipTLSVerify: c.getOptionalBoolean('skipTLSVerify'),
    };
  });
}

/** Engine options whose values are environment names. */
const ENV_LISTS = [
  'environments',
  'fixtureEnvironments',
  'productionEnvironments',
  'knownEnvironments',
] as const;
/** Engine options also accepted directly under `secrets.` (the original keys). */
const TOP_LEVEL = [
  'environments',
  'fixtureEnvironments',
  'productionEnvironments',
  'fixtureRelease',
] as const;

/**
 * `secrets.engine`: the engine's options as one object, checked by the
 * engine's own `parseEngineOptions` (the same check as the CLI's
 * `--config`, so an option the engine adds is settable with no backend
 * change), refused at start-up with every key that is wrong.
 */
function readEngine(config: Config | undefined): {
  engine: AnalyzeOptions;
  tree: ParsedEngineOptions['tree'];
} {
  const raw = config?.getOptional('engine') ?? {};
  const { options: engine, tree, errors } = parseEngineOptions(raw);
  if (errors.length)
    throw new InputError(
      describeEngineOptionProblems(errors, 'secrets.engine'),
    );
  for (const key of ENV_LISTS) {
    const list = engine[key];
    if (list) list.forEach(e => envName(e, `engine.${key}`));
  }
  const merged: Record<string, unknown> = { ...engine };
  for (const key of TOP_LEVEL) {
    if (!config?.has(key)) continue;
    if (merged[key] !== undefined)
      throw new InputError(
        `Invalid secrets.${key}: also set at secrets.engine.${key}; set one of them`,
      );
    merged[key] =
      key === 'fixtureRelease' ? config.getString(key) : envList(config, key);
  }
  return { engine: merged as AnalyzeOptions, tree };
}

/** Reads `secrets.*` (and the Kubernetes plugin's clusters); a bad value fails start-up with the key that is wrong. */
export function readSecretsConfig(
  root: Config,
  cwd = process.cwd(),
): SecretsConfig {
  const config = root.getOptionalConfig('secrets');
  let gitopsDir: string | undefined;
  const configured = config?.getOptionalString('gitops.dir');
  const gitopsUrl = config?.getOptionalString('gitops.url');
  if (gitopsUrl !== undefined) {
    if (configured !== undefined)
      throw new InputError(
        'Invalid secrets.gitops: set either dir or url, not both',
      );
    httpUrl(gitopsUrl, 'secrets.gitops.url');
  } else if (configured !== undefined) {
    gitopsDir = resolve(cwd, configured);
    if (!existsSync(gitopsDir)) {
      throw new InputError(
        `Invalid secrets.gitops.dir: directory ${configured} does not exist`,
      );
    }
  } else {
    gitopsDir = findUpwards(cwd, join('examples', 'gitops'));
  }
  const sourceUrl = config?.getOptionalString('gitops.sourceUrl');
  if (sourceUrl !== undefined && !/^https?:\/\//.test(sourceUrl)) {
    throw new InputError(
      'Invalid secrets.gitops.sourceUrl: it must be an http(s) URL',
    );
  }
  const snapshotClusters: SecretsConfig['snapshots']['clusters'] = (
    config?.getOptionalConfigArray('snapshots.clusters') ?? []
  ).map((c, i) => {
    const at = `secrets.snapshots.clusters[${i}]`;
    const files = c.getOptionalStringArray('files') ?? [c.getString('file')];
    const env = c.getOptionalString('environment');
    return {
      cluster: c.getString('name'),
      ...(env
        ? { environment: envName(env, `snapshots.clusters[${i}].environment`) }
        : {}),
      files: files.map(f => existingFile(cwd, f, `${at}.files`)),
    };
  });
  const snapshotVault = (
    config?.getOptionalConfigArray('snapshots.vault') ?? []
  ).map((c, i) => ({
    environment: envName(
      c.getString('environment'),
      `snapshots.vault[${i}].environment`,
    ),
    file: existingFile(
      cwd,
      c.getString('file'),
      `secrets.snapshots.vault[${i}].file`,
    ),
  }));
  // a snapshot cluster without an environment takes the one of secrets.clusters
  for (const c of config?.getOptionalConfigArray('clusters') ?? []) {
    const snap = snapshotClusters.find(x => x.cluster === c.getString('name'));
    if (snap && !snap.environment)
      snap.environment = envName(
        c.getString('environment'),
        'clusters[].environment',
      );
  }
  const vaults = readVaults(config);
  const dup = snapshotVault.find(s =>
    vaults.some(v => v.environment === s.environment),
  );
  if (dup)
    throw new InputError(
      `Invalid secrets.snapshots.vault: environment ${dup.environment} also has a live Vault`,
    );
  return {
    gitopsDir,
    gitopsUrl,
    sourceUrl: sourceUrl?.replace(/\/+$/, ''),
    environments: config ? envList(config, 'environments') : undefined,
    fixtureEnvironments: config
      ? envList(config, 'fixtureEnvironments')
      : undefined,
    productionEnvironments: config
      ? envList(config, 'productionEnvironments')
      : undefined,
    fixtureRelease: config?.getOptionalString('fixtureRelease'),
    ...readEngine(config),
    frequency: duration(
      config?.getOptionalConfig('schedule.frequency'),
      'schedule.frequency',
      300,
    ),
    timeout: duration(
      config?.getOptionalConfig('schedule.timeout'),
      'schedule.timeout',
      120,
    ),
    live: readLiveConfig(config),
    clusters: readClusters(
      root,
      config,
      new Set(snapshotClusters.map(s => s.cluster)),
    ),
    vaults,
    snapshots: { clusters: snapshotClusters, vault: snapshotVault },
    history: readHistory(config),
  };
}

/** `secrets.history`; a bad value stops start-up naming the key. */
function readHistory(config: Config | undefined): SecretsConfig['history'] {
  const at = 'secrets.history.retentionDays';
  let days: number | undefined;
  try {
    days = config?.getOptionalNumber('history.retentionDays');
  } catch {
    throw new InputError(`Invalid ${at}: expected a number of days`);
  }
  if (days === undefined) return { retentionDays: 90 };
  if (!Number.isInteger(days) || days < 1 || days > 3660)
    throw new InputError(`Invalid ${at}: expected 1 to 3660 days`);
  return { retentionDays: days };
}
