import { SecretsSearchResultListItem } from '@ameideio/plugin-secrets';
import { Content, Header, Page } from '@backstage/core-components';
import { CatalogSearchResultListItem } from '@backstage/plugin-catalog';
import { SearchType } from '@backstage/plugin-search';
import {
  SearchBar,
  SearchPagination,
  SearchResult,
} from '@backstage/plugin-search-react';
import Grid from '@material-ui/core/Grid';
import VpnKeyIcon from '@material-ui/icons/VpnKey';
import CategoryIcon from '@material-ui/icons/Category';

/** The demo's search page: the catalog and the secrets inventory. */
export const searchPage = (
  <Page themeId="home">
    <Header title="Search" />
    <Content>
      <Grid container direction="row">
        <Grid item xs={12}>
          <SearchBar />
        </Grid>
        <Grid item xs={3}>
          <SearchType.Accordion
            name="Result type"
            defaultValue=""
            types={[
              {
                value: 'software-catalog',
                name: 'Software Catalog',
                icon: <CategoryIcon />,
              },
              { value: 'secrets', name: 'Secrets', icon: <VpnKeyIcon /> },
            ]}
          />
        </Grid>
        <Grid item xs={9}>
          <SearchPagination />
          <SearchResult>
            <CatalogSearchResultListItem icon={<CategoryIcon />} />
            <SecretsSearchResultListItem icon={<VpnKeyIcon />} />
          </SearchResult>
        </Grid>
      </Grid>
    </Content>
  </Page>
);
