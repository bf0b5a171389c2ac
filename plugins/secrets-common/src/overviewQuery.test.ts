import { InputError } from '@backstage/errors';
import {
  OVERVIEW_QUERY_LIMITS,
  parseOverviewQuery,
  serializeOverviewQuery,
} from './overviewQuery';

describe('parseOverviewQuery', () => {
  it('applies the paging defaults to an empty query', () => {
    expect(parseOverviewQuery({})).toStrictEqual({ offset: 0, limit: 50 });
    expect(parseOverviewQuery(new URLSearchParams())).toStrictEqual({
      offset: 0,
      limit: OVERVIEW_QUERY_LIMITS.defaultLimit,
    });
  });

  it('reads every parameter and treats empty strings as unset', () => {
    expect(
      parseOverviewQuery({
        owner: 'group:default/payments',
        environment: 'staging',
        findingType: 'missing-fixture',
        severity: 'error',
        q: 'orders',
        offset: '10',
        limit: '500',
        unknown: 'ignored',
      }),
    ).toStrictEqual({
      owner: 'group:default/payments',
      environment: 'staging',
      findingType: 'missing-fixture',
      severity: 'error',
      q: 'orders',
      offset: 10,
      limit: 500,
    });
    expect(
      parseOverviewQuery({ owner: '', severity: '', limit: '' }),
    ).toStrictEqual({ offset: 0, limit: 50 });
  });

  it.each([
    [{ severity: 'fatal' }, /severity: expected error, warning or info/],
    [{ limit: '501' }, /limit: expected an integer from 0 to 500/],
    [{ limit: '-1' }, /limit/],
    [{ offset: '1.5' }, /offset/],
    [{ offset: '1e3' }, /offset/],
    [{ offset: '1000001' }, /offset/],
    [{ owner: ['a', 'b'] }, /owner: expected one string/],
    [{ q: 'x'.repeat(201) }, /q: expected one string/],
    [{ environment: { nested: 'object' } }, /environment/],
  ])('rejects %j', (params, message) => {
    expect(() => parseOverviewQuery(params)).toThrow(InputError);
    expect(() => parseOverviewQuery(params)).toThrow(message);
  });

  it('rejects a repeated parameter of a URLSearchParams', () => {
    expect(() =>
      parseOverviewQuery(new URLSearchParams('owner=a&owner=b')),
    ).toThrow(/owner/);
  });
});

describe('serializeOverviewQuery', () => {
  it('writes set values in a fixed order and leaves out the rest', () => {
    expect(
      serializeOverviewQuery({
        limit: 500,
        severity: 'warning',
        owner: 'team a',
        environment: '',
        q: undefined,
        offset: 0,
      }).toString(),
    ).toBe('owner=team+a&severity=warning&offset=0&limit=500');
    expect(serializeOverviewQuery({}).toString()).toBe('');
  });

  it('round-trips through the parser', () => {
    const query = {
      owner: 'group:default/a&b',
      environment: 'prod-eu',
      findingType: 'sync-error',
      severity: 'info' as const,
      q: 'ä ö #?',
      offset: 25,
      limit: 25,
    };
    expect(
      parseOverviewQuery(
        new URLSearchParams(serializeOverviewQuery(query).toString()),
      ),
    ).toStrictEqual(query);
  });
});
