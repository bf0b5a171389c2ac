import type {
  ExternalSecretDecl,
  Finding,
} from '@ameideio/plugin-secrets-common';
import type { LiveContext, LiveDetector } from '../context';
import { perDeclaration } from './perDeclaration';

const decls = Array.from(
  { length: 1000 },
  (_, i) => ({ name: `es-${i}` } as ExternalSecretDecl),
);

/** Finds one finding per declaration whose number is in `hits`, and counts its runs. */
function detector(hits: Set<number>) {
  let runs = 0;
  const run: LiveDetector = ctx => {
    runs++;
    return ctx.decls
      .filter(d => hits.has(Number(d.name.slice(3))))
      .map(d => ({ id: d.name } as Finding));
  };
  return { run, runs: () => runs };
}

describe('perDeclaration', () => {
  const ctx = { decls } as LiveContext;
  const all = decls.map((_, i) => i);

  it.each([
    ['none', []],
    ['a few', [3, 500, 501, 999]],
    ['most', all.filter(i => i % 3)],
  ])('gives each declaration its own findings (%s finding)', (_, hits) => {
    const d = detector(new Set(hits));
    const found = perDeclaration(ctx, d, all);
    expect([...found.keys()].sort((a, b) => a - b)).toStrictEqual(hits);
    for (const i of hits)
      expect(found.get(i)).toStrictEqual([{ id: `es-${i}` }]);
  });

  it('settles a group that finds nothing in one run, and splits the others', () => {
    const none = detector(new Set());
    perDeclaration(ctx, none, all);
    expect(none.runs()).toBe(1);
    const few = detector(new Set([3, 999]));
    perDeclaration(ctx, few, all);
    expect(few.runs()).toBeLessThan(50);
  });

  it('asks a detector that gives one declaration its findings once per declaration', () => {
    const hits = new Set([3, 500]);
    const asked: number[] = [];
    const each = (_: LiveContext, d: ExternalSecretDecl): Finding[] => {
      const n = Number(d.name.slice(3));
      asked.push(n);
      return hits.has(n) ? [{ id: d.name } as Finding] : [];
    };
    const run = () => {
      throw new Error('not run over a group');
    };
    const found = perDeclaration(ctx, { run, each }, all);
    expect(asked).toStrictEqual(all);
    expect([...found]).toStrictEqual([
      [3, [{ id: 'es-3' }]],
      [500, [{ id: 'es-500' }]],
    ]);
  });
});
