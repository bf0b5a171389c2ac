import type { SchedulerService } from '@backstage/backend-plugin-api';
import type { SecretsCore } from '../createSecretsCore';

/** The id of the global refresh task, for `triggerTask`. */
export const REFRESH_TASK_ID = 'secrets:refresh';

/**
 * Schedules the refresh once across replicas and the load of its stored
 * snapshots on every replica.
 */
export async function scheduleRefresh(
  scheduler: SchedulerService,
  core: SecretsCore,
  schedule: {
    frequency: { seconds: number };
    timeout: { seconds: number };
  },
): Promise<void> {
  // one runner across replicas reads the sources and stores snapshots ...
  await scheduler.scheduleTask({
    id: REFRESH_TASK_ID,
    frequency: schedule.frequency,
    timeout: schedule.timeout,
    scope: 'global',
    // the scheduler aborts the signal at the timeout: every read still running stops
    fn: async signal => {
      await core.refresher.refresh({ signal });
    },
  });
  // ... and every instance serves the latest stored snapshots
  await scheduler.scheduleTask({
    id: 'secrets:load',
    frequency: {
      seconds: Math.max(
        5,
        Math.min(60, Math.round(schedule.frequency.seconds / 5)),
      ),
    },
    timeout: { seconds: 30 },
    scope: 'local',
    fn: async () => {
      await core.service.loadFromStore();
    },
  });
}
