import { layerValues, mergeValues, overlayValues } from './values';

describe('values layering (Helm semantics)', () => {
  it('deep-merges maps', () => {
    expect(
      layerValues([{ a: { b: 1, c: { d: 1 } } }, { a: { c: { e: 2 } } }]),
    ).toStrictEqual({
      a: { b: 1, c: { d: 1, e: 2 } },
    });
  });

  it('replaces lists instead of concatenating', () => {
    expect(layerValues([{ l: [1, 2, 3] }, { l: [4] }])).toStrictEqual({
      l: [4],
    });
  });

  it('null deletes a key of the defaults, also nested', () => {
    expect(
      layerValues([
        { a: { b: 1, c: 2 }, x: 1 },
        { a: { b: null }, x: null },
      ]),
    ).toStrictEqual({ a: { c: 2 } });
  });

  it('a null for a key the defaults lack stays, as in Helm (hasKey sees it)', () => {
    expect(
      layerValues([{ a: { b: 1 } }, { a: { n: null }, m: { k: null } }]),
    ).toStrictEqual({ a: { b: 1, n: null }, m: { k: null } });
  });

  it('user files merge onto each other with their nulls, then onto the defaults', () => {
    // the second file's null reaches the defaults and removes their key
    expect(
      layerValues([{ x: 'chart', y: 'chart' }, { x: 'file' }, { x: null }]),
    ).toStrictEqual({ y: 'chart' });
    // where the defaults lack the key, the null stays
    expect(layerValues([{}, { z: 'file' }, { z: null }])).toStrictEqual({
      z: null,
    });
    expect(
      overlayValues([{ a: { b: 1 } }, { a: { b: null, c: 2 } }]),
    ).toStrictEqual({
      a: { b: null, c: 2 },
    });
  });

  it('a later scalar replaces a map and vice versa', () => {
    expect(layerValues([{ a: { b: 1 } }, { a: 'flat' }])).toStrictEqual({
      a: 'flat',
    });
    expect(
      layerValues([{ a: 'flat' }, { a: { b: 1, n: null } }]),
    ).toStrictEqual({ a: { b: 1, n: null } });
  });

  it('does not mutate its inputs', () => {
    const base = { a: { b: 1 } };
    mergeValues(base, { a: { c: 2 } });
    expect(base).toStrictEqual({ a: { b: 1 } });
  });
});
