/*
 * Readers of single configuration values: durations, environment names,
 * URLs and files, each rejecting a bad value with the key it is at.
 */
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** `relative` in `start` or the nearest of its ancestors (at most 6 levels up). */
export function findUpwards(
  start: string,
  relative: string,
): string | undefined {
  let dir = resolve(start);
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

export function duration(
  c: Config | undefined,
  key: string,
  fallbackSeconds: number,
): { seconds: number } {
  if (!c) return { seconds: fallbackSeconds };
  const seconds =
    (c.getOptionalNumber('hours') ?? 0) * 3600 +
    (c.getOptionalNumber('minutes') ?? 0) * 60 +
    (c.getOptionalNumber('seconds') ?? 0);
  if (!(seconds > 0)) {
    throw new InputError(
      `Invalid duration at secrets.${key}: it must be greater than zero`,
    );
  }
  return { seconds };
}

const ENV = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function envName(v: string, at: string): string {
  if (!ENV.test(v)) {
    throw new InputError(
      `Invalid environment "${v}" at secrets.${at}: use lower-case DNS-1123 labels`,
    );
  }
  return v;
}

export function envList(config: Config, key: string): string[] | undefined {
  const list = config.getOptionalStringArray(key);
  return list?.map(e => envName(e, key));
}

export function httpUrl(v: string, at: string): string {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new InputError(`Invalid URL at ${at}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new InputError(`Invalid URL at ${at}: it must be http(s)`);
  return v.replace(/\/+$/, '');
}

/**
 * Resolves a file against the working directory; a relative path written
 * for `packages/backend` (`../../examples/...`) is also found when the
 * backend runs from another directory of the repository.
 */
export function existingFile(cwd: string, file: string, at: string): string {
  const first = resolve(cwd, file);
  if (existsSync(first)) return first;
  const found = isAbsolute(file)
    ? undefined
    : findUpwards(cwd, file.replace(/^(\.\.?\/)+/, ''));
  if (!found)
    throw new InputError(`Invalid ${at}: file ${file} does not exist`);
  return found;
}
