import { chain, Handler, header } from '../../http';
import { TwinContext } from '../context';
import { withRealism } from '../faults/applyRealism';
import { createBlobRoutes } from './blob';
import { createKeyVaultRoutes } from './keyvault';
import { createMessagingRoutes } from './messaging';
import { vaultOfHost } from './vaultHosts';

const PREFIXES = new Set([
  'blob',
  'queue',
  'keyvault',
  'servicebus',
  'eventhubs',
]);

/**
 * Blob, storage queue, Key Vault, Service Bus and Event Hubs on path prefixes of the one host,
 * and Key Vault on each vault's own host too.
 */
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
  return async req => {
    // A vault's own host (<vault>.vault.localhost) serves what /keyvault/<vault> serves.
    const vault = vaultOfHost(header(req, 'host'));
    if (vault)
      return inner({
        ...req,
        path: `/keyvault/${vault}${req.path === '/' ? '' : req.path}`,
      });
    return PREFIXES.has(req.path.split('/')[1]?.toLowerCase() ?? '')
      ? inner(req)
      : undefined;
  };
}
