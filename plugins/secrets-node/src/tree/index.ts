export { readFileTree } from './readFileTree';
export type { FileTree, ReadFileTreeOptions } from './readFileTree';
