import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a header and rows, quoting where needed', () => {
    expect(
      toCsv(
        ['entity', 'owner', 'coverage'],
        [
          ['component:default/orders', 'team-commerce', 87.5],
          ['component:default/a,b', 'say "hi"', null],
        ],
      ),
    ).toBe(
      'entity,owner,coverage\r\ncomponent:default/orders,team-commerce,87.5\r\n"component:default/a,b","say ""hi""",\r\n',
    );
  });

  it('neutralises cells that a spreadsheet would run as formulas', () => {
    expect(toCsv(['x'], [['=HYPERLINK("x")'], ['-1+1'], ['@sum']])).toBe(
      `x\r\n"'=HYPERLINK(""x"")"\r\n'-1+1\r\n'@sum\r\n`,
    );
  });
});

describe('toCsv numbers', () => {
  it('keeps negative numbers as numbers', () => {
    expect(toCsv(['n'], [[-2]])).toBe('n\r\n-2\r\n');
  });
});
