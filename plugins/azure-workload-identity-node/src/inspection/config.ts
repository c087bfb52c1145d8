/**
 * The `azureWorkloadIdentity.inspection.healthRules` settings the rules read.
 *
 * @public
 */
export interface HealthRulesConfig {
  maxComponentsPerIdentity: number;
  ficNearLimit: number;
  ficPropagationMinutes: number;
  rbacPropagationMinutes: number;
  requestExpiryWarnDays: number;
  sidecarPatterns: string[];
  /** Issuers outside the configured clusters that FICs may trust (e.g. GitHub Actions). */
  externalIssuers: string[];
  inspectSecrets: boolean;
  allowUnknownClientIds: boolean;
  /** Object id of the portal's own principal, for the Reader fix of `inspect-read-forbidden`. */
  backstagePrincipalId?: string;
}

/** @public */
export const DEFAULT_HEALTH_RULES_CONFIG: HealthRulesConfig = {
  maxComponentsPerIdentity: 1,
  ficNearLimit: 16,
  ficPropagationMinutes: 5,
  rbacPropagationMinutes: 10,
  requestExpiryWarnDays: 7,
  sidecarPatterns: [
    'istio-proxy',
    'istio-init',
    'linkerd-proxy',
    'linkerd-init',
    'envoy',
    'fluent-bit',
    'fluentd',
    'vector',
    'datadog-agent',
    'otel-collector',
    'opentelemetry-collector',
    'vault-agent',
    'cloud-sql-proxy',
    'oauth2-proxy',
  ],
  externalIssuers: [],
  inspectSecrets: false,
  allowUnknownClientIds: false,
};
