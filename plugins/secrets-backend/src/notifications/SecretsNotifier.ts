import type { Finding } from '@ameideio/plugin-secrets-common';
import {
  inQuietHours,
  notificationCauses,
  type NotificationCause,
  type QuietHours,
} from '@ameideio/plugin-secrets-node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { NotificationStateStore } from './NotificationStateStore';

/** What the notifier sends: the notifications service's `send` payload. */
export interface NotificationMessage {
  recipients: { type: 'entity'; entityRef: string };
  payload: {
    title: string;
    description: string;
    link: string;
    severity: 'critical' | 'high' | 'normal' | 'low';
    topic: string;
    scope: string;
  };
}

/** The notifications service, as far as the notifier uses it. */
export interface NotificationSender {
  send(message: NotificationMessage): Promise<void>;
}

/** `secrets.notifications`. */
export interface NotifierOptions {
  quietHours?: QuietHours;
  /** Entity refs never notified (opt-out). */
  excludeEntities?: readonly string[];
  /** Environments whose errors are critical. */
  productionEnvironments?: readonly string[];
  /** The Secrets tab of an entity, relative to the app. */
  link?: (entity: Entity) => string;
}

/** The annotation by which an entity opts out of notifications. */
export const NOTIFICATIONS_OPT_OUT_ANNOTATION =
  'ameide.io/secrets-notifications';

const defaultLink = (e: Entity) =>
  `/catalog/${e.metadata.namespace ?? 'default'}/${e.kind.toLocaleLowerCase(
    'en-US',
  )}/${e.metadata.name}/secrets`;

/**
 * Tells an entity's owners when a new error-level finding, sync error or
 * overdue key appears, once per entity and cause across refreshes and
 * replicas, and again when the cause goes. The shared state store decides
 * which replica sends. In quiet hours nothing is sent; what was found then
 * is sent at the first run after.
 */
export class SecretsNotifier {
  constructor(
    private readonly store: NotificationStateStore,
    private readonly sender: NotificationSender,
    private readonly logger: LoggerService,
    private readonly options: NotifierOptions = {},
  ) {}

  /** Evaluates the entities' findings now; returns the notifications sent. */
  async run(
    entities: readonly Entity[],
    findingsOf: (entity: Entity) => readonly Finding[],
    now = new Date(),
  ): Promise<{ sent: number; resolved: number }> {
    const quiet = inQuietHours(now, this.options.quietHours);
    const excluded = new Set(this.options.excludeEntities ?? []);
    const t = now.getTime();
    const considered: Entity[] = [];
    const current = new Map<string, NotificationCause[]>();
    for (const entity of entities) {
      const ref = stringifyEntityRef(entity);
      const optOut =
        entity.metadata.annotations?.[NOTIFICATIONS_OPT_OUT_ANNOTATION] ===
        'disabled';
      if (excluded.has(ref) || optOut) continue;
      considered.push(entity);
      const causes = notificationCauses(ref, findingsOf(entity), {
        productionEnvironments: this.options.productionEnvironments,
      });
      current.set(ref, causes);
      await this.store.open(ref, causes, t);
    }
    let sent = 0;
    let resolved = 0;
    const open = await this.store.openCauses([...current.keys()]);
    const byRef = new Map(considered.map(e => [stringifyEntityRef(e), e]));
    for (const state of open) {
      const entity = byRef.get(state.entityRef)!;
      const cause = current
        .get(state.entityRef)
        ?.find(c => c.id === state.causeId);
      if (!cause) {
        // gone: resolve it; tell the owners only if they were told it began
        if (
          (await this.store.claimResolve(state.entityRef, state.causeId, t)) &&
          state.notified &&
          !quiet
        ) {
          await this.send(entity, state.causeId, {
            title: `Resolved: ${state.title}`,
            description: 'The cause of this notification is gone.',
            severity: 'low',
          });
          resolved++;
        }
        continue;
      }
      if (state.notified || quiet) continue;
      if (await this.store.claimSend(state.entityRef, cause.id, t)) {
        await this.send(entity, cause.id, {
          title: cause.title,
          description: cause.description,
          severity: cause.notificationSeverity,
        });
        sent++;
      }
    }
    if (sent || resolved)
      this.logger.info(
        `Secrets notifications: ${sent} sent, ${resolved} resolved`,
      );
    return { sent, resolved };
  }

  private async send(
    entity: Entity,
    causeId: string,
    p: Pick<
      NotificationMessage['payload'],
      'title' | 'description' | 'severity'
    >,
  ) {
    const ref = stringifyEntityRef(entity);
    try {
      await this.sender.send({
        recipients: { type: 'entity', entityRef: ref },
        payload: {
          ...p,
          link: (this.options.link ?? defaultLink)(entity),
          topic: 'secrets',
          // the same scope updates the owner's notification of this cause
          scope: `secrets:${ref}:${causeId}`,
        },
      });
    } catch (e) {
      this.logger.warn(
        `Could not send the secrets notification for ${ref}: ${
          (e as Error).name
        }`,
      );
    }
  }
}
