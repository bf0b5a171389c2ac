export { notificationCauses } from './causes';
export type { NotificationCause, NotificationCauseOptions } from './causes';
export { inQuietHours, minutesOf } from './quietHours';
export type { QuietHours } from './quietHours';
