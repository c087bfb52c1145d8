import { HttpAuthService } from '@backstage/backend-plugin-api';
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
 * `GET /chain/:kind/:namespace/:name[?refresh=true]`: the component's live identity chain,
 * link by link, with its findings. The entity is read as the caller, so a chain is shown only
 * to those who may see the component.
 */
export function addChainRoute(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
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
    if (!options.chains) {
      throw new ServiceUnavailableError(
        'live inspection is not configured: set azureWorkloadIdentity.azure.tenantId and azureWorkloadIdentity.clusters',
      );
    }
    const entityRef = `${params.kind.toLowerCase()}:${params.namespace}/${
      params.name
    }`;
    const entity = await options.catalog.getEntityByRef(entityRef, {
      credentials: await options.httpAuth.credentials(req),
    });
    if (!entity) {
      throw new NotFoundError(
        `${entityRef} is not in the catalog, or you may not see it`,
      );
    }
    res.json(
      await options.chains.chainOf(
        { entityRef, annotations: entity.metadata.annotations ?? {} },
        { refresh: query.refresh === 'true' },
      ),
    );
  });
}
