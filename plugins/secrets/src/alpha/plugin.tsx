import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import VpnKeyIcon from '@material-ui/icons/VpnKey';
import { secretsApi } from './apis';
import { secretsEntityContent } from './entityContents';
import { secretsReviewPage, secretsReviewRouteRef } from './pages';
import { secretsSearchResultListItem } from './searchResultListItems';

/**
 * The secrets plugin for the new frontend system: the API, the entity
 * content "Secrets", the ownership review page and the search result list
 * item of `secrets` documents.
 * @alpha
 */
export const secretsPlugin = createFrontendPlugin({
  pluginId: 'secrets',
  title: 'Secrets',
  icon: <VpnKeyIcon />,
  info: { packageJson: () => import('../../package.json') },
  extensions: [
    secretsApi,
    secretsEntityContent,
    secretsReviewPage,
    secretsSearchResultListItem,
  ],
  routes: { root: secretsReviewRouteRef },
});
