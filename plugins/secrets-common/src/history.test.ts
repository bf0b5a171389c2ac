import { parseHistoryQuery } from './history';

describe('parseHistoryQuery', () => {
  it('defaults to 30 days and no since', () => {
    expect(parseHistoryQuery({})).toStrictEqual({ days: 30 });
    expect(parseHistoryQuery({ days: '', since: '' })).toStrictEqual({
      days: 30,
    });
  });

  it('reads days and a date or time for since', () => {
    expect(
      parseHistoryQuery({ days: '90', since: '2026-11-01' }),
    ).toStrictEqual({ days: 90, since: '2026-11-01T00:00:00.000Z' });
    expect(
      parseHistoryQuery({ since: '2026-11-01T10:30:00+02:00' }),
    ).toStrictEqual({ days: 30, since: '2026-11-01T08:30:00.000Z' });
  });

  it.each([
    [{ days: '0' }, 'Invalid days 0: 1 to 366'],
    [{ days: '400' }, 'Invalid days 400: 1 to 366'],
    [{ days: '-3' }, 'Invalid days "-3"'],
    [{ days: '1e3' }, 'Invalid days "1e3"'],
    [{ days: ['1', '2'] }, 'Invalid days'],
    [{ since: 'yesterday' }, 'Invalid since "yesterday"'],
    [{ since: '2026-13-45' }, 'Invalid since "2026-13-45"'],
  ])('rejects %p', (raw, message) => {
    expect(() => parseHistoryQuery(raw)).toThrow(
      expect.objectContaining({ name: 'InputError', message }),
    );
  });
});
