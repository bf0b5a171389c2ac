export { analyze, Analyzer } from './analyze';
export type { AnalyzeOptions } from './options';
