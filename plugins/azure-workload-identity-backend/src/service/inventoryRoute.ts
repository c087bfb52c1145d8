import { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { KUBERNETES_ANNOTATIONS } from '@backstage-community/plugin-azure-workload-identity-common';
import express from 'express';
import { z } from 'zod';
import { parseInput } from './inputProblems';
import { ChainService } from '../inspection/live/ChainService';
import { inventoryRows } from '../inventory/inventoryRows';

/**
 * `GET /inventory`: which components hold which roles on which scopes, with each chain's
 * worst finding, from what the fleet scan (or a viewer) last read. Only components the caller
 * may see are listed; those not read yet are named, not guessed.
 */
export function addInventoryRoute(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    catalog: CatalogService;
    chains?: ChainService;
  },
) {
  router.get('/inventory', async (req, res) => {
    // It takes no parameters: a typo'd filter must not look like an empty fleet.
    parseInput({
      schema: z.object({}).strict(),
      input: req.query,
      what: 'query',
    });
    const { chains } = options;
    if (!chains) {
      throw new ServiceUnavailableError(
        'live inspection is not configured: set azureWorkloadIdentity.azure.tenantId and azureWorkloadIdentity.clusters',
      );
    }
    const { items: entities } = await options.catalog.getEntities(
      {
        filter: { kind: 'Component' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.owner',
        ],
      },
      { credentials: await options.httpAuth.credentials(req) },
    );
    const items = [];
    const notScanned: string[] = [];
    for (const entity of entities) {
      const annotations = entity.metadata.annotations ?? {};
      if (
        !annotations[KUBERNETES_ANNOTATIONS.id] &&
        !annotations[KUBERNETES_ANNOTATIONS.labelSelector]
      ) {
        continue;
      }
      // The spelling the chains are cached under, and the one the inventory names.
      const entityRef = stringifyEntityRef(entity);
      const chain = await chains.cached(entityRef);
      if (!chain) {
        notScanned.push(entityRef);
        continue;
      }
      items.push(
        ...inventoryRows(chain, {
          owner: (entity.spec as { owner?: string } | undefined)?.owner,
        }),
      );
    }
    res.json({ items, notScanned });
  });
}
