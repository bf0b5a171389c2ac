import { minutesOf, type QuietHours } from '@ameideio/plugin-secrets-node';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** `secrets.notifications`: off unless enabled. */
export interface NotificationsConfig {
  enabled: boolean;
  quietHours?: QuietHours;
  excludeEntities: string[];
  /** Least seconds between two evaluations (a watch may change state often). */
  minIntervalSeconds: number;
}

/** Reads `secrets.notifications`, rejecting a bad value with its key. */
export function readNotificationsConfig(root: Config): NotificationsConfig {
  const c = root.getOptionalConfig('secrets.notifications');
  const enabled = c?.getOptionalBoolean('enabled') ?? false;
  let quietHours: QuietHours | undefined;
  const q = c?.getOptionalConfig('quietHours');
  if (q) {
    quietHours = {
      start: q.getString('start'),
      end: q.getString('end'),
      timeZone: q.getOptionalString('timeZone') ?? 'UTC',
    };
    for (const key of ['start', 'end'] as const) {
      try {
        minutesOf(quietHours[key]);
      } catch {
        throw new InputError(
          `Invalid secrets.notifications.quietHours.${key}: expected HH:MM`,
        );
      }
    }
    try {
      Intl.DateTimeFormat('en-GB', { timeZone: quietHours.timeZone });
    } catch {
      throw new InputError(
        `Invalid secrets.notifications.quietHours.timeZone: ${quietHours.timeZone} is not an IANA time zone`,
      );
    }
  }
  const minIntervalSeconds = c?.getOptionalNumber('minIntervalSeconds') ?? 30;
  if (!(minIntervalSeconds >= 0))
    throw new InputError(
      'Invalid secrets.notifications.minIntervalSeconds: expected a number of seconds',
    );
  return {
    enabled,
    ...(quietHours ? { quietHours } : {}),
    excludeEntities: c?.getOptionalStringArray('excludeEntities') ?? [],
    minIntervalSeconds,
  };
}
