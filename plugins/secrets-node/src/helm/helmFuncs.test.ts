import { fromYaml, fromYamlArray } from './helmFuncs';

describe('fromYaml', () => {
  it('ends a block scalar that runs to the end of the text without a line break, as Go does', () => {
    // a trimmed `include` result whose last value is a multi-line string
    expect(fromYaml('cmd:\n  - |\n    one\n    two')).toEqual({
      cmd: ['one\ntwo'],
    });
    expect(fromYaml('note: >\n  one\n  two')).toEqual({ note: 'one two' });
    expect(fromYaml('note: |+\n  one')).toEqual({ note: 'one' });
    expect(fromYamlArray('- |\n  one\n  two')).toEqual(['one\ntwo']);
  });

  it('keeps the final line break where the text has one, or strips it where asked', () => {
    expect(fromYaml('cmd: |\n  one\n  two\n')).toEqual({ cmd: 'one\ntwo\n' });
    expect(fromYaml('a: |\n  one\nb: x')).toEqual({ a: 'one\n', b: 'x' });
    expect(fromYaml('cmd: |-\n  one\n  two')).toEqual({ cmd: 'one\ntwo' });
  });
});
