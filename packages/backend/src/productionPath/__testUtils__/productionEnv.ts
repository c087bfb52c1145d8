import { SandboxProcess } from './startSandboxProcess';

/**
 * The environment a deployment of app-config.production.yaml sets, pointed at the sandbox:
 * DefaultAzureCredential's own variables for the portal's principal, the "cloud"'s endpoints
 * (as for a sovereign cloud), the clusters' API servers and CAs, PostgreSQL and Redis. The
 * sandbox CA is trusted the way a private CA is, with NODE_EXTRA_CA_CERTS.
 */
export function productionEnv(options: {
  sandbox: SandboxProcess;
  postgres: string;
  redis: string;
  /** Keeps this run's databases and cache keys apart from any other's. */
  runId: string;
  identitiesSubscriptionId: string;
  fleetScanIntervalMinutes: number;
}): Record<string, string> {
  const { sandbox } = options;
  const azure = sandbox.azureEnv;
  const postgres = new URL(options.postgres);
  const env: Record<string, string> = {
    AZURE_TENANT_ID: azure.AZURE_TENANT_ID,
    AZURE_CLIENT_ID: azure.AZURE_CLIENT_ID,
    AZURE_CLIENT_SECRET: azure.AZURE_CLIENT_SECRET,
    AZURE_AUTHORITY_HOST: azure.AZURE_AUTHORITY_HOST,
    AZURE_RESOURCE_MANAGER_ENDPOINT: azure.AZURE_RESOURCE_MANAGER_ENDPOINT,
    NODE_EXTRA_CA_CERTS: azure.NODE_EXTRA_CA_CERTS,
    AZURE_IDENTITIES_SUBSCRIPTION_ID: options.identitiesSubscriptionId,
    POSTGRES_HOST: postgres.hostname,
    POSTGRES_PORT: postgres.port || '5432',
    POSTGRES_USER: decodeURIComponent(postgres.username),
    POSTGRES_PASSWORD: decodeURIComponent(postgres.password),
    BACKSTAGE_DATABASE_PREFIX: `awi_${options.runId}_`,
    REDIS_URL: options.redis,
    BACKSTAGE_CACHE_NAMESPACE: `awi-${options.runId}`,
    AWI_FLEET_SCAN_INTERVAL_MINUTES: String(options.fleetScanIntervalMinutes),
  };
  for (const cluster of sandbox.clusters) {
    const key = cluster.name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
    env[`${key}_API_SERVER`] = cluster.url;
    env[`${key}_CA_DATA`] = cluster.caData;
    env[`${key}_SUBSCRIPTION_ID`] = cluster.subscriptionId;
    env[`${key}_RESOURCE_GROUP`] = cluster.resourceGroup;
  }
  return env;
}
