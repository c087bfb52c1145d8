import { AuthService, HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import { z } from 'zod';
import { ChainService } from '../inspection/live/ChainService';
import { parseInput } from './inputProblems';

const NAME = /^[a-zA-Z0-9][\w.-]{0,252}$/;

const chainParamsSchema = z.object({
  kind: z.string().regex(NAME, 'use an entity kind, e.g. component'),
  namespace: z.string().regex(NAME, 'use an entity namespace, e.g. default'),
  name: z.string().regex(NAME, 'use an entity name, e.g. orders-api'),
});

const chainQuerySchema = z
  .object({
    refresh: z
      .enum(['true', 'false'], {
        errorMap: () => ({ message: 'use refresh=true or leave it out' }),
      })
      .optional(),
  })
  .strict();

/**
 * Whom the component is read as. A person reads it as themselves, so a chain is shown only to
 * those who may see the component. A service (e.g. a release pipeline with an external access
 * token restricted to this plugin) is trusted as Backstage trusts services, and its access
 * restrictions cannot be delegated to the catalog: the plugin reads the entity itself.
 */
async function readCredentials(
  req: express.Request,
  options: { httpAuth: HttpAuthService; auth?: AuthService },
) {
  const credentials = await options.httpAuth.credentials(req);
  if (options.auth && options.auth.isPrincipal(credentials, 'service')) {
    return options.auth.getOwnServiceCredentials();
  }
  return credentials;
}

/**
 * `GET /chain/:kind/:namespace/:name[?refresh=true]`: the component's live identity chain,
 * link by link, with its findings. The entity is read as the caller, so a chain is shown only
 * to those who may see the component. Every spelling of a ref is one chain, answered under the
 * catalog's spelling.
 */
export function addChainRoute(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    /** When given, services (pipelines) read entities with the plugin's own credentials. */
    auth?: AuthService;
    catalog: CatalogService;
    chains?: ChainService;
  },
) {
  router.get('/chain/:kind/:namespace/:name', async (req, res) => {
    const params = parseInput({
      schema: chainParamsSchema,
      input: req.params,
      what: 'entity',
    });
    const query = parseInput({
      schema: chainQuerySchema,
      input: req.query,
      what: 'query',
    });
    const requested = stringifyEntityRef(params);
    // Workloads are found from a component's annotations; any other kind has none to read.
    if (params.kind.toLowerCase() !== 'component') {
      throw new NotFoundError(
        `${requested} has no identity chain: the chain is only shown for components, e.g. component:default/orders-api`,
      );
    }
    if (!options.chains) {
      throw new ServiceUnavailableError(
        'live inspection is not configured: set azureWorkloadIdentity.azure.tenantId and azureWorkloadIdentity.clusters',
      );
    }
    const entity = await options.catalog.getEntityByRef(requested, {
      credentials: await readCredentials(req, options),
    });
    if (!entity) {
      throw new NotFoundError(
        `${requested} is not in the catalog, or you may not see it`,
      );
    }
    res.json(
      await options.chains.chainOf(
        {
          entityRef: stringifyEntityRef(entity),
          annotations: entity.metadata.annotations ?? {},
        },
        { refresh: query.refresh === 'true' },
      ),
    );
  });
}
