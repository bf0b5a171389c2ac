import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The plugin's configuration, read once. */
export interface SecretsConfig {
  gitopsDir?: string;
  sourceUrl?: string;
  environments?: string[];
  fixtureEnvironments?: string[];
  productionEnvironments?: string[];
  fixtureRelease?: string;
  frequency: { seconds: number };
  timeout: { seconds: number };
}

function findDemoRepo(start: string): string | undefined {
  let dir = resolve(start);
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'examples', 'gitops');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

function duration(c: Config | undefined, key: string, fallbackSeconds: number): { seconds: number } {
  if (!c) return { seconds: fallbackSeconds };
  const seconds =
    (c.getOptionalNumber('hours') ?? 0) * 3600 +
    (c.getOptionalNumber('minutes') ?? 0) * 60 +
    (c.getOptionalNumber('seconds') ?? 0);
  if (!(seconds > 0)) {
    throw new InputError(`Invalid duration at secrets.schedule.${key}: it must be greater than zero`);
  }
  return { seconds };
}

function envList(config: Config, key: string): string[] | undefined {
  const list = config.getOptionalStringArray(key);
  if (!list) return undefined;
  const bad = list.find(e => !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(e));
  if (bad !== undefined) {
    throw new InputError(`Invalid environment "${bad}" at secrets.${key}: use lower-case DNS-1123 labels`);
  }
  return list;
}

/** Reads `secrets.*`; a bad value fails start-up with the key that is wrong. */
export function readSecretsConfig(root: Config, cwd = process.cwd()): SecretsConfig {
  const config = root.getOptionalConfig('secrets');
  let gitopsDir: string | undefined;
  const configured = config?.getOptionalString('gitops.dir');
  if (configured !== undefined) {
    gitopsDir = resolve(cwd, configured);
    if (!existsSync(gitopsDir)) {
      throw new InputError(`Invalid secrets.gitops.dir: directory ${configured} does not exist`);
    }
  } else {
    gitopsDir = findDemoRepo(cwd);
  }
  const sourceUrl = config?.getOptionalString('gitops.sourceUrl');
  if (sourceUrl !== undefined && !/^https?:\/\//.test(sourceUrl)) {
    throw new InputError('Invalid secrets.gitops.sourceUrl: it must be an http(s) URL');
  }
  return {
    gitopsDir,
    sourceUrl: sourceUrl?.replace(/\/+$/, ''),
    environments: config ? envList(config, 'environments') : undefined,
    fixtureEnvironments: config ? envList(config, 'fixtureEnvironments') : undefined,
    productionEnvironments: config ? envList(config, 'productionEnvironments') : undefined,
    fixtureRelease: config?.getOptionalString('fixtureRelease'),
    frequency: duration(config?.getOptionalConfig('schedule.frequency'), 'frequency', 300),
    timeout: duration(config?.getOptionalConfig('schedule.timeout'), 'timeout', 120),
  };
}
