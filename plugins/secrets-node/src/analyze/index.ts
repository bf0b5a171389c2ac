export { analyze, Analyzer } from './analyze';
export { validateAnalyzeOptions } from './options';
export type { AnalyzeOptions } from './options';
