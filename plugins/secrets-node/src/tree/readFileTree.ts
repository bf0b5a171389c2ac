import { promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Repo-relative posix path to file text. @public */
export type FileTree = ReadonlyMap<string, string>;

/** A file the reader did not read because it is larger than its limit. @public */
export interface SkippedFile {
  /** Repo-relative posix path. */
  file: string;
  /** Size on disk, in bytes. */
  size: number;
  /** The reader's `maxFileSize`, in bytes. */
  limit: number;
}

/**
 * A {@link FileTree} read from disk. Files over the size limit are in the
 * tree as empty text and listed in `skipped`, so the engine reports them
 * instead of reading them as empty files.
 * @public
 */
export interface DiskFileTree extends FileTree {
  readonly skipped: readonly SkippedFile[];
}

/** Files a tree's reader skipped; none for an in-memory tree. @public */
export function skippedFiles(tree: FileTree): readonly SkippedFile[] {
  const skipped = (tree as Partial<DiskFileTree>).skipped;
  return Array.isArray(skipped) ? skipped : [];
}

/** Options of {@link readFileTree}. @public */
export interface ReadFileTreeOptions {
  /** File name suffixes to read. Default {@link DEFAULT_TREE_EXTENSIONS}. */
  extensions?: string[];
  /** Directory names skipped everywhere. */
  ignoreDirs?: string[];
  /** Largest file read, in bytes; larger files are recorded as empty and listed in `skipped`. Default 5 MB. */
  maxFileSize?: number;
  /** Most files read. Default 50,000. */
  maxFiles?: number;
}

/**
 * File name suffixes the engine reads by default: YAML, Helm helpers, and
 * the data files that Argo CD git-files generators, Helm's `.Files`, and
 * Kustomize generators read (JSON, TOML, env and properties files, configs).
 * @public
 */
export const DEFAULT_TREE_EXTENSIONS: readonly string[] = [
  '.yaml',
  '.yml',
  '.tpl',
  '.txt',
  '.json',
  '.toml',
  '.conf',
  '.env',
  '.properties',
  '.ini',
];

const defaults = {
  extensions: [...DEFAULT_TREE_EXTENSIONS],
  ignoreDirs: ['.git', 'node_modules', '.terraform'],
  maxFileSize: 5 * 1024 * 1024,
  maxFiles: 50_000,
};

/**
 * The disk adapter of the engine: reads the files the engine understands
 * into a {@link FileTree}. Symbolic links are not followed, so a repository
 * cannot make the reader leave its root.
 * @public
 */
export async function readFileTree(
  dir: string,
  options: ReadFileTreeOptions = {},
): Promise<DiskFileTree> {
  const o = { ...defaults, ...options };
  const skipped: SkippedFile[] = [];
  const tree = Object.assign(new Map<string, string>(), { skipped });
  const walk = async (current: string): Promise<void> => {
    const entries = await fs.readdir(current, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (tree.size >= o.maxFiles) return;
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!o.ignoreDirs.includes(entry.name)) await walk(full);
      } else if (
        entry.isFile() &&
        o.extensions.some(ext => entry.name.endsWith(ext))
      ) {
        const stat = await fs.stat(full);
        const rel = relative(dir, full).split(sep).join('/');
        if (stat.size > o.maxFileSize) {
          skipped.push({ file: rel, size: stat.size, limit: o.maxFileSize });
          tree.set(rel, '');
        } else {
          tree.set(rel, await fs.readFile(full, 'utf8'));
        }
      }
    }
  };
  await walk(dir);
  return tree;
}
