import {
  secretsEntityReadPermission,
  secretsOverviewReadPermission,
  secretsRefreshPermission,
} from '@ameideio/plugin-secrets-common';
import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import type { SecretsService } from './SecretsService';

export interface RouterOptions {
  service: SecretsService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  auditor: AuditorService;
  refresh: () => Promise<void>;
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

function intParam(
  v: unknown,
  name: string,
  fallback: number,
  max: number,
): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new InputError(
      `Invalid query parameter ${name}: expected an integer from 0 to ${max}`,
    );
  }
  return n;
}

function stringParam(v: unknown, name: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > 200)
    throw new InputError(`Invalid query parameter ${name}`);
  return v || undefined;
}

/** Thin HTTP layer: parse, authorize, call the service, return JSON. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, permissions, catalog, auditor } = options;
  const router = Router();
  router.use(express.json());

  router.get('/entity/:kind/:namespace/:name', async (req, res) => {
    const { kind, namespace, name } = req.params;
    for (const [k, v] of Object.entries({ kind, namespace, name })) {
      if (!NAME.test(v))
        throw new InputError(`Invalid ${k} "${v.slice(0, 64)}"`);
    }
    const credentials = await httpAuth.credentials(req);
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    const event = await auditor.createEvent({
      eventId: 'secrets-entity-read',
      request: req,
      meta: { entityRef },
    });
    try {
      await requirePermission(
        permissions,
        credentials,
        secretsEntityReadPermission,
        entityRef,
      );
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) throw new NotFoundError(`Entity ${entityRef} not found`);
      // serialized once per refresh; only the source health is added per request
      const body = service.entityJson(entity);
      await event.success();
      res.type('application/json').send(body);
    } catch (e) {
      await event.fail({ error: e as Error });
      throw e;
    }
  });

  router.get('/overview', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const event = await auditor.createEvent({
      eventId: 'secrets-overview-read',
      request: req,
    });
    try {
      await requirePermission(
        permissions,
        credentials,
        secretsOverviewReadPermission,
      );
      res.json(await overview(req, credentials));
      await event.success();
    } catch (e) {
      await event.fail({ error: e as Error });
      throw e;
    }
  });

  async function overview(
    req: express.Request,
    credentials: BackstageCredentials,
  ) {
    const query = {
      owner: stringParam(req.query.owner, 'owner'),
      environment: stringParam(req.query.environment, 'environment'),
      findingType: stringParam(req.query.findingType, 'findingType'),
      severity: stringParam(req.query.severity, 'severity'),
      q: stringParam(req.query.q, 'q'),
      offset: intParam(req.query.offset, 'offset', 0, 1_000_000),
      limit: intParam(req.query.limit, 'limit', 50, 500),
    };
    if (
      query.severity &&
      !['error', 'warning', 'info'].includes(query.severity)
    ) {
      throw new InputError(
        'Invalid query parameter severity: expected error, warning or info',
      );
    }
    const { items } = await catalog.getEntities(
      {
        filter: {
          'metadata.annotations.ameide.io/chart': CATALOG_FILTER_EXISTS,
        },
      },
      { credentials },
    );
    return service.overview(items, query);
  }

  router.get('/sources', async (req, res) => {
    await httpAuth.credentials(req);
    res.json({ sources: service.sources() });
  });

  router.post('/refresh', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    await requirePermission(permissions, credentials, secretsRefreshPermission);
    const event = await auditor.createEvent({
      eventId: 'secrets-refresh',
      severityLevel: 'medium',
      request: req,
    });
    // the refresh runs in the background: a request never waits on a source
    options.refresh().then(
      () => event.success(),
      error => event.fail({ error }),
    );
    res.status(202).json({ status: 'scheduled' });
  });

  return router;
}
