export {
  changesSince,
  historyBaselineAt,
  historyMovers,
  historySnapshot,
  historyTotals,
  trendSeries,
} from './history';
export type { HistoryEntityInput } from './history';
