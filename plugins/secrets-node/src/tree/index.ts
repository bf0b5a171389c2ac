export {
  DEFAULT_TREE_EXTENSIONS,
  readFileTree,
  skippedFiles,
} from './readFileTree';
export type {
  DiskFileTree,
  FileTree,
  ReadFileTreeOptions,
  SkippedFile,
} from './readFileTree';
