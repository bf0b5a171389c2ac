import type { Knex } from 'knex';
import { type DatabaseStoreOptions, migratedClient } from '../database/migrate';

const TABLE = 'secrets_notification_state';

interface Row {
  entity_ref: string;
  cause_id: string;
  title: string;
  opened_at: number | string;
  notified_at: number | string | null;
  resolved_at: number | string | null;
}

/** One cause as stored. */
export interface CauseState {
  entityRef: string;
  causeId: string;
  title: string;
  notified: boolean;
  resolved: boolean;
}

/**
 * Which causes were seen, notified and resolved, shared by every replica.
 * A send is claimed with a conditional update, so of two replicas that see
 * the same new cause exactly one sends.
 */
export interface NotificationStateStore {
  /** Records causes seen now; one seen again after it resolved opens again, to be notified anew. */
  open(
    entityRef: string,
    causes: ReadonlyArray<{ id: string; title: string }>,
    now: number,
  ): Promise<void>;
  /** Claims the send of a cause: true for exactly one caller per opening. */
  claimSend(entityRef: string, causeId: string, now: number): Promise<boolean>;
  /** Claims the resolution of an open cause no longer present: true for exactly one caller. */
  claimResolve(
    entityRef: string,
    causeId: string,
    now: number,
  ): Promise<boolean>;
  /** The open causes of these entities. */
  openCauses(entityRefs: readonly string[]): Promise<CauseState[]>;
}

class DatabaseNotificationStateStore implements NotificationStateStore {
  constructor(private readonly db: Knex) {}

  async open(
    entityRef: string,
    causes: ReadonlyArray<{ id: string; title: string }>,
    now: number,
  ) {
    for (let i = 0; i < causes.length; i += 200) {
      const batch = causes.slice(i, i + 200);
      const chunk = batch.map(c => c.id);
      await this.db<Row>(TABLE)
        .insert(
          batch.map(c => ({
            entity_ref: entityRef,
            cause_id: c.id,
            title: c.title.slice(0, 512),
            opened_at: now,
            notified_at: null,
            resolved_at: null,
          })),
        )
        .onConflict(['entity_ref', 'cause_id'])
        .ignore();
      // back after it resolved: a new opening, to be notified again
      await this.db<Row>(TABLE)
        .where({ entity_ref: entityRef })
        .whereIn('cause_id', chunk)
        .whereNotNull('resolved_at')
        .update({ opened_at: now, notified_at: null, resolved_at: null });
    }
  }

  async claimSend(entityRef: string, causeId: string, now: number) {
    const n = await this.db<Row>(TABLE)
      .where({ entity_ref: entityRef, cause_id: causeId })
      .whereNull('notified_at')
      .whereNull('resolved_at')
      .update({ notified_at: now });
    return n === 1;
  }

  async claimResolve(entityRef: string, causeId: string, now: number) {
    const n = await this.db<Row>(TABLE)
      .where({ entity_ref: entityRef, cause_id: causeId })
      .whereNull('resolved_at')
      .update({ resolved_at: now });
    return n === 1;
  }

  async openCauses(entityRefs: readonly string[]): Promise<CauseState[]> {
    const out: CauseState[] = [];
    for (let i = 0; i < entityRefs.length; i += 500) {
      const rows = await this.db<Row>(TABLE)
        .whereIn('entity_ref', entityRefs.slice(i, i + 500))
        .whereNull('resolved_at')
        .select('*');
      for (const r of rows)
        out.push({
          entityRef: r.entity_ref,
          causeId: r.cause_id,
          title: r.title,
          notified: r.notified_at !== null,
          resolved: false,
        });
    }
    return out;
  }
}

/** A {@link NotificationStateStore} on the plugin database (SQLite, PostgreSQL), migrated. */
export async function openNotificationStateStore(
  options: DatabaseStoreOptions,
): Promise<NotificationStateStore> {
  return new DatabaseNotificationStateStore(await migratedClient(options));
}
