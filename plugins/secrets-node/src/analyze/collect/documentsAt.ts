/*
 * The documents read at one place (environment, file and line), looked up
 * by the source reference an extracted object keeps. Detectors and
 * collectors that need the document an object came from ask this index
 * instead of scanning every document once per object.
 */

interface Placed {
  environment: string;
  file: string;
  line?: number;
}

/** Where an extracted object was read. */
export interface ReadAt {
  environment: string;
  sourceRef: { file: string; line?: number };
}

/** The documents read where an object was, in the order they were read. */
export type DocumentsAt<D> = (at: ReadAt) => readonly D[];

const placeKey = (environment: string, file: string, line?: number) =>
  `${environment}\u0000${file}\u0000${line ?? ''}`;

/** Indexes documents by where they were read, once. */
export function documentsAt<D extends Placed>(
  docs: ReadonlyArray<D>,
): DocumentsAt<D> {
  const byPlace = new Map<string, D[]>();
  for (const d of docs) {
    const key = placeKey(d.environment, d.file, d.line);
    const list = byPlace.get(key);
    if (list) list.push(d);
    else byPlace.set(key, [d]);
  }
  return at =>
    byPlace.get(
      placeKey(at.environment, at.sourceRef.file, at.sourceRef.line),
    ) ?? [];
}
