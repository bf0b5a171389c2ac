import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

const configKey = 'search.collators.secrets';

/** The collator's settings, read once from `search.collators.secrets`. @public */
export interface SecretsCollatorConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  locationTemplate: string;
}

/** @public */
export const defaultSecretsCollatorConfig: SecretsCollatorConfig = {
  schedule: {
    frequency: { minutes: 10 },
    timeout: { minutes: 15 },
    initialDelay: { seconds: 3 },
  },
  locationTemplate: '/catalog/:namespace/:kind/:name/secrets',
};

/**
 * Reads `search.collators.secrets`; a bad value throws
 * `InputError('Invalid … at search.collators.secrets…')`. @public
 */
export function readSecretsCollatorConfig(root: Config): SecretsCollatorConfig {
  const config = root.getOptionalConfig(configKey);
  if (!config) return defaultSecretsCollatorConfig;
  let schedule = defaultSecretsCollatorConfig.schedule;
  const scheduleConfig = config.getOptionalConfig('schedule');
  if (scheduleConfig) {
    try {
      schedule =
        readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig);
    } catch (error) {
      throw new InputError(
        `Invalid schedule at ${configKey}.schedule, ${error}`,
      );
    }
  }
  let locationTemplate = defaultSecretsCollatorConfig.locationTemplate;
  try {
    locationTemplate =
      config.getOptionalString('locationTemplate') ?? locationTemplate;
  } catch (error) {
    throw new InputError(
      `Invalid locationTemplate at ${configKey}.locationTemplate, ${error}`,
    );
  }
  if (!locationTemplate.includes(':name'))
    throw new InputError(
      `Invalid locationTemplate at ${configKey}.locationTemplate: it must contain :name`,
    );
  return { schedule, locationTemplate };
}
