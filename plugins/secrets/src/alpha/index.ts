export { secretsPlugin as default } from './plugin';
export { secretsApi } from './apis';
export { secretsEntityContent } from './entityContents';
export { secretsReviewPage, secretsReviewRouteRef } from './pages';
export { secretsSearchResultListItem } from './searchResultListItems';
