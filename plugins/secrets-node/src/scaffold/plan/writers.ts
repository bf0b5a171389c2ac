/* Writers: who fills the real value where the fixture map holds none. */
import { isMap, isSeq } from 'yaml';
import { type PlanContext, valuesDocOf } from './context';
import { originOf, type ScaffoldSecret, vaultAuthority } from './types';
import { type Loaded, seqAt } from './yamlFile';

interface Writer {
  key: string;
  writer: string;
}

/** Adds the writers a file lacks to its secretWriters list. */
function declare(l: Loaded, path: string, wanted: Writer[]) {
  if (!wanted.length) return;
  const writers = seqAt(l, path, 'secretWriters');
  for (const w of wanted) {
    const has = writers.items.some(
      it => isMap(it) && String(it.get('key')) === w.key,
    );
    if (!has) {
      writers.items.push(l.doc.createNode({ key: w.key, writer: w.writer }));
      l.dirty = true;
    }
  }
}

/** Declares the writer of each Vault key in the chart's or the production values. */
export function planWriters(ctx: PlanContext) {
  const { raw, values, valuesPath, prodDocs } = ctx;
  const { prodValuesFiles } = ctx.paths;
  const externalWriter = raw.externalWriter ?? 'external-key-vault-sync';
  const authority = vaultAuthority(raw);
  const writerOf = (s: ScaffoldSecret) =>
    s.writer ?? (originOf(s) === 'external' ? externalWriter : undefined);
  const writersOf = (secrets: ScaffoldSecret[]) =>
    secrets
      .flatMap(s => s.keys.map(k => ({ key: k.vaultKey, writer: writerOf(s) })))
      .filter((w): w is Writer => Boolean(w.writer));
  // a service-generated key is written by its job everywhere: the chart's values
  declare(
    values,
    valuesPath,
    writersOf(authority.filter(s => originOf(s) === 'service-generated')),
  );
  // an external key is filled for real only where a production override is empty
  const external = prodDocs.length
    ? writersOf(authority.filter(s => originOf(s) === 'external'))
    : [];
  if (prodValuesFiles.length) {
    // Helm replaces lists: a production list of writers must repeat the chart's
    const chartWriters = values.doc.get('secretWriters', true);
    const inherited = isSeq(chartWriters)
      ? chartWriters.items
          .map(it => (isMap(it) ? it.toJSON() : undefined))
          .filter((w): w is Writer => Boolean(w?.key && w?.writer))
          .map(w => ({ key: String(w.key), writer: String(w.writer) }))
      : [];
    for (const f of prodValuesFiles) {
      const l = valuesDocOf(ctx, f)!;
      const own = l.doc.get('secretWriters', true);
      declare(l, f, [...(own === undefined ? inherited : []), ...external]);
    }
  } else {
    declare(values, valuesPath, external);
  }
}
