export {
  planChartExternalSecrets,
  placeholderFor,
  safeRelativePath,
  ScaffoldError,
} from './plan';
export type {
  PlannedFile,
  PlannedFileRole,
  ScaffoldInput,
  ScaffoldKey,
  ScaffoldPlan,
  ScaffoldSecret,
} from './plan';
