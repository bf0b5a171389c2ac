/* Fixture entries: Vault-authority keys only, never cluster-managed; an existing value is never overwritten. */
import { Document, isMap } from 'yaml';
import { put, type PlanContext } from './context';
import { ScaffoldError, vaultAuthority } from './types';
import { type Loaded, mapAt, render } from './yamlFile';

/** Deterministic placeholder that says it is one; never a real credential. @public */
export function placeholderFor(vaultKey: string, property: string): string {
  const slug = `${vaultKey}${property === 'value' ? '' : `-${property}`}`
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `placeholder-${slug}-not-a-real-secret`;
}

interface Ref {
  key: string;
  property: string;
}

/** Adds the missing fixture entries of `refs` to one file; returns the added part and its keys. */
function addEntries(
  path: string,
  l: Loaded,
  fixtureKey: string,
  refs: Ref[],
  valueFor: (key: string, property: string) => string,
) {
  const map = mapAt(l, path, fixtureKey);
  const added: Record<string, unknown> = {};
  const keysAdded: string[] = [];
  for (const { key, property } of refs) {
    const current = map.get(key, true);
    const label = property === 'value' ? key : `${key}#${property}`;
    if (current === undefined) {
      const v = valueFor(key, property);
      const node = property === 'value' ? v : { [property]: v };
      map.set(key, l.doc.createNode(node));
      added[key] = node;
      keysAdded.push(label);
      l.dirty = true;
    } else if (isMap(current)) {
      if (!current.has(property)) {
        const v = valueFor(key, property);
        current.set(property, v);
        added[key] = { ...(added[key] as object), [property]: v };
        keysAdded.push(label);
        l.dirty = true;
      }
    } else if (property !== 'value') {
      // a string fixture only holds `value`; never overwritten, the engine reports the gap
      throw new ScaffoldError(
        `${path}: fixture "${key}" holds a single value, but property "${property}" is needed; turn it into a map by hand, nothing was written`,
      );
    }
  }
  const snippet = keysAdded.length
    ? new Document({ [fixtureKey]: added }).toString({
        indent: l.indent,
        indentSeq: l.indentSeq,
        lineWidth: 0,
      })
    : '';
  return { snippet, keysAdded };
}

/** Plans the fixture files (placeholders) and the production ones (empty values); returns the keys added. */
export function planFixtures(ctx: PlanContext): string[] {
  const fixtureKey = ctx.raw.fixtureKey ?? 'fixtures';
  const fixtureKeysAdded: string[] = [];
  const refs = [
    ...new Map(
      vaultAuthority(ctx.raw)
        .flatMap(s =>
          s.keys.map(k => ({
            key: k.vaultKey,
            property: k.property ?? 'value',
          })),
        )
        .map(r => [`${r.key}#${r.property}`, r]),
    ).values(),
  ];
  for (const { path, l } of ctx.fixtureDocs) {
    const { snippet, keysAdded } = addEntries(
      path,
      l,
      fixtureKey,
      refs,
      placeholderFor,
    );
    fixtureKeysAdded.push(...keysAdded);
    put(ctx, path, 'fixtures', render(l), snippet);
  }
  for (const { path, l } of ctx.prodDocs) {
    const { snippet } = addEntries(path, l, fixtureKey, refs, () => '');
    put(ctx, path, 'production-fixtures', render(l), snippet);
  }
  return fixtureKeysAdded;
}
