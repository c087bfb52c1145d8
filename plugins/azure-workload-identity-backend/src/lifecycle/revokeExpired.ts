import { LoggerService } from '@backstage/backend-plugin-api';
import { RequestStore } from '../database/RequestStore';
import { RequestConflictError } from '../requests/errors';
import { PLUGIN_ACTOR } from '../requests/RequestDecisions';
import { Revoker } from './Revoker';

/**
 * Revokes every active request past its expiry. Run by a scheduled task of global scope, so
 * one replica at a time; a request another replica got to first is skipped.
 */
export async function revokeExpired(options: {
  store: RequestStore;
  revoker: Revoker;
  logger: LoggerService;
  now?: Date;
}): Promise<number> {
  const now = options.now ?? new Date();
  const ids = await options.store.listExpired({ now, limit: 100 });
  let revoked = 0;
  for (const id of ids) {
    try {
      await options.revoker.revoke({
        id,
        actor: PLUGIN_ACTOR,
        reason: `expired (checked at ${now.toISOString()})`,
      });
      revoked++;
    } catch (error) {
      if (error instanceof RequestConflictError) continue;
      // One request that cannot be revoked now must not stop the others; the next run retries.
      options.logger.warn(
        `Could not revoke expired request ${id}: ${(error as Error).message}`,
      );
    }
  }
  return revoked;
}
