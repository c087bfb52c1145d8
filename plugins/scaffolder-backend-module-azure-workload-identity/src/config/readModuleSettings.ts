import { RootConfigService } from '@backstage/backend-plugin-api';
import { AZURE_WORKLOAD_IDENTITY_PLUGIN_ID } from '@backstage-community/plugin-azure-workload-identity-common';

/** Provisioning waits out Azure's replication delays, which take minutes, not seconds. */
const DEFAULT_WAIT_TIMEOUT_SECONDS = 600;
/** Often enough that progress reads as live, rarely enough not to load the backend. */
const DEFAULT_POLL_INTERVAL_MS = 1_500;

/** @public */
export interface ModuleSettings {
  /** The frontend page of a request, for people to follow it. */
  requestUrl(requestId: string): string;
  /** How long the request action follows a request that is being provisioned. */
  waitTimeoutMs: number;
  pollIntervalMs: number;
}

/**
 * Reads everything this module takes from app-config, with errors that name the key.
 *
 * @public
 */
export function readModuleSettings(config: RootConfigService): ModuleSettings {
  const appBaseUrl = config.getString('app.baseUrl').replace(/\/+$/, '');
  const key = 'azureWorkloadIdentity.scaffolder.waitTimeoutSeconds';
  const waitTimeoutSeconds =
    config.getOptionalNumber(key) ?? DEFAULT_WAIT_TIMEOUT_SECONDS;
  if (!(waitTimeoutSeconds > 0)) {
    throw new Error(
      `${key} must be a positive number of seconds, got ${waitTimeoutSeconds}`,
    );
  }
  return {
    requestUrl: requestId =>
      `${appBaseUrl}/${AZURE_WORKLOAD_IDENTITY_PLUGIN_ID}/requests/${encodeURIComponent(
        requestId,
      )}`,
    waitTimeoutMs: waitTimeoutSeconds * 1000,
    pollIntervalMs: DEFAULT_POLL_INTERVAL_MS,
  };
}
