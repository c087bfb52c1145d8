import { chain, Handler } from '../../http';
import { TwinContext } from '../context';
import { withRealism } from '../faults/applyRealism';
import { createBlobRoutes } from './blob';
import { createKeyVaultRoutes } from './keyvault';
import { createMessagingRoutes } from './messaging';

const PREFIXES = new Set([
  'blob',
  'queue',
  'keyvault',
  'servicebus',
  'eventhubs',
]);

/** Blob, storage queue, Key Vault, Service Bus and Event Hubs on path prefixes of the one host. */
export function createDataplaneHandler(ctx: TwinContext): Handler {
  const inner = withRealism(
    ctx,
    'dataplane',
    chain(
      createBlobRoutes(ctx),
      createKeyVaultRoutes(ctx),
      createMessagingRoutes(ctx),
    ),
  );
  return async req =>
    PREFIXES.has(req.path.split('/')[1]?.toLowerCase() ?? '')
      ? inner(req)
      : undefined;
}
