import { SECRETS_SEARCH_DOCUMENT_TYPE } from '@ameideio/plugin-secrets-common';
import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import VpnKeyIcon from '@material-ui/icons/VpnKey';

/**
 * The search result list item of documents of type `secrets`.
 * @alpha
 */
export const secretsSearchResultListItem = SearchResultListItemBlueprint.make({
  params: {
    predicate: result => result.type === SECRETS_SEARCH_DOCUMENT_TYPE,
    icon: <VpnKeyIcon />,
    component: () =>
      import('../components/SecretsSearchResultListItem').then(
        m => m.SecretsSearchResultListItem as any,
      ),
  },
});
