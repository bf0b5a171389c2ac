/** Hours when no notification is sent; causes found then are sent once they end. @public */
export interface QuietHours {
  /** `HH:MM`, 24-hour clock. */
  start: string;
  /** `HH:MM`; before `start` means the quiet hours cross midnight. */
  end: string;
  /** IANA time zone. Default `UTC`. */
  timeZone?: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of `HH:MM`; throws on another form. @public */
export function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new Error(`"${hhmm}" is not a time of day (HH:MM)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Whether `now` falls in the quiet hours (start inclusive, end exclusive). @public */
export function inQuietHours(
  now: Date,
  quiet: QuietHours | undefined,
): boolean {
  if (!quiet) return false;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: quiet.timeZone ?? 'UTC',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const hour = Number(parts.find(p => p.type === 'hour')?.value);
  const minute = Number(parts.find(p => p.type === 'minute')?.value);
  const t = hour * 60 + minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? t >= start && t < end : t >= start || t < end;
}
