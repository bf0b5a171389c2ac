import {
  parseHistoryQuery,
  parseOverviewQuery,
  secretsEntityReadPermission,
  secretsOverviewReadPermission,
  secretsRefreshPermission,
} from '@ameideio/plugin-secrets-common';
import type {
  AuditorService,
  AuditorServiceEvent,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import { chartEntities, visibleRefs } from './chartEntities';
import { CatalogLookupCache, principalKey } from './entityLookup';
import { parseImpactQuery } from './impact';
import { requirePermission } from './requirePermission';
import type { SecretsService } from './SecretsService';
import type { HistoryService } from '../history/HistoryService';

export interface RouterOptions {
  service: SecretsService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  auditor: AuditorService;
  refresh: () => Promise<void>;
  /** The entity endpoint's reuse of catalog reads. Default: a 10 s cache per caller. */
  catalogLookups?: CatalogLookupCache;
  /**
   * The per-caller lists of chart entities the overview, impact, inventory
   * and platform history read; by default kept as long as `catalogLookups`
   * keeps an entity, for 256 callers at most.
   */
  catalogLists?: CatalogLookupCache<Entity[]>;
  /** Trends, changes and movers; without it the history routes are absent. */
  history?: HistoryService;
}

/** What a request's audit event records besides the request. */
interface Audit {
  eventId: string;
  severityLevel?: 'low' | 'medium' | 'high' | 'critical';
  meta?: Record<string, string>;
}

const NAME = /^[a-zA-Z0-9]([-a-zA-Z0-9_.]{0,251}[a-zA-Z0-9])?$/;

/** A body already serialized as JSON, sent as it is. */
class JsonText {
  constructor(readonly text: string) {}
}

/** The catalog fields the overview and inventory read. */
export { CHART_ENTITY_FIELDS as OVERVIEW_ENTITY_FIELDS } from './chartEntities';

/** Thin HTTP layer: parse, authorize, call the service, return JSON. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, permissions, catalog, auditor } = options;
  const lookups = options.catalogLookups ?? new CatalogLookupCache();
  const lists =
    options.catalogLists ??
    new CatalogLookupCache<Entity[]>({
      ttlMs: lookups.ttlMs,
      maxEntries: 256,
    });
  const router = Router();
  router.use(express.json());

  /**
   * Opens the request's audit event, then authenticates and authorizes: a
   * denied or unauthenticated request is audited as failed before it throws.
   */
  async function authorize(
    req: express.Request,
    audit: Audit,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ) {
    const event = await auditor.createEvent({ ...audit, request: req });
    try {
      const credentials = await httpAuth.credentials(req);
      await requirePermission(
        permissions,
        credentials,
        permission,
        resourceRef,
      );
      return { credentials, event };
    } catch (e) {
      await event.fail({ error: e as Error });
      throw e;
    }
  }

  /** Runs the work and settles the audit event with its outcome. */
  async function settle<T>(
    event: AuditorServiceEvent,
    work: () => Promise<T> | T,
  ): Promise<T> {
    try {
      const result = await work();
      await event.success();
      return result;
    } catch (e) {
      await event.fail({ error: e as Error });
      throw e;
    }
  }

  /**
   * Authorizes and audits the request, then answers with what `read`
   * returns: a value as JSON, or {@link JsonText} as it is.
   */
  async function answer(
    req: express.Request,
    res: express.Response,
    audit: Audit,
    permission: BasicPermission | ResourcePermission,
    read: (credentials: BackstageCredentials) => unknown,
    resourceRef?: string,
  ) {
    const { credentials, event } = await authorize(
      req,
      audit,
      permission,
      resourceRef,
    );
    const result = await settle(event, () => read(credentials));
    if (result instanceof JsonText)
      res.type('application/json').send(result.text);
    else res.json(result);
  }

  /**
   * The chart entities the caller may read, with the fields the joins read,
   * reused for the caller within the refresh generation and the cache's TTL.
   */
  function chartEntitiesOf(credentials: BackstageCredentials) {
    return lists.get(
      principalKey(credentials),
      'chart-entities',
      service.generation,
      () => chartEntities(catalog, credentials),
    );
  }

  /** Refs (lower case) of the entities with the chart annotation the caller may read. */
  async function visibleEntities(credentials: BackstageCredentials) {
    return visibleRefs(await chartEntitiesOf(credentials));
  }

  router.get('/entity/:kind/:namespace/:name', async (req, res) => {
    const { kind, namespace, name } = req.params;
    for (const [k, v] of Object.entries({ kind, namespace, name })) {
      if (!NAME.test(v))
        throw new InputError(`Invalid ${k} "${v.slice(0, 64)}"`);
    }
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    await answer(
      req,
      res,
      { eventId: 'secrets-entity-read', meta: { entityRef } },
      secretsEntityReadPermission,
      async credentials => {
        const entity = await lookups.get(
          principalKey(credentials),
          entityRef,
          service.generation,
          () => catalog.getEntityByRef(entityRef, { credentials }),
        );
        if (!entity) throw new NotFoundError(`Entity ${entityRef} not found`);
        // serialized once per refresh; only the source health is added per request
        return new JsonText(service.entityJson(entity));
      },
      entityRef,
    );
  });

  router.get('/overview', (req, res) =>
    answer(
      req,
      res,
      { eventId: 'secrets-overview-read' },
      secretsOverviewReadPermission,
      async credentials => {
        const query = parseOverviewQuery(req.query);
        // serialized once per refresh for the caller's list and the query
        return new JsonText(
          service.overviewJson(await chartEntitiesOf(credentials), query),
        );
      },
    ),
  );

  // blast radius of a Vault key, Secret or store: platform-wide, so the
  // overview's permission; entities the caller cannot read are counted only
  router.get('/impact', async (req, res) => {
    const query = parseImpactQuery(req.query as Record<string, unknown>);
    await answer(
      req,
      res,
      {
        eventId: 'secrets-impact-read',
        meta: Object.fromEntries(
          Object.entries(query).map(([k, v]) => [k, String(v)]),
        ),
      },
      secretsOverviewReadPermission,
      async credentials =>
        service.impact(query, await visibleEntities(credentials)),
    );
  });

  const { history } = options;
  if (history) {
    router.get('/history', async (req, res) => {
      const raw = req.query.entityRef;
      if (typeof raw !== 'string' || !raw)
        throw new InputError('Missing entityRef');
      const invalid = new InputError(`Invalid entityRef "${raw.slice(0, 64)}"`);
      let parsed: ReturnType<typeof parseEntityRef>;
      try {
        parsed = parseEntityRef(raw);
      } catch {
        throw invalid;
      }
      if (
        ![parsed.kind, parsed.namespace, parsed.name].every(v => NAME.test(v))
      )
        throw invalid;
      const entityRef = stringifyEntityRef(parsed);
      const query = parseHistoryQuery(req.query);
      await answer(
        req,
        res,
        { eventId: 'secrets-history-read', meta: { entityRef } },
        secretsEntityReadPermission,
        () => history.entity(entityRef, query),
        entityRef,
      );
    });

    // platform-wide: the overview's permission; entities the caller cannot read are counted only
    router.get('/history/platform', async (req, res) => {
      const query = parseHistoryQuery(req.query);
      await answer(
        req,
        res,
        { eventId: 'secrets-history-platform-read' },
        secretsOverviewReadPermission,
        async credentials => {
          const visible = await visibleEntities(credentials);
          return history.platform(query, ref => visible.has(ref));
        },
      );
    });
  }

  // names of every ExternalSecret, Secret and key with their owners (never a
  // value): platform-wide, so the overview's permission; items of entities
  // the caller cannot read are counted only
  router.get('/inventory', (req, res) =>
    answer(
      req,
      res,
      { eventId: 'secrets-inventory-read' },
      secretsOverviewReadPermission,
      async credentials => {
        const items = await chartEntitiesOf(credentials);
        return service.inventory(items, visibleRefs(items));
      },
    ),
  );

  // platform-wide source health: the overview's permission
  router.get('/sources', (req, res) =>
    answer(
      req,
      res,
      { eventId: 'secrets-sources-read' },
      secretsOverviewReadPermission,
      () => ({ sources: service.sources() }),
    ),
  );

  router.post('/refresh', async (req, res) => {
    const { event } = await authorize(
      req,
      { eventId: 'secrets-refresh', severityLevel: 'medium' },
      secretsRefreshPermission,
    );
    // the refresh runs in the background: a request never waits on a source
    options.refresh().then(
      () => event.success(),
      error => event.fail({ error }),
    );
    res.status(202).json({ status: 'scheduled' });
  });

  return router;
}
