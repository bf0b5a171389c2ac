import { documentsAt } from './documentsAt';

const doc = (environment: string, file: string, line?: number, n = 0) => ({
  environment,
  file,
  line,
  n,
});

describe('documentsAt', () => {
  const docs = [
    doc('dev', 'a.yaml', 1, 1),
    doc('dev', 'a.yaml', 1, 2),
    doc('prod', 'a.yaml', 1, 3),
    doc('dev', 'a.yaml', undefined, 4),
    doc('dev', 'a.yaml', 10, 5),
  ];
  const at = documentsAt(docs);

  it('finds every document read at one place, in the order they were read', () => {
    expect(
      at({ environment: 'dev', sourceRef: { file: 'a.yaml', line: 1 } }).map(
        d => d.n,
      ),
    ).toEqual([1, 2]);
  });

  it('tells environments, lines and a missing line apart', () => {
    const ns = (environment: string, line?: number) =>
      at({ environment, sourceRef: { file: 'a.yaml', line } }).map(d => d.n);
    expect(ns('prod', 1)).toEqual([3]);
    expect(ns('dev')).toEqual([4]);
    expect(ns('dev', 10)).toEqual([5]);
    expect(ns('stage', 1)).toEqual([]);
  });

  it('answers as a scan of the documents would', () => {
    for (const d of docs) {
      const ref = { environment: d.environment, sourceRef: d };
      expect(at(ref)).toEqual(
        docs.filter(
          x =>
            x.environment === d.environment &&
            x.file === d.file &&
            x.line === d.line,
        ),
      );
    }
  });
});
