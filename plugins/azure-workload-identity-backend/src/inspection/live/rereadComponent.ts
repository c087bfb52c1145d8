import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { inspectedEntityOf } from './inspectedEntity';
import { InspectedEntity } from './LiveInspector';

/**
 * Reads a component's chain again right after a request changed it (built, failed, revoked),
 * so the card and the inventory show the change without waiting for the next fleet scan.
 * Best effort: a failure is logged, and the next scan or viewer reads it anyway.
 */
export async function rereadComponent(options: {
  entityRef: string;
  catalog: CatalogService;
  credentials: () => Promise<BackstageCredentials>;
  chains: { refreshAfterChange(entity: InspectedEntity): Promise<unknown> };
  logger: LoggerService;
}): Promise<void> {
  try {
    const entity = await options.catalog.getEntityByRef(options.entityRef, {
      credentials: await options.credentials(),
    });
    const inspected = entity && inspectedEntityOf(entity);
    if (inspected) await options.chains.refreshAfterChange(inspected);
  } catch (error) {
    options.logger.warn(
      `Could not read ${
        options.entityRef
      }'s chain again after its request changed: ${(error as Error).message}`,
    );
  }
}
