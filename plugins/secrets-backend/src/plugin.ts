import { secretsPermissions } from '@ameideio/plugin-secrets-common';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { readNotificationsConfig } from './notifications/notificationsConfig';
import { startNotifications } from './notifications/startNotifications';
import {
  type DetectorRegistration,
  externalSyncWriterOf,
  type GitOpsSourceFactory,
  type LiveSource,
  type ProducerRule,
  secretsAnalysisExtensionPoint,
  secretsSourcesExtensionPoint,
} from '@ameideio/plugin-secrets-node';
import { registerSecretsActions } from './actions';
import { readSecretsConfig } from './config';
import { DatabaseSnapshotStore } from './database/SnapshotStore';
import { DatabaseHistoryStore } from './database/HistoryStore';
import { HistoryRecorder } from './history/HistoryRecorder';
import { HistoryService } from './history/HistoryService';
import type { Entity } from '@backstage/catalog-model';
import { CatalogLookupCache } from './service/entityLookup';
import { createRouter } from './service/router';
import { gitOpsAnalysisFor } from './scheduler/GitOpsAnalysis';
import { createSecretsCore } from './createSecretsCore';
import { REFRESH_TASK_ID, scheduleRefresh } from './scheduler/scheduleRefresh';
import { createSources } from './sources/createSources';

/**
 * The secrets backend plugin: joins the GitOps analysis with live cluster
 * and Vault state and serves it per entity and platform-wide at /api/secrets.
 * @public
 */
export const secretsPlugin = createBackendPlugin({
  pluginId: 'secrets',
  register(env) {
    // seams for backend modules: extra sources, another GitOps source, detectors, operators
    const liveSources: LiveSource[] = [];
    let gitopsFactory: GitOpsSourceFactory | undefined;
    const detectors: DetectorRegistration[] = [];
    const producers: ProducerRule[] = [];
    env.registerExtensionPoint(secretsSourcesExtensionPoint, {
      addLiveSource(...sources) {
        liveSources.push(...sources);
      },
      setGitOpsSource(factory) {
        if (gitopsFactory)
          throw new Error(
            'secrets: the GitOps source was already replaced by another module',
          );
        gitopsFactory = factory;
      },
    });
    env.registerExtensionPoint(secretsAnalysisExtensionPoint, {
      addDetector(...d) {
        detectors.push(...d);
      },
      addProducerRules(...rules) {
        producers.push(...rules);
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        auditor: coreServices.auditor,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        auth: coreServices.auth,
        notifications: notificationService,
      },
      async init({
        config,
        logger,
        database,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        scheduler,
        auditor,
        urlReader,
        catalog,
        actionsRegistry,
        auth,
        notifications,
      }) {
        const cfg = readSecretsConfig(config);
        const created = createSources(cfg, { urlReader });
        const gitops = gitopsFactory
          ? gitopsFactory({ getDefault: () => created.gitops })
          : created.gitops;
        const sources = [...created.sources, ...liveSources];
        const ids = new Set<string>();
        for (const s of sources) {
          if (ids.has(s.id))
            throw new Error(`secrets: two sources have the id "${s.id}"`);
          ids.add(s.id);
        }
        if (!gitops)
          logger.warn(
            'No GitOps repository: set secrets.gitops.dir or secrets.gitops.url',
          );
        const store = await DatabaseSnapshotStore.create({ database });
        const core = createSecretsCore({
          gitops,
          analysis: gitOpsAnalysisFor(cfg.engine, { detectors, producers }),
          sources,
          store,
          logger,
          sourceUrl: cfg.sourceUrl,
          fixtureEnvironments: cfg.fixtureEnvironments,
          productionEnvironments: cfg.productionEnvironments,
          placeholderDetection: cfg.vaults.some(v => v.placeholderDetection),
          ...(cfg.engine.rotation ? { rotation: cfg.engine.rotation } : {}),
          externalSyncWriter: externalSyncWriterOf(cfg.engine),
        });
        permissionsRegistry.addPermissions(secretsPermissions);
        const historyStore = await DatabaseHistoryStore.create({ database });
        // after each refresh (in the global refresh task: one recorder across replicas)
        const recorder = HistoryRecorder.create({
          store: historyStore,
          service: core.service,
          catalog,
          auth,
          logger: logger.child({ task: 'history' }),
          retentionDays: cfg.history.retentionDays,
          // full refreshes, not every batch of the live watches
          minIntervalMs: cfg.frequency.seconds * 900,
        });
        core.refresher.onRefreshed(async () => {
          await recorder.record();
        });
        // tools for AI assistants (the MCP actions backend exposes them)
        registerSecretsActions(actionsRegistry, {
          service: core.service,
          permissions,
          catalog,
        });
        // owners hear of new errors, sync errors and overdue keys (opt-in)
        await startNotifications({
          config: readNotificationsConfig(config),
          core,
          database,
          logger,
          auth,
          catalog,
          notifications,
          productionEnvironments: cfg.productionEnvironments,
        });
        await scheduleRefresh(scheduler, core, {
          ...cfg,
          sources,
          logger,
        });
        const catalogCacheMs =
          (config.getOptionalNumber('secrets.catalogCacheSeconds') ?? 10) *
          1000;
        httpRouter.use(
          await createRouter({
            service: core.service,
            httpAuth,
            permissions,
            catalog,
            auditor,
            refresh: () => scheduler.triggerTask(REFRESH_TASK_ID),
            history: HistoryService.create({ store: historyStore }),
            catalogLookups: new CatalogLookupCache({ ttlMs: catalogCacheMs }),
            catalogLists: new CatalogLookupCache<Entity[]>({
              ttlMs: catalogCacheMs,
              maxEntries: 256,
            }),
          }),
        );
      },
    });
  },
});
