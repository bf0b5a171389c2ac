export { computeImpact } from './impact';
export type {
  Impact,
  ImpactEdge,
  ImpactNode,
  ImpactQuery,
} from '@ameideio/plugin-secrets-common';
