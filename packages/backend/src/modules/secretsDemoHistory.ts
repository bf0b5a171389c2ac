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
        /** Whether the catalog has loaded the demo's entities. */
        const catalogReady = async () => {
          const { items } = await catalog.getEntities(
            {
              filter: {
                'metadata.annotations.ameide.io/chart': CATALOG_FILTER_EXISTS,
              },
              fields: ['metadata.name'],
              limit: 1,
            },
            { credentials: await auth.getOwnServiceCredentials() },
          );
          return items.length > 0;
        };
        await scheduler.scheduleTask({
          id: 'secrets:demo-history',
          frequency: { seconds: 5 },
          timeout: { seconds: 60 },
          scope: 'local',
          fn: async () => {
            if (done) return;
            const runs = await store.runs();
            const first = runs.find(r => r.totals.entities > 0);
            if (!first) {
              // the start-up refresh ran before the catalog was loaded: refresh once it is
              if (await catalogReady())
                await scheduler.triggerTask('secrets:refresh').catch(() => {});
              return;
            }
            done = true;
            // a store that already has a past is left alone
            if (
              runs.some(r => Date.parse(r.at) < Date.parse(first.at) - DAY_MS)
            )
              return;
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
