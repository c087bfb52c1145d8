import {
  AuthService,
  LoggerService,
  RootLifecycleService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RequestStore } from '../database/RequestStore';
import { GuardrailSync } from '../guardrails/GuardrailSync';
import { ChainService } from '../inspection/live/ChainService';
import { scanFleet } from '../inspection/live/scanFleet';
import { remindExpiring } from '../lifecycle/remindExpiring';
import { revokeExpired } from '../lifecycle/revokeExpired';
import { Revoker } from '../lifecycle/Revoker';
import { RequestNotifier } from '../notifications/RequestNotifier';
import { Provisioner } from '../provisioning/Provisioner';

/**
 * The plugin's background work, each task only where what it needs is configured: applying
 * what waits, revoking what expired, and scanning the fleet's chains.
 */
export async function scheduleTasks(options: {
  scheduler: SchedulerService;
  lifecycle: RootLifecycleService;
  logger: LoggerService;
  store: RequestStore;
  notifier: RequestNotifier;
  provisioner?: Provisioner;
  revoker?: Revoker;
  chains?: ChainService;
  guardrails?: GuardrailSync;
  catalog: CatalogService;
  auth: AuthService;
  scanIntervalMinutes: number;
}): Promise<void> {
  const { scheduler, logger, store, notifier, provisioner, revoker, chains } =
    options;
  if (provisioner) {
    // Picks up what no replica is applying: approved while provisioning was down, or left
    // half-done by a replica that died. Local scope: every replica sweeps, and the leases
    // decide who applies what.
    await scheduler.scheduleTask({
      id: 'azure-workload-identity-apply-pending',
      frequency: { seconds: 15 },
      timeout: { minutes: 30 },
      initialDelay: { seconds: 1 },
      scope: 'local',
      fn: async () => {
        await provisioner.applyPending();
      },
    });
    options.lifecycle.addShutdownHook(() => provisioner.stop());
  }
  if (revoker) {
    // Global scope: one replica at a time revokes what has expired.
    await scheduler.scheduleTask({
      id: 'azure-workload-identity-revoke-expired',
      frequency: { minutes: 5 },
      timeout: { minutes: 10 },
      initialDelay: { seconds: 30 },
      scope: 'global',
      fn: async () => {
        await remindExpiring({ store, notifier, logger });
        await revokeExpired({ store, revoker, logger });
      },
    });
  }
  if (chains) {
    // Global scope: one replica scans the fleet per interval; all serve the cache.
    await scheduler.scheduleTask({
      id: 'azure-workload-identity-fleet-scan',
      frequency: { minutes: options.scanIntervalMinutes },
      timeout: { minutes: 30 },
      initialDelay: { seconds: 15 },
      scope: 'global',
      fn: async () => {
        logger.info('Fleet scan started');
        const { scanned, failed } = await scanFleet({
          catalog: options.catalog,
          credentials: await options.auth.getOwnServiceCredentials(),
          chains,
          logger,
        });
        logger.info(
          `Fleet scan read ${scanned} components' chains${
            failed ? `, ${failed} failed` : ''
          }`,
        );
      },
    });
  }
  if (options.guardrails && provisioner) {
    const { guardrails } = options;
    // Global scope: one replica keeps every cluster's guardrails current, so a mode change or
    // a hand-edited policy is put right without waiting for the next request.
    await scheduler.scheduleTask({
      id: 'azure-workload-identity-guardrails',
      frequency: { minutes: 10 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 20 },
      scope: 'global',
      fn: () => guardrails.syncAll(),
    });
  }
}
