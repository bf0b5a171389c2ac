import { resolveOptions, validateAnalyzeOptions } from './options';

describe('engine options', () => {
  it('defaultIgnores is on by default and must be a boolean', () => {
    expect(resolveOptions({}).defaultIgnores).toBe(true);
    expect(resolveOptions({ defaultIgnores: false }).defaultIgnores).toBe(
      false,
    );
    expect(validateAnalyzeOptions({ defaultIgnores: false })).toEqual({
      defaultIgnores: false,
    });
    expect(() => validateAnalyzeOptions({ defaultIgnores: 'no' })).toThrow(
      '"defaultIgnores" must be true or false',
    );
  });
});
