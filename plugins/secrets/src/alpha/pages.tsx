import { createRouteRef, PageBlueprint } from '@backstage/frontend-plugin-api';
import VpnKeyIcon from '@material-ui/icons/VpnKey';

/** Route of the ownership review page in the new frontend system. @alpha */
export const secretsReviewRouteRef = createRouteRef();

/** The ownership review page, with its sidebar item ("Secrets"). @alpha */
export const secretsReviewPage = PageBlueprint.make({
  params: {
    path: '/secrets',
    title: 'Secrets',
    icon: <VpnKeyIcon />,
    routeRef: secretsReviewRouteRef,
    loader: () =>
      import('../components/SecretsOverviewPage').then(m => (
        <m.SecretsOverviewPage />
      )),
  },
});
