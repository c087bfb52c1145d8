import { LoggerService } from '@backstage/backend-plugin-api';
import { ChainView } from '@backstage-community/plugin-azure-workload-identity-common';
import { AzureWorkloadIdentityApi } from '../client/AzureWorkloadIdentityApi';

/**
 * A live read asks the clusters and Azure; the run's last words should not wait on a slow one
 * for long, as the request page reads the chain again anyway.
 */
const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * The component's live chain for the next step, as the user who ran the template sees it; or
 * undefined, with the reason in the log, when it cannot be read in time (no live inspection,
 * a cluster that does not answer). The step then names no workload rather than guess one.
 */
export async function readLiveChain(options: {
  api: AzureWorkloadIdentityApi;
  entityRef: string;
  token: () => Promise<string>;
  logger: LoggerService;
  /** The task's own signal: a cancelled task stops here too. */
  signal?: AbortSignal;
  timeoutMs?: number;
}): Promise<ChainView | undefined> {
  const { api } = options;
  if (!api.getChain) return undefined;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    return await api.getChain({
      entityRef: options.entityRef,
      token: await options.token(),
      signal: options.signal
        ? AbortSignal.any([options.signal, timeout])
        : timeout,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const reason = timeout.aborted
      ? `no answer within ${timeoutMs / 1000}s`
      : (error as Error).message;
    options.logger.info(
      `Could not read the live chain of ${options.entityRef} (${reason}), so the next step names no workload.`,
    );
    return undefined;
  }
}
