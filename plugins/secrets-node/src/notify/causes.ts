import {
  FINDING_TYPE_LABELS,
  type Finding,
  type Severity,
} from '@ameideio/plugin-secrets-common';

/**
 * Something an entity's owner is told about once: a new error-level
 * finding, a sync error or an overdue key. Built from findings only, whose
 * messages never carry a value. @public
 */
export interface NotificationCause {
  /** The finding's stable id: the same cause keeps it across refreshes. */
  id: string;
  entityRef: string;
  type: Finding['type'];
  severity: Severity;
  /** Notification severity, as the notifications plugin names them. */
  notificationSeverity: 'critical' | 'high' | 'normal' | 'low';
  title: string;
  description: string;
}

/** Options of {@link notificationCauses}. @public */
export interface NotificationCauseOptions {
  /** Environments where a cause is critical rather than high. Default `production`. */
  productionEnvironments?: readonly string[];
}

function severityOf(
  f: Finding,
  critical: boolean,
): NotificationCause['notificationSeverity'] {
  if (critical) return 'critical';
  return f.severity === 'error' ? 'high' : 'normal';
}

/** Whether a finding is worth a notification: errors, sync errors, overdue keys. */
function notifies(f: Finding): boolean {
  return (
    f.severity === 'error' ||
    f.type === 'sync-error' ||
    f.type === 'rotation-overdue'
  );
}

/**
 * The causes to notify an entity's owner of, one per finding, from the
 * findings the entity's Secrets tab shows. @public
 */
export function notificationCauses(
  entityRef: string,
  findings: readonly Finding[],
  options: NotificationCauseOptions = {},
): NotificationCause[] {
  const production = new Set(options.productionEnvironments ?? ['production']);
  const byId = new Map<string, NotificationCause>();
  for (const f of findings) {
    if (!notifies(f) || byId.has(f.id)) continue;
    const where = f.environment ? ` in ${f.environment}` : '';
    const critical =
      f.severity === 'error' &&
      f.environment !== undefined &&
      production.has(f.environment);
    byId.set(f.id, {
      id: f.id,
      entityRef,
      type: f.type,
      severity: f.severity,
      notificationSeverity: severityOf(f, critical),
      title: `${FINDING_TYPE_LABELS[f.type] ?? f.type}${where}: ${
        f.subject.name
      }`,
      description: f.message,
    });
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
