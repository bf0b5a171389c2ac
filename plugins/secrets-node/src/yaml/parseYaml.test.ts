import fc from 'fast-check';
import { parseYaml, toData } from './parseYaml';

describe('parseYaml', () => {
  it('parses documents and keeps lines', () => {
    const r = parseYaml('a: 1\n---\nb: 2\n', 'f.yaml');
    expect(r.errors).toStrictEqual([]);
    expect(r.documents.map(d => toData(d))).toStrictEqual([
      { value: { a: 1 } },
      { value: { b: 2 } },
    ]);
  });

  it('reports syntax errors with file and line, without echoing content', () => {
    const r = parseYaml('ok: 1\nsecret: "hunter2\n', 'values.yaml');
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0]).toStrictEqual({
      file: 'values.yaml',
      line: 2,
      message: expect.stringMatching(/^invalid YAML: [a-z ]+$/),
    });
    expect(JSON.stringify(r.errors)).not.toContain('hunter2');
  });

  it('points bad indentation at the offending line', () => {
    const r = parseYaml('a:\n  b: 1\n c: 2\n', 'x.yaml');
    expect(r.errors[0].line).toBe(3);
  });

  it('bounds alias bombs', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'h: [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
    ].join('\n');
    const started = Date.now();
    const r = parseYaml(bomb, 'bomb.yaml');
    expect(r.documents.map(d => toData(d))).toStrictEqual([
      { error: 'too many alias expansions (possible alias bomb)' },
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses files above the size limit and too many documents', () => {
    expect(
      parseYaml('a: 1\n'.repeat(100), 'big.yaml', { maxFileSize: 100 }),
    ).toStrictEqual({
      documents: [],
      errors: [
        {
          file: 'big.yaml',
          message: 'file is larger than 100 characters and was not read',
        },
      ],
      lineOf: expect.any(Function),
    });
    const many = parseYaml('a: 1\n---\n'.repeat(20), 'many.yaml', {
      maxDocuments: 5,
    });
    expect(many.documents).toHaveLength(5);
    expect(many.errors).toStrictEqual([
      {
        file: 'many.yaml',
        message: 'file has 21 YAML documents, more than the limit of 5',
      },
    ]);
  });

  it('reports each duplicate mapping key at its line; the document is still read, later value winning', () => {
    const text =
      'a: 1\nnested:\n  password: hunter2\n  password: hunter3\nb: 2\na: 3\n';
    const r = parseYaml(text, 'values.yaml');
    expect(r.errors).toStrictEqual([
      {
        file: 'values.yaml',
        line: 4,
        message:
          'invalid YAML: duplicate mapping key (first at line 3); the later value silently replaces the earlier one',
        code: 'duplicate-key',
      },
      {
        file: 'values.yaml',
        line: 6,
        message:
          'invalid YAML: duplicate mapping key (first at line 1); the later value silently replaces the earlier one',
        code: 'duplicate-key',
      },
    ]);
    expect(r.documents.map(d => toData(d))).toStrictEqual([
      { value: { a: 3, nested: { password: 'hunter3' }, b: 2 } },
    ]);
    expect(JSON.stringify(r.errors)).not.toMatch(/hunter|password/);
  });

  it('keys repeated in different maps, documents or flow maps are only duplicates within one map', () => {
    expect(
      parseYaml('a: 1\nm:\n  a: 2\n---\na: 3\n', 'f.yaml').errors,
    ).toStrictEqual([]);
    expect(parseYaml('m: { x: 1, x: 2 }\n', 'f.yaml').errors).toStrictEqual([
      {
        file: 'f.yaml',
        line: 1,
        message: expect.stringMatching(
          /^invalid YAML: duplicate mapping key \(first at line 1\)/,
        ),
        code: 'duplicate-key',
      },
    ]);
    // merge keys may repeat
    expect(
      parseYaml(
        'a: &a { x: 1 }\nb: &b { y: 1 }\nc:\n  <<: *a\n  <<: *b\n',
        'f.yaml',
      ).errors,
    ).toStrictEqual([]);
  });

  it('a huge file at the default limit is bounded in time', () => {
    const text = 'k: v\n'.repeat((6 * 1024 * 1024) / 5);
    const started = Date.now();
    const r = parseYaml(text, 'huge.yaml');
    expect(r.documents).toStrictEqual([]);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('YAML layer properties', () => {
  const yamlish = fc.array(
    fc.constantFrom(
      'a',
      ':',
      ' ',
      '\n',
      '- ',
      '&x ',
      '*x',
      '[',
      ']',
      '{',
      '}',
      ',',
      '"',
      "'",
      '#',
      '---\n',
      '  ',
      '|',
      '>',
      '!!str ',
      '? ',
      'key: value\n',
      '\t',
      '%YAML 1.2\n',
      '<<: *x\n',
    ),
    { maxLength: 80 },
  );

  it('never throws on arbitrary text; every document converts or reports an error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          yamlish.map(p => p.join('')),
        ),
        text => {
          const r = parseYaml(text, 'f.yaml');
          for (const e of r.errors) expect(typeof e.message).toBe('string');
          for (const d of r.documents) toData(d);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('recursive aliases', () => {
  it('a node that contains itself is an error, not a circular value', () => {
    const r = parseYaml('a: &a [*a]\n', 'loop.yaml');
    expect(r.documents.map(d => toData(d))).toStrictEqual([
      { error: 'recursive alias (a node that contains itself)' },
    ]);
  });
});
