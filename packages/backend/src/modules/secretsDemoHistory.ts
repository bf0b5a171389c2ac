/*
 * Demo only: seeds 60 days of history behind the first complete recorded refresh, so
 * the trend charts of a fresh demo portal have something to show. A real
 * portal starts its history at its first refresh.
 */
import { DatabaseHistoryStore } from '@ameideio/plugin-secrets-backend';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { demoHistory } from './demoHistory';

const DAYS = 60;
const DAY_MS = 24 * 60 * 60 * 1000;

export default createBackendModule({
  pluginId: 'secrets',
  moduleId: 'demo-history',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ database, scheduler, logger, auth, catalog }) {
        const store = await DatabaseHistoryStore.create({ database });
        let done = false;
        let lastCount = -1;
        /** How many entities with secrets the catalog has now. */
        const catalogCount = async () => {
          const { items } = await catalog.getEntities(
            {
              filter: {
                'metadata.annotations.ameide.io/chart': CATALOG_FILTER_EXISTS,
              },
              fields: ['metadata.name'],
            },
            { credentials: await auth.getOwnServiceCredentials() },
          );
          return items.length;
        };
        await scheduler.scheduleTask({
          id: 'secrets:demo-history',
          frequency: { seconds: 5 },
          timeout: { seconds: 60 },
          scope: 'local',
          fn: async () => {
            if (done) return;
            // wait until the catalog has loaded every entity (the same count twice in a row)
            const count = await catalogCount();
            const stable = count > 0 && count === lastCount;
            lastCount = count;
            if (!stable) return;
            const runs = await store.runs();
            const latest = runs[runs.length - 1];
            if (!latest || latest.totals.entities < count) {
              // the start-up refresh ran before the catalog was loaded: refresh now
              await scheduler.triggerTask('secrets:refresh').catch(() => {});
              return;
            }
            done = true;
            // a store that already has a past is left alone
            if (
              runs.some(r => Date.parse(r.at) < Date.parse(latest.at) - DAY_MS)
            )
              return;
            const rows = (await store.rows([latest.id])).get(latest.id) ?? [];
            const past = demoHistory(
              { at: latest.at, rows, totals: latest.totals },
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
