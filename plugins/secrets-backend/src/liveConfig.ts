import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** `secrets.live`: watches and probes between full refreshes. */
export interface LiveConfig {
  watch: boolean;
  probeSeconds: number;
  leaseSeconds: number;
  followSeconds: number;
}

function seconds(
  c: Config | undefined,
  key: string,
  fallback: number,
  min: number,
): number {
  const v = c?.getOptionalNumber(key) ?? fallback;
  if (!Number.isFinite(v) || v < min)
    throw new InputError(
      `Invalid secrets.live.${key}: it must be a number of seconds, at least ${min}`,
    );
  return v;
}

/** Reads `secrets.live`, rejecting a bad value with the key it is at. */
export function readLiveConfig(config: Config | undefined): LiveConfig {
  const c = config?.getOptionalConfig('live');
  const live = {
    watch: c?.getOptionalBoolean('watch') ?? true,
    probeSeconds: seconds(c, 'probeSeconds', 3, 1),
    leaseSeconds: seconds(c, 'leaseSeconds', 120, 15),
    followSeconds: seconds(c, 'followSeconds', 2, 1),
  };
  return live;
}
