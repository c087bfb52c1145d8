import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { INSPECTED_FIELDS, inspectedEntityOf } from './inspectedEntity';
import { InspectedEntity } from './LiveInspector';

/**
 * Reads every component's chain anew, a few at a time, so cards and the inventory are fresh
 * without a viewer waiting. Components that name no workload are skipped; one component that
 * fails does not stop the scan.
 */
export async function scanFleet(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  chains: {
    refresh(entity: InspectedEntity): Promise<unknown>;
    startScan?(): { refresh(entity: InspectedEntity): Promise<unknown> };
  };
  logger: LoggerService;
  concurrency?: number;
}): Promise<{ scanned: number; failed: number }> {
  const { items: entities } = await options.catalog.getEntities(
    { filter: { kind: 'Component' }, fields: INSPECTED_FIELDS },
    { credentials: options.credentials },
  );
  const queue: InspectedEntity[] = entities.flatMap(
    entity => inspectedEntityOf(entity) ?? [],
  );
  // One scan: reads the components share (cluster, namespace, subscription) are made once.
  const scan = options.chains.startScan?.() ?? options.chains;
  let scanned = 0;
  let failed = 0;
  const worker = async () => {
    for (let entity = queue.shift(); entity; entity = queue.shift()) {
      try {
        await scan.refresh(entity);
        scanned += 1;
      } catch (error) {
        failed += 1;
        options.logger.warn(
          `Could not inspect ${entity.entityRef}: ${(error as Error).message}`,
        );
      }
    }
  };
  await Promise.all(
    Array.from({ length: options.concurrency ?? 4 }, () => worker()),
  );
  return { scanned, failed };
}
