import { ReactNode } from 'react';
import { Button, Grid, GridSize } from '@material-ui/core';
import {
  EntityApiDefinitionCard,
  EntityConsumedApisCard,
  EntityConsumingComponentsCard,
  EntityHasApisCard,
  EntityProvidedApisCard,
  EntityProvidingComponentsCard,
} from '@backstage/plugin-api-docs';
import {
  EntityAboutCard,
  EntityDependsOnComponentsCard,
  EntityDependsOnResourcesCard,
  EntityHasComponentsCard,
  EntityHasResourcesCard,
  EntityHasSubcomponentsCard,
  EntityHasSystemsCard,
  EntityLayout,
  EntityLinksCard,
  EntitySwitch,
  EntityOrphanWarning,
  EntityProcessingErrorsPanel,
  isComponentType,
  isKind,
  hasCatalogProcessingErrors,
  isOrphan,
  hasRelationWarnings,
  EntityRelationWarning,
} from '@backstage/plugin-catalog';
import {
  EntityUserProfileCard,
  EntityGroupProfileCard,
  EntityMembersListCard,
  EntityOwnershipCard,
} from '@backstage/plugin-org';
import {
  EmptyState,
  MissingAnnotationEmptyState,
} from '@backstage/core-components';
import {
  Direction,
  EntityCatalogGraphCard,
} from '@backstage/plugin-catalog-graph';
import {
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
} from '@backstage/catalog-model';

import {
  EntitySecretsContent,
  isSecretsAvailable,
} from '@ameideio/plugin-secrets';

import {
  EntityKubernetesContent,
  isKubernetesAvailable,
} from '@backstage/plugin-kubernetes';

const cicdContent = (
  // This is an example of how you can implement your company's logic in entity page.
  // You can for example enforce that all components of type 'service' should use GitHubActions
  <EntitySwitch>
    {/*
      Here you can add support for different CI/CD services, for example
      using @backstage-community/plugin-github-actions as follows:
      <EntitySwitch.Case if={isGithubActionsAvailable}>
        <EntityGithubActionsContent />
      </EntitySwitch.Case>
     */}
    <EntitySwitch.Case>
      <EmptyState
        title="No CI/CD available for this entity"
        missing="info"
        description="You need to add an annotation to your component if you want to enable CI/CD for it. You can read more about annotations in Backstage by clicking the button below."
        action={
          <Button
            variant="contained"
            color="primary"
            href="https://backstage.io/docs/features/software-catalog/well-known-annotations"
          >
            Read more
          </Button>
        }
      />
    </EntitySwitch.Case>
  </EntitySwitch>
);

// Services always show the Secrets tab: with the chart annotation it lists
// what the chart owns, without it it explains the annotation to add.
const secretsContent = (
  <EntitySwitch>
    <EntitySwitch.Case if={isSecretsAvailable}>
      <EntitySecretsContent />
    </EntitySwitch.Case>
    <EntitySwitch.Case>
      <MissingAnnotationEmptyState annotation="ameide.io/chart" />
    </EntitySwitch.Case>
  </EntitySwitch>
);

const entityWarnings = [
  { key: 'orphan', if: isOrphan, warning: <EntityOrphanWarning /> },
  {
    key: 'relations',
    if: hasRelationWarnings,
    warning: <EntityRelationWarning />,
  },
  {
    key: 'processing-errors',
    if: hasCatalogProcessingErrors,
    warning: <EntityProcessingErrorsPanel />,
  },
];

const entityWarningContent = (
  <>
    {entityWarnings.map(({ key, if: condition, warning }) => (
      <EntitySwitch key={key}>
        <EntitySwitch.Case if={condition}>
          <Grid item xs={12}>
            {warning}
          </Grid>
        </EntitySwitch.Case>
      </EntitySwitch>
    ))}
  </>
);

/**
 * NOTE: This page is designed to work on small screens such as mobile devices.
 * This is based on Material UI Grid. If breakpoints are used, each grid item must set the `xs` prop to a column size or to `true`,
 * since this does not default. If no breakpoints are used, the items will equitably share the available space.
 * https://material-ui.com/components/grid/#basic-grid.
 */

/** A card in a page grid, `md` columns wide on medium screens. */
const Cell = (props: { md: GridSize; xs?: GridSize; children: ReactNode }) => (
  <Grid item md={props.md} xs={props.xs}>
    {props.children}
  </Grid>
);

/** The grid of cards of one tab; `warnings` puts the entity warnings on top. */
const CardGrid = (props: { warnings?: boolean; children: ReactNode }) => (
  <Grid container spacing={3}>
    {props.warnings && entityWarningContent}
    {props.children}
  </Grid>
);

const aboutCell = (
  <Cell md={6}>
    <EntityAboutCard />
  </Cell>
);

const graphCell = (
  <Cell md={6} xs={12}>
    <EntityCatalogGraphCard height={400} />
  </Cell>
);

const linksCell = (
  <Cell md={4} xs={12}>
    <EntityLinksCard />
  </Cell>
);

/** Two cards side by side on medium screens. */
const halves = (left: ReactNode, right: ReactNode) => (
  <>
    <Cell md={6}>{left}</Cell>
    <Cell md={6}>{right}</Cell>
  </>
);

/** Two cards side by side, as the API and dependency tabs show them. */
const cardPair = (left: ReactNode, right: ReactNode) => (
  <CardGrid>{halves(left, right)}</CardGrid>
);

const overviewRoute = (content: JSX.Element) => (
  <EntityLayout.Route path="/" title="Overview">
    {content}
  </EntityLayout.Route>
);

/** The overview of components, APIs and systems: about, graph, links, then `cards`. */
const entityOverviewRoute = (cards: ReactNode) =>
  overviewRoute(
    <CardGrid warnings>
      {aboutCell}
      {graphCell}
      {linksCell}
      {cards}
    </CardGrid>,
  );

const componentOverviewRoute = entityOverviewRoute(
  <Cell md={8} xs={12}>
    <EntityHasSubcomponentsCard />
  </Cell>,
);

const cicdRoute = (
  <EntityLayout.Route path="/ci-cd" title="CI/CD">
    {cicdContent}
  </EntityLayout.Route>
);

const kubernetesRoute = (
  <EntityLayout.Route
    path="/kubernetes"
    title="Kubernetes"
    if={isKubernetesAvailable}
  >
    <EntityKubernetesContent />
  </EntityLayout.Route>
);

const dependenciesRoute = (
  <EntityLayout.Route path="/dependencies" title="Dependencies">
    {cardPair(
      <EntityDependsOnComponentsCard />,
      <EntityDependsOnResourcesCard />,
    )}
  </EntityLayout.Route>
);

/** The Secrets tab of entities that only show it when they have a chart. */
const secretsRouteIfAvailable = (
  <EntityLayout.Route path="/secrets" title="Secrets" if={isSecretsAvailable}>
    <EntitySecretsContent />
  </EntityLayout.Route>
);

const serviceEntityPage = (
  <EntityLayout>
    {componentOverviewRoute}
    {cicdRoute}
    {kubernetesRoute}
    <EntityLayout.Route path="/api" title="API">
      {cardPair(<EntityProvidedApisCard />, <EntityConsumedApisCard />)}
    </EntityLayout.Route>
    {dependenciesRoute}
    <EntityLayout.Route path="/secrets" title="Secrets">
      {secretsContent}
    </EntityLayout.Route>
  </EntityLayout>
);

const websiteEntityPage = (
  <EntityLayout>
    {componentOverviewRoute}
    {cicdRoute}
    {kubernetesRoute}
    {dependenciesRoute}
    {secretsRouteIfAvailable}
  </EntityLayout>
);

const defaultEntityPage = (
  <EntityLayout>
    {componentOverviewRoute}
    {secretsRouteIfAvailable}
  </EntityLayout>
);

const componentPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isComponentType('service')}>
      {serviceEntityPage}
    </EntitySwitch.Case>

    <EntitySwitch.Case if={isComponentType('website')}>
      {websiteEntityPage}
    </EntitySwitch.Case>

    <EntitySwitch.Case>{defaultEntityPage}</EntitySwitch.Case>
  </EntitySwitch>
);

const apiPage = (
  <EntityLayout>
    {entityOverviewRoute(
      <Grid container item md={12}>
        {halves(
          <EntityProvidingComponentsCard />,
          <EntityConsumingComponentsCard />,
        )}
      </Grid>,
    )}
    <EntityLayout.Route path="/definition" title="Definition">
      <CardGrid>
        <Grid item xs={12}>
          <EntityApiDefinitionCard />
        </Grid>
      </CardGrid>
    </EntityLayout.Route>
  </EntityLayout>
);

/** A page with a single overview tab: the warnings, then the given cards. */
const overviewOnlyPage = (cards: ReactNode) => (
  <EntityLayout>
    {overviewRoute(<CardGrid warnings>{cards}</CardGrid>)}
  </EntityLayout>
);

/** The cards of user and group pages: half the width on medium screens. */
const profileCells = (cards: ReactNode[]) =>
  cards.map((card, index) => (
    <Cell key={index} md={6} xs={12}>
      {card}
    </Cell>
  ));

const userPage = overviewOnlyPage(
  profileCells([<EntityUserProfileCard />, <EntityOwnershipCard />]),
);

const groupPage = overviewOnlyPage(
  profileCells([
    <EntityGroupProfileCard />,
    <EntityOwnershipCard />,
    <EntityMembersListCard />,
    <EntityLinksCard />,
  ]),
);

const systemPage = (
  <EntityLayout>
    {entityOverviewRoute(
      <>
        <Cell md={8}>
          <EntityHasComponentsCard />
        </Cell>
        {halves(<EntityHasApisCard />, <EntityHasResourcesCard />)}
      </>,
    )}
    <EntityLayout.Route path="/diagram" title="Diagram">
      <EntityCatalogGraphCard
        direction={Direction.TOP_BOTTOM}
        title="System Diagram"
        height={700}
        relations={[
          RELATION_PART_OF,
          RELATION_HAS_PART,
          RELATION_API_CONSUMED_BY,
          RELATION_API_PROVIDED_BY,
          RELATION_CONSUMES_API,
          RELATION_PROVIDES_API,
          RELATION_DEPENDENCY_OF,
          RELATION_DEPENDS_ON,
        ]}
        unidirectional={false}
      />
    </EntityLayout.Route>
  </EntityLayout>
);

const domainPage = overviewOnlyPage(
  <>
    {aboutCell}
    {graphCell}
    <Cell md={6}>
      <EntityHasSystemsCard />
    </Cell>
  </>,
);

export const entityPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isKind('component')} children={componentPage} />
    <EntitySwitch.Case if={isKind('api')} children={apiPage} />
    <EntitySwitch.Case if={isKind('group')} children={groupPage} />
    <EntitySwitch.Case if={isKind('user')} children={userPage} />
    <EntitySwitch.Case if={isKind('system')} children={systemPage} />
    <EntitySwitch.Case if={isKind('domain')} children={domainPage} />

    <EntitySwitch.Case>{defaultEntityPage}</EntitySwitch.Case>
  </EntitySwitch>
);
