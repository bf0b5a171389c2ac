export {
  planChartExternalSecrets,
  placeholderFor,
  safeRelativePath,
  ScaffoldError,
} from './plan';
export type {
  PlannedFile,
  ScaffoldInput,
  ScaffoldKey,
  ScaffoldPlan,
  ScaffoldSecret,
} from './plan';
