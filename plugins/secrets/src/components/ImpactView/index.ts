export {
  ImpactLink,
  ImpactView,
  impactQueryFrom,
  impactSearch,
  useImpactBase,
} from './ImpactView';
