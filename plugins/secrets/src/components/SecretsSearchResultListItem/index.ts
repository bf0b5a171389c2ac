export { SecretsSearchResultListItem } from './SecretsSearchResultListItem';
export type { SecretsSearchResultListItemProps } from './SecretsSearchResultListItem';
