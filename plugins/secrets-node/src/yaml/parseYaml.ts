import {
  Document,
  isScalar,
  LineCounter,
  parseAllDocuments,
  visit,
} from 'yaml';

/** A problem found while reading a file; never contains file content. @public */
export interface YamlProblem {
  /** Repo-relative path of the file. */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  /** What is wrong, without quoting the file. */
  message: string;
  /** `duplicate-key` for a repeated mapping key: the document is still read, the later value winning. */
  code?: 'duplicate-key';
}

/** Limits that keep hostile input bounded. @public */
export interface YamlLimits {
  /** Largest file read, in characters. Default 5 MB. */
  maxFileSize: number;
  /** Alias expansion budget per document (yaml's `maxAliasCount`). Default 100. */
  maxAliasCount: number;
  /** Documents per file. Default 1000. */
  maxDocuments: number;
}

/** The limits used when none are given. @public */
export const defaultYamlLimits: YamlLimits = {
  maxFileSize: 5 * 1024 * 1024,
  maxAliasCount: 100,
  maxDocuments: 1000,
};

/** Result of {@link parseYaml}. @public */
export interface ParsedYaml {
  /** Documents kept (at most `maxDocuments`), with their own syntax errors. */
  documents: Document[];
  /** Syntax errors and limit violations, with lines. */
  errors: YamlProblem[];
  /** Maps a character offset to a 1-based line. */
  lineOf(offset: number): number;
}

/**
 * The one YAML layer of the suite: every surface reads YAML through it.
 * Keeps source ranges (for file:line), bounds size, alias expansion and
 * document count, and turns syntax errors into problems with a line, without
 * echoing the offending text (it may hold a credential).
 * @public
 */
export function parseYaml(
  text: string,
  file: string,
  limits: Partial<YamlLimits> = {},
): ParsedYaml {
  const l = { ...defaultYamlLimits, ...limits };
  const lineCounter = new LineCounter();
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  if (text.length > l.maxFileSize) {
    return {
      documents: [],
      errors: [
        {
          file,
          message: `file is larger than ${l.maxFileSize} characters and was not read`,
        },
      ],
      lineOf,
    };
  }
  const documents = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
    strict: false,
    // the library would otherwise print warnings quoting document content
    logLevel: 'error',
  });
  const list = Array.isArray(documents) ? documents : [documents];
  const errors: YamlProblem[] = [];
  if (list.length > l.maxDocuments) {
    errors.push({
      file,
      message: `file has ${list.length} YAML documents, more than the limit of ${l.maxDocuments}`,
    });
  }
  const kept = list.slice(0, l.maxDocuments) as Document[];
  for (const doc of kept) {
    for (const e of doc.errors) {
      errors.push({
        file,
        line: lineOf(errorOffset(text, e.pos[0], e.code)),
        message: `invalid YAML: ${e.code.toLowerCase().replace(/_/g, ' ')}`,
      });
    }
    if (!doc.errors.length) errors.push(...duplicateKeys(doc, file, lineOf));
  }
  return { documents: kept, errors, lineOf };
}

/**
 * Duplicate keys of a mapping. The document is still read (the later value
 * wins, as Helm reads it), but the earlier value is silently lost, so each
 * repeated key is a problem at its line. Linear in the size of the document.
 */
function duplicateKeys(
  doc: Document,
  file: string,
  lineOf: (offset: number) => number,
): YamlProblem[] {
  const problems: YamlProblem[] = [];
  visit(doc, {
    Map(_, node) {
      const seen = new Map<unknown, number>();
      for (const pair of node.items) {
        const key = pair.key;
        // `<<` may repeat (merge keys); complex keys are left to the parser
        if (!isScalar(key) || key.value === '<<' || !key.range) continue;
        const first = seen.get(key.value);
        if (first === undefined) {
          seen.set(key.value, key.range[0]);
        } else {
          problems.push({
            file,
            line: lineOf(key.range[0]),
            message: `invalid YAML: duplicate mapping key (first at line ${lineOf(
              first,
            )}); the later value silently replaces the earlier one`,
            code: 'duplicate-key',
          });
        }
      }
    },
  });
  // outer maps are visited before their values: report in file order
  return problems.sort((x, y) => (x.line ?? 0) - (y.line ?? 0));
}

/**
 * The parser reports some errors at the newline before the offending line
 * (bad indentation) or at the end of the file (unclosed flow collections);
 * point at the line a reader has to fix instead.
 */
function errorOffset(text: string, offset: number, code: string): number {
  if (offset >= text.trimEnd().length)
    return Math.max(0, text.trimEnd().length - 1);
  if (text[offset] === '\n' && code === 'BAD_INDENT') return offset + 1;
  return offset;
}

/**
 * Converts a parsed document to plain data with bounded alias expansion.
 * Returns an error instead of throwing on alias bombs.
 * @public
 */
export function toData(
  doc: Document,
  limits: Partial<YamlLimits> = {},
): { value: unknown } | { error: string } {
  const { maxAliasCount } = { ...defaultYamlLimits, ...limits };
  try {
    const value = doc.toJS({ maxAliasCount });
    if (hasCycle(value, new Set()))
      return { error: 'recursive alias (a node that contains itself)' };
    return { value };
  } catch (e) {
    const reason =
      e instanceof Error && /alias/i.test(e.message)
        ? 'too many alias expansions (possible alias bomb)'
        : 'document could not be converted';
    return { error: reason };
  }
}

/** True when a value contains itself (a recursive YAML alias); such data would hang or crash consumers. */
function hasCycle(v: unknown, path: Set<unknown>): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (path.has(v)) return true;
  path.add(v);
  const children = Array.isArray(v)
    ? v
    : Object.values(v as Record<string, unknown>);
  for (const c of children) if (hasCycle(c, path)) return true;
  path.delete(v);
  return false;
}

/**
 * The value of a YAML text's first document through the engine's parser
 * (size, document and alias limits; no warning printed, since the YAML
 * library's warnings quote the text). An error names its line, never the
 * text. An empty text is `null`.
 */
export function parseYamlValue(
  text: string,
  file = '<text>',
): { value: unknown } | { error: string; line?: number } {
  const parsed = parseYaml(text, file);
  if (parsed.errors.length)
    return {
      error: parsed.errors[0].message,
      ...(parsed.errors[0].line ? { line: parsed.errors[0].line } : {}),
    };
  const doc = parsed.documents[0];
  return doc ? toData(doc) : { value: null };
}
