import {
  OVERVIEW_QUERY_LIMITS,
  SECRETS_CHART_ANNOTATION,
  type EntitySecretsResponse,
  type OverviewResponse,
} from '@ameideio/plugin-secrets-common';
import type {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { secretsFactSchema, toSecretsFacts } from './facts';

/** Entities fetched at once from the secrets backend. */
const CONCURRENCY = 4;

async function getJson<T>(url: string, token: string): Promise<T> {
  const res = await fetch(url, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  if (!res.ok) throw await ResponseError.fromResponse(res);
  return (await res.json()) as T;
}

async function retrieve(ctx: FactRetrieverContext): Promise<TechInsightFact[]> {
  const { discovery, auth, logger } = ctx;
  const baseUrl = await discovery.getBaseUrl('secrets');
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: await auth.getOwnServiceCredentials(),
    targetPluginId: 'secrets',
  });

  // the overview lists every entity with a chart; paging keeps a page small
  const refs: string[] = [];
  const limit = OVERVIEW_QUERY_LIMITS.maxLimit;
  for (let offset = 0; ; offset += limit) {
    const page = await getJson<OverviewResponse>(
      `${baseUrl}/overview?offset=${offset}&limit=${limit}`,
      token,
    );
    refs.push(...page.entities.items.map(r => r.entityRef));
    if (
      page.entities.items.length === 0 ||
      offset + page.entities.items.length >= page.entities.totalCount
    )
      break;
  }

  const facts: TechInsightFact[] = [];
  let failed = 0;
  const queue = [...refs];
  const worker = async () => {
    for (let ref = queue.shift(); ref; ref = queue.shift()) {
      const entity = parseEntityRef(ref);
      const path = [entity.kind, entity.namespace, entity.name]
        .map(p => encodeURIComponent(p.toLocaleLowerCase('en-US')))
        .join('/');
      try {
        const response = await getJson<EntitySecretsResponse>(
          `${baseUrl}/entity/${path}`,
          token,
        );
        facts.push({
          entity: {
            kind: entity.kind.toLocaleLowerCase('en-US'),
            namespace: entity.namespace.toLocaleLowerCase('en-US'),
            name: entity.name,
          },
          facts: toSecretsFacts(response),
        });
      } catch (e) {
        // one entity's failure leaves its previous facts in place
        failed++;
        logger.warn(
          `Could not read the secrets of ${ref}: ${(e as Error).name}: ${
            (e as Error).message
          }`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  logger.info(
    `Retrieved secrets facts for ${facts.length} of ${refs.length} entities${
      failed ? ` (${failed} failed)` : ''
    }`,
  );
  return facts.sort((a, b) =>
    `${a.entity.namespace}/${a.entity.name}`.localeCompare(
      `${b.entity.namespace}/${b.entity.name}`,
    ),
  );
}

/**
 * Publishes per entity with a chart (`ameide.io/chart`): findings by
 * severity and by type, fixture coverage (overall over the fixture
 * environments, and per environment), sync errors and overdue keys. It reads
 * the secrets backend with the module's own service credentials, so the
 * secrets permission policy decides what it may see; no value is ever read.
 *
 * Runs when `techInsights.factRetrievers.secretsFactRetriever.cadence` is set.
 * @public
 */
export const secretsFactRetriever: FactRetriever = {
  id: 'secretsFactRetriever',
  version: '0.1.0',
  title: 'Secrets',
  description:
    'Secret governance findings, fixture coverage, sync errors and overdue keys of each entity with a Helm chart',
  entityFilter: [
    {
      kind: 'component',
      [`metadata.annotations.${SECRETS_CHART_ANNOTATION}`]:
        CATALOG_FILTER_EXISTS,
    },
  ],
  schema: secretsFactSchema,
  handler: retrieve,
};
