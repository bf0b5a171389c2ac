import {
  type AnalyzeOptions,
  describeEngineOptionProblems,
  type ParsedEngineOptions,
  parseEngineOptions,
} from '@ameideio/plugin-secrets-node';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Settings of the secrets scaffolder module, read once from `scaffolder.secrets`. @public */
export interface SecretsScaffolderConfig {
  /** Store of generated ExternalSecrets when the template names none. */
  defaultStore: { kind: 'SecretStore' | 'ClusterSecretStore'; name: string };
  /** Fixture-map files updated when the template names none. */
  fixtureFiles: string[];
  /** Production fixture overrides updated when the template names none. */
  productionFixtureFiles: string[];
  /** Writer declared for external keys in real environments. */
  externalWriter: string;
  /**
   * The engine's options (`secrets.engine`, the backend's): the fixture key
   * of the fixture map and the layout the ownership check reads. Default none.
   */
  engine?: AnalyzeOptions;
  /** Which files of the workspace are read (`secrets.engine.tree`). Default the engine's. */
  tree?: ParsedEngineOptions['tree'];
}

/** Defaults of {@link SecretsScaffolderConfig}, matching the demo GitOps layout. @public */
export const defaultSecretsScaffolderConfig: SecretsScaffolderConfig = {
  defaultStore: { kind: 'ClusterSecretStore', name: 'ameide-vault' },
  fixtureFiles: [
    'sources/values/_shared/foundation/foundation-vault-bootstrap.yaml',
  ],
  productionFixtureFiles: [],
  externalWriter: 'external-key-vault-sync',
};

const NAME =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Reads `scaffolder.secrets`; a bad value is rethrown as an InputError naming the key.
 * @public
 */
export function readSecretsScaffolderConfig(
  config: Config,
): SecretsScaffolderConfig {
  const at = 'scaffolder.secrets';
  const c = config.getOptionalConfig(at);
  const d = defaultSecretsScaffolderConfig;
  // the backend's engine options, with the backend's check
  const parsed = parseEngineOptions(config.getOptional('secrets.engine') ?? {});
  if (parsed.errors.length)
    throw new InputError(
      describeEngineOptionProblems(parsed.errors, 'secrets.engine'),
    );
  const engine = {
    ...(Object.keys(parsed.options).length ? { engine: parsed.options } : {}),
    ...(Object.keys(parsed.tree).length ? { tree: parsed.tree } : {}),
  };
  if (!c) return { ...d, ...engine };
  const read = <T>(key: string, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      throw new InputError(`Invalid ${at}.${key}: ${(e as Error).message}`);
    }
  };
  const store = read('defaultStore', () => {
    const s = c.getOptionalConfig('defaultStore');
    if (!s) return d.defaultStore;
    const kind = s.getString('kind');
    const name = s.getString('name');
    if (kind !== 'SecretStore' && kind !== 'ClusterSecretStore') {
      throw new Error('kind must be SecretStore or ClusterSecretStore');
    }
    if (!NAME.test(name))
      throw new Error(`name "${name}" is not a DNS-1123 subdomain`);
    return { kind, name } as SecretsScaffolderConfig['defaultStore'];
  });
  const paths = (key: 'fixtureFiles' | 'productionFixtureFiles') =>
    read(key, () => {
      const list = c.getOptionalStringArray(key) ?? d[key];
      for (const p of list) {
        if (p.startsWith('/') || p.split(/[\\/]/).includes('..')) {
          throw new Error(`"${p}" must be a path relative to the workspace`);
        }
      }
      return list;
    });
  const externalWriter = read('externalWriter', () => {
    const w = c.getOptionalString('externalWriter') ?? d.externalWriter;
    if (!/^[A-Za-z0-9_.:/-]+$/.test(w))
      throw new Error(`"${w}" is not a valid writer name`);
    return w;
  });
  return {
    defaultStore: store,
    fixtureFiles: paths('fixtureFiles'),
    productionFixtureFiles: paths('productionFixtureFiles'),
    externalWriter,
    ...engine,
  };
}

/**
 * Hosts of the GitLab integrations (`integrations.gitlab[].host`, default
 * gitlab.com), where the templates open a merge request instead of a pull
 * request.
 * @public
 */
export function readGitlabHosts(config: Config): string[] {
  return (config.getOptionalConfigArray('integrations.gitlab') ?? []).map(
    c => c.getOptionalString('host') ?? 'gitlab.com',
  );
}
