import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { HealthRulesConfig } from '../inspection/config';
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
  /** The rules' settings that differ from the catalogue's defaults. */
  healthRules: Partial<HealthRulesConfig>;
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
    healthRules: readHealthRules(config?.getOptionalConfig('healthRules')),
    cacheTtlMs: seconds('cacheTtlSeconds', 900),
    scanIntervalMinutes: seconds('scanIntervalMinutes', 10) / 1000,
    scanProbeIntervalMs: seconds('scanProbeIntervalMinutes', 30) * 60,
    refreshThrottleMs: seconds('refreshThrottleSeconds', 10),
    issuerHistory,
  };
}

const HEALTH_RULES = `${ROOT}.healthRules`;

/** `inspection.healthRules`: only what is set, so the catalogue's defaults fill the rest. */
function readHealthRules(config?: Config): Partial<HealthRulesConfig> {
  if (!config) return {};
  const settings: Partial<HealthRulesConfig> = {};
  const count = (key: keyof HealthRulesConfig, min: number) => {
    const value = config.getOptionalNumber(key);
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || value < min) {
      throw new InputError(
        `${HEALTH_RULES}.${key} must be a whole number of at least ${min}, got '${value}'`,
      );
    }
    return value;
  };
  const numbers = [
    ['maxComponentsPerIdentity', 1],
    ['ficNearLimit', 1],
    ['ficPropagationMinutes', 0],
    ['rbacPropagationMinutes', 0],
    ['requestExpiryWarnDays', 0],
  ] as const;
  for (const [key, min] of numbers) {
    const value = count(key, min);
    if (value !== undefined) settings[key] = value;
  }
  const sidecarPatterns = config.getOptionalStringArray('sidecarPatterns');
  if (sidecarPatterns) settings.sidecarPatterns = sidecarPatterns;
  const externalIssuers = config.getOptionalStringArray('externalIssuers');
  if (externalIssuers) {
    const bad = externalIssuers.find(i => !/^https:\/\//.test(i));
    if (bad) {
      throw new InputError(
        `${HEALTH_RULES}.externalIssuers must be https URLs, got '${bad}'`,
      );
    }
    settings.externalIssuers = externalIssuers;
  }
  const inspectSecrets = config.getOptionalBoolean('inspectSecrets');
  if (inspectSecrets !== undefined) settings.inspectSecrets = inspectSecrets;
  const allowUnknown = config.getOptionalBoolean('allowUnknownClientIds');
  if (allowUnknown !== undefined) settings.allowUnknownClientIds = allowUnknown;
  const principal = config.getOptionalString('backstagePrincipalId');
  if (principal) settings.backstagePrincipalId = principal;
  return settings;
}
