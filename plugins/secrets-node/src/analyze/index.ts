export { analyze, Analyzer } from './analyze';
export { validateAnalyzeOptions } from './options';
export type { AnalyzeOptions } from './options';
export { DEFAULT_PRODUCERS } from './producers/registry';
export type { ProducerRule, SecretTemplate } from './producers/registry';
export type { WriterSelector } from './writerSelectors';
