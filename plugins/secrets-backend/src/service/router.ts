import {
  parseHistoryQuery,
  parseOverviewQuery,
  SECRETS_CHART_ANNOTATION,
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
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import { CatalogLookupCache, principalKey } from './entityLookup';
import { parseImpactQuery } from './impact';
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
  /** Trends, changes and movers; without it the history routes are absent. */
  history?: HistoryService;
}

const NAME = /^[a-zA-Z0-9]([-a-zA-Z0-9_.]{0,251}[a-zA-Z0-9])?$/;

async function requirePermission(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: BasicPermission | ResourcePermission,
  resourceRef?: string,
) {
  const [decision] =
    permission.type === 'resource'
      ? await permissions.authorize(
          [{ permission, resourceRef: resourceRef! }],
          { credentials },
        )
      : await permissions.authorize([{ permission }], { credentials });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
}

/** The catalog fields the joins read: an overview never fetches entities in full. */
export const OVERVIEW_ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.owner',
];

/** Thin HTTP layer: parse, authorize, call the service, return JSON. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, permissions, catalog, auditor } = options;
  const lookups = options.catalogLookups ?? new CatalogLookupCache();
  const router = Router();
  router.use(express.json());

  /**
   * Opens the request's audit event, then authenticates and authorizes: a
   * denied or unauthenticated request is audited as failed before it throws.
   */
  async function authorize(
    req: express.Request,
    audit: {
      eventId: string;
      severityLevel?: 'low' | 'medium' | 'high' | 'critical';
      meta?: Record<string, string>;
    },
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

  router.get('/entity/:kind/:namespace/:name', async (req, res) => {
    const { kind, namespace, name } = req.params;
    for (const [k, v] of Object.entries({ kind, namespace, name })) {
      if (!NAME.test(v))
        throw new InputError(`Invalid ${k} "${v.slice(0, 64)}"`);
    }
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    const { credentials, event } = await authorize(
      req,
      { eventId: 'secrets-entity-read', meta: { entityRef } },
      secretsEntityReadPermission,
      entityRef,
    );
    const body = await settle(event, async () => {
      const entity = await lookups.get(
        principalKey(credentials),
        entityRef,
        service.generation,
        () => catalog.getEntityByRef(entityRef, { credentials }),
      );
      if (!entity) throw new NotFoundError(`Entity ${entityRef} not found`);
      // serialized once per refresh; only the source health is added per request
      return service.entityJson(entity);
    });
    res.type('application/json').send(body);
  });

  router.get('/overview', async (req, res) => {
    const { credentials, event } = await authorize(
      req,
      { eventId: 'secrets-overview-read' },
      secretsOverviewReadPermission,
    );
    res.json(await settle(event, () => overview(req, credentials)));
  });

  async function overview(
    req: express.Request,
    credentials: BackstageCredentials,
  ) {
    const query = parseOverviewQuery(req.query);
    const { items } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${SECRETS_CHART_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: OVERVIEW_ENTITY_FIELDS,
      },
      { credentials },
    );
    return service.overview(items, query);
  }

  // blast radius of a Vault key, Secret or store: platform-wide, so the
  // overview's permission; entities the caller cannot read are counted only
  router.get('/impact', async (req, res) => {
    const query = parseImpactQuery(req.query as Record<string, unknown>);
    const { credentials, event } = await authorize(
      req,
      {
        eventId: 'secrets-impact-read',
        meta: Object.fromEntries(
          Object.entries(query).map(([k, v]) => [k, String(v)]),
        ),
      },
      secretsOverviewReadPermission,
    );
    res.json(
      await settle(event, async () => {
        const { items } = await catalog.getEntities(
          {
            filter: {
              [`metadata.annotations.${SECRETS_CHART_ANNOTATION}`]:
                CATALOG_FILTER_EXISTS,
            },
            fields: ['kind', 'metadata.name', 'metadata.namespace'],
          },
          { credentials },
        );
        const visible = new Set(
          items.map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US')),
        );
        return service.impact(query, visible);
      }),
    );
  });

  /** Refs (lower case) of the entities with the chart annotation the caller may read. */
  async function visibleEntities(credentials: BackstageCredentials) {
    const { items } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${SECRETS_CHART_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    return new Set(
      items.map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US')),
    );
  }

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
      const { event } = await authorize(
        req,
        { eventId: 'secrets-history-read', meta: { entityRef } },
        secretsEntityReadPermission,
        entityRef,
      );
      res.json(await settle(event, () => history.entity(entityRef, query)));
    });

    // platform-wide: the overview's permission; entities the caller cannot read are counted only
    router.get('/history/platform', async (req, res) => {
      const query = parseHistoryQuery(req.query);
      const { credentials, event } = await authorize(
        req,
        { eventId: 'secrets-history-platform-read' },
        secretsOverviewReadPermission,
      );
      res.json(
        await settle(event, async () => {
          const visible = await visibleEntities(credentials);
          return history.platform(query, ref => visible.has(ref));
        }),
      );
    });
  }

  // names of every ExternalSecret, Secret and key with their owners (never a
  // value): platform-wide, so the overview's permission; items of entities
  // the caller cannot read are counted only
  router.get('/inventory', async (req, res) => {
    const { credentials, event } = await authorize(
      req,
      { eventId: 'secrets-inventory-read' },
      secretsOverviewReadPermission,
    );
    res.json(
      await settle(event, async () => {
        const { items } = await catalog.getEntities(
          {
            filter: {
              [`metadata.annotations.${SECRETS_CHART_ANNOTATION}`]:
                CATALOG_FILTER_EXISTS,
            },
            fields: OVERVIEW_ENTITY_FIELDS,
          },
          { credentials },
        );
        const visible = new Set(
          items.map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US')),
        );
        return service.inventory(items, visible);
      }),
    );
  });

  // platform-wide source health: the overview's permission
  router.get('/sources', async (req, res) => {
    const { event } = await authorize(
      req,
      { eventId: 'secrets-sources-read' },
      secretsOverviewReadPermission,
    );
    res.json(await settle(event, () => ({ sources: service.sources() })));
  });

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
