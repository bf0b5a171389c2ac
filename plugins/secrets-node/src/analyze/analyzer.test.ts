import { chart, externalSecret, fileTree } from '../__testUtils__/fileTree';
import { fixtureRelease, platformStore } from '../__testUtils__/repo';
import { analyze, Analyzer } from './analyze';

const base = () =>
  new Map(
    fileTree({
      ...fixtureRelease('a: x\nb: y\n'),
      ...platformStore(),
      ...chart(
        'apps',
        'a',
        {
          'es.yaml': `${externalSecret({
            name: 'a',
            data: [
              { secretKey: 'k', key: '{{ .Values.key }}', property: 'value' },
            ],
          })}`,
        },
        'namespace: ameide\nkey: a\n',
      ),
    }),
  );
const strip = (r: ReturnType<typeof analyze>) => ({
  ...r,
  generatedAt: '',
  stats: { ...r.stats, durationMs: 0 },
});

describe('Analyzer (re-analysis)', () => {
  it('gives the same report as a fresh analysis after files change, appear and disappear', () => {
    const analyzer = new Analyzer({ environments: ['dev', 'production'] });
    const steps: Array<(t: Map<string, string>) => void> = [
      () => {},
      t => t.set('sources/values/env/dev/apps/apps-a.yaml', 'key: b\n'),
      t =>
        t.set(
          'sources/charts/apps/a/templates/es.yaml',
          externalSecret({
            name: 'renamed',
            data: [{ secretKey: 'k', key: 'b', property: 'value' }],
          }),
        ),
      t =>
        t.set(
          'sources/values/env/production/apps/apps-a.yaml',
          'installed: false\n',
        ),
      t => t.delete('sources/values/env/production/apps/apps-a.yaml'),
      t => {
        for (const k of [...t.keys()])
          if (k.startsWith('sources/charts/apps/a/')) t.delete(k);
      },
    ];
    const tree = base();
    for (const step of steps) {
      step(tree);
      const snapshot = new Map(tree);
      expect(strip(analyzer.analyze(snapshot))).toStrictEqual(
        strip(analyze(snapshot, { environments: ['dev', 'production'] })),
      );
    }
  });
});
