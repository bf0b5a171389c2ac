export { SourceBanners } from './SourceBanners';
