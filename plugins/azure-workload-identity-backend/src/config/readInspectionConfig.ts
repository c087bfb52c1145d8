import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { IssuerHistoryEntry } from '../inspection/snapshot';

export interface InspectionConfig {
  /** How long a component's chain is served from the cache. */
  cacheTtlMs: number;
  /** A refresh within this long of the last read is served from the cache. */
  refreshThrottleMs: number;
  /** How often one replica reads every component's chain anew. */
  scanIntervalMinutes: number;
  /** A fleet scan reuses a token probe outcome younger than this. */
  scanProbeIntervalMs: number;
  /** Issuers clusters had before a rebuild, so stale federated credentials are named as such. */
  issuerHistory: IssuerHistoryEntry[];
}

const ROOT = 'azureWorkloadIdentity.inspection';

/** Reads `azureWorkloadIdentity.inspection`, with the catalogue's defaults. */
export function readInspectionConfig(rootConfig: Config): InspectionConfig {
  const config = rootConfig.getOptionalConfig(ROOT);
  const seconds = (key: string, fallback: number) => {
    const value = config?.getOptionalNumber(key) ?? fallback;
    if (!(value >= 0)) {
      throw new InputError(
        `${ROOT}.${key} must be a number of seconds, got '${value}'`,
      );
    }
    return value * 1000;
  };
  const issuerHistory = (
    config?.getOptionalConfigArray('issuerHistory') ?? []
  ).map((entry, index) => {
    const issuer = entry.getString('issuer');
    if (!/^https:\/\//.test(issuer)) {
      throw new InputError(
        `${ROOT}.issuerHistory[${index}].issuer must be an https URL, got '${issuer}'`,
      );
    }
    return {
      cluster: entry.getString('cluster'),
      issuer,
      firstSeen: entry.getOptionalString('firstSeen') ?? '',
      lastSeen: entry.getOptionalString('lastSeen') ?? '',
    };
  });
  return {
    cacheTtlMs: seconds('cacheTtlSeconds', 900),
    scanIntervalMinutes: seconds('scanIntervalMinutes', 10) / 1000,
    scanProbeIntervalMs: seconds('scanProbeIntervalMinutes', 30) * 60,
    refreshThrottleMs: seconds('refreshThrottleSeconds', 10),
    issuerHistory,
  };
}
