import { inQuietHours, minutesOf } from './quietHours';

describe('inQuietHours', () => {
  const at = (iso: string) => new Date(iso);

  it('handles quiet hours across midnight, in a time zone', () => {
    const q = { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' };
    // 21:30 UTC is 22:30 in Berlin in winter
    expect(inQuietHours(at('2026-12-03T21:30:00Z'), q)).toBe(true);
    expect(inQuietHours(at('2026-12-03T05:59:00Z'), q)).toBe(true);
    expect(inQuietHours(at('2026-12-03T06:00:00Z'), q)).toBe(false);
    expect(inQuietHours(at('2026-12-03T12:00:00Z'), q)).toBe(false);
  });

  it('handles quiet hours within a day, and none', () => {
    const q = { start: '12:00', end: '13:00' };
    expect(inQuietHours(at('2026-12-03T12:30:00Z'), q)).toBe(true);
    expect(inQuietHours(at('2026-12-03T13:00:00Z'), q)).toBe(false);
    expect(inQuietHours(at('2026-12-03T12:30:00Z'), undefined)).toBe(false);
  });

  it('rejects a time that is not HH:MM', () => {
    expect(() => minutesOf('7am')).toThrow(
      '"7am" is not a time of day (HH:MM)',
    );
    expect(() => minutesOf('24:00')).toThrow();
  });
});
