/**
 * The secrets governance backend plugin.
 *
 * @packageDocumentation
 */
export { secretsPlugin as default } from './plugin';
export type { GitOpsSource } from './sources/GitOpsSource';
export { LocalDirGitOpsSource } from './sources/GitOpsSource';
