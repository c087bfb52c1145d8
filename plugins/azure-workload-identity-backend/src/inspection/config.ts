// The inspection model lives in the -node package, so adopters' rules read the same types.
export type { HealthRulesConfig } from '@backstage-community/plugin-azure-workload-identity-node';
export { DEFAULT_HEALTH_RULES_CONFIG } from '@backstage-community/plugin-azure-workload-identity-node';
