/*
 * Demo only: seeds 60 days of history behind the first recorded refresh, so
 * the trend charts of a fresh demo portal have something to show. A real
 * portal starts its history at its first refresh.
 */
import { DatabaseHistoryStore } from '@ameideio/plugin-secrets-backend';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { demoHistory } from './demoHistory';

const DAYS = 60;

export default createBackendModule({
  pluginId: 'secrets',
  moduleId: 'demo-history',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
      },
      async init({ database, scheduler, logger }) {
        const store = await DatabaseHistoryStore.create({ database });
        let done = false;
        await scheduler.scheduleTask({
          id: 'secrets:demo-history',
          frequency: { seconds: 5 },
          timeout: { seconds: 60 },
          scope: 'local',
          fn: async () => {
            if (done) return;
            const runs = await store.runs();
            // wait for the first refresh; a store with a past is left alone
            if (runs.length === 0) return;
            done = true;
            if (runs.length > 1) return;
            const [first] = runs;
            const rows = (await store.rows([first.id])).get(first.id) ?? [];
            const past = demoHistory(
              { at: first.at, rows, totals: first.totals },
              DAYS,
            );
            for (const snapshot of past)
              await store.record(snapshot, { backfill: true });
            logger.info(`Demo: seeded ${past.length} days of history`);
          },
        });
      },
    });
  },
});
