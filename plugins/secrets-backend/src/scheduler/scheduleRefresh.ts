import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { SecretsCore } from '../createSecretsCore';
import type { LiveConfig } from '../liveConfig';
import type { LiveSource } from '../sources/types';
import { LiveWatcher } from './LiveWatcher';

/** The id of the global refresh task, for `triggerTask`. */
export const REFRESH_TASK_ID = 'secrets:refresh';

/**
 * Schedules the refresh once across replicas, the watches and probes once
 * across replicas, and the load of the stored snapshots on every replica.
 */
export async function scheduleRefresh(
  scheduler: SchedulerService,
  core: SecretsCore,
  options: {
    frequency: { seconds: number };
    timeout: { seconds: number };
    live: LiveConfig;
    sources: readonly LiveSource[];
    logger: LoggerService;
  },
): Promise<void> {
  // one runner across replicas reads the sources and stores snapshots ...
  await scheduler.scheduleTask({
    id: REFRESH_TASK_ID,
    frequency: options.frequency,
    timeout: options.timeout,
    scope: 'global',
    // the scheduler aborts the signal at the timeout: every read still running stops
    fn: async signal => {
      await core.refresher.refresh({ signal });
    },
  });
  const watcher = new LiveWatcher(
    core.refresher,
    options.live.watch
      ? options.sources
      : options.sources.filter(s => s.kind === 'vault'),
    options.logger,
    { probeIntervalMs: options.live.probeSeconds * 1000 },
  );
  if (watcher.active) {
    // ... one replica at a time holds the watches for a lease, then hands
    // them on (a replica that dies loses them when its lease runs out)
    const leaseMs = options.live.leaseSeconds * 1000;
    await scheduler.scheduleTask({
      id: 'secrets:watch',
      frequency: { seconds: 5 },
      // after the first refresh has started; a task that runs for its whole
      // lease must not hold a start-up that waits for the first runs
      initialDelay: { seconds: 5 },
      timeout: { milliseconds: leaseMs + 10_000 },
      scope: 'global',
      fn: async signal => {
        const lease = AbortSignal.any([signal, AbortSignal.timeout(leaseMs)]);
        await watcher.run(lease);
      },
    });
  }
  // ... and every instance serves the latest stored snapshots
  const loadSeconds = watcher.active
    ? options.live.followSeconds
    : Math.max(5, Math.min(60, Math.round(options.frequency.seconds / 5)));
  await scheduler.scheduleTask({
    id: 'secrets:load',
    frequency: { seconds: loadSeconds },
    timeout: { seconds: 30 },
    scope: 'local',
    fn: async () => {
      await core.service.loadFromStore();
    },
  });
}
