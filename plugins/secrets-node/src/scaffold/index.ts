export { planChartExternalSecrets } from './plan';
export { placeholderFor } from './plan/fixtures';
export { safeRelativePath } from './plan/validate';
export { ScaffoldError } from './plan/types';
export type {
  PlannedFile,
  PlannedFileRole,
  ScaffoldInput,
  ScaffoldKey,
  ScaffoldPlan,
  ScaffoldSecret,
} from './plan/types';
export {
  FIXABLE_FINDING_TYPES,
  isFixableFindingType,
  planFindingFix,
} from './fix/planFindingFix';
export type {
  FindingFixFile,
  FindingFixInput,
  FindingFixPlan,
  FixableFindingType,
} from './fix/planFindingFix';
