export { EntityHistoryCard, PlatformHistoryCard } from './HistoryCard';
export { HistoryChanges } from './HistoryChanges';
export { HistoryMovers } from './HistoryMovers';
export { TrendChart, trendSummary } from './TrendChart';
