import type {
  AuthService,
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SecretsCore } from '../createSecretsCore';
import { chartEntities } from '../service/chartEntities';
import { openNotificationStateStore } from './NotificationStateStore';
import type { NotificationsConfig } from './notificationsConfig';
import { SecretsNotifier } from './SecretsNotifier';

/**
 * Evaluates notifications after every refresh (and every batch of watched
 * changes) on the replica that made it, at most once per
 * `minIntervalSeconds`; the state store keeps replicas from sending twice.
 */
export async function startNotifications(options: {
  config: NotificationsConfig;
  core: SecretsCore;
  database: DatabaseService;
  logger: LoggerService;
  auth: AuthService;
  catalog: CatalogService;
  notifications: NotificationService;
  productionEnvironments?: string[];
}): Promise<void> {
  const { config, core, logger, auth, catalog } = options;
  if (!config.enabled) return;
  const store = await openNotificationStateStore({
    database: options.database,
  });
  const notifier = new SecretsNotifier(
    store,
    { send: m => options.notifications.send(m) },
    logger.child({ task: 'secrets-notifications' }),
    {
      quietHours: config.quietHours,
      excludeEntities: config.excludeEntities,
      productionEnvironments: options.productionEnvironments,
    },
  );
  let running = false;
  let last = 0;
  let again: NodeJS.Timeout | undefined;
  const evaluate = async () => {
    if (running) return;
    const wait = last + config.minIntervalSeconds * 1000 - Date.now();
    if (wait > 0) {
      again ??= setTimeout(() => {
        again = undefined;
        void evaluate();
      }, wait);
      again.unref?.();
      return;
    }
    running = true;
    last = Date.now();
    try {
      const items = await chartEntities(
        catalog,
        await auth.getOwnServiceCredentials(),
      );
      await notifier.run(items, e => core.service.entity(e).findings);
    } catch (e) {
      logger.warn(
        `Secrets notifications were not evaluated: ${(e as Error).name}`,
      );
    } finally {
      running = false;
    }
  };
  core.refresher.onRefreshed(() => {
    void evaluate();
  });
}
