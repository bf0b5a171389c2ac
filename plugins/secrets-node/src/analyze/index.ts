export { analyze, Analyzer } from './analyze';
export { externalSyncWriterOf } from './options';
export type { AnalyzerExtensions, DetectorRegistration } from './analyze';
export type { DetectorContext, FindingBuilder } from './context';
export {
  describeEngineOptionProblems,
  ENGINE_OPTION_KEYS,
  parseEngineOptions,
  validateAnalyzeOptions,
} from './parseEngineOptions';
export type {
  EngineConfig,
  EngineOptionProblem,
  ParsedEngineOptions,
} from './parseEngineOptions';
export type { AnalyzeOptions } from './options';
export { DEFAULT_PRODUCERS } from './producers/registry';
export type { ProducerRule, SecretTemplate } from './producers/types';
export type { WriterSelector } from './writerSelectors';
