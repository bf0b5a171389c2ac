import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import VpnKeyIcon from '@material-ui/icons/VpnKey';
import { secretsApi } from './apis';
import { secretsEntityContent } from './entityContents';
import { secretsReviewPage, secretsReviewRouteRef } from './pages';

/**
 * The secrets plugin for the new frontend system: the API, the entity
 * content "Secrets" and the ownership review page.
 * @alpha
 */
export const secretsPlugin = createFrontendPlugin({
  pluginId: 'secrets',
  title: 'Secrets',
  icon: <VpnKeyIcon />,
  info: { packageJson: () => import('../../package.json') },
  extensions: [secretsApi, secretsEntityContent, secretsReviewPage],
  routes: { root: secretsReviewRouteRef },
});
