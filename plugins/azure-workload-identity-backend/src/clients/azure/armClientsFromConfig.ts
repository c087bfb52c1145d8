import { TokenCredential } from '@azure/identity';
import { AzureWorkloadIdentityConfig } from '../../config/readConfig';
import { AzureClientOptions } from './AzureClientOptions';
import { ArmClientsFor, createArmClients } from './createArmClients';
import { createAzureCredential } from './createAzureCredential';

interface BuiltForConfig {
  clients?: ArmClientsFor;
  /** The portal's credentials by tenant and configured principal. */
  credentials: Map<string, TokenCredential>;
}

// One credential and one set of clients per configuration: pre-flight, provisioning, the
// request form, the inspector and the clusters' Entra ID sign-in then share a token cache
// instead of signing in again each.
const built = new WeakMap<
  AzureWorkloadIdentityConfig,
  Map<AzureClientOptions | undefined, BuiltForConfig>
>();

function builtFor(
  config: AzureWorkloadIdentityConfig,
  clientOptions: AzureClientOptions | undefined,
): BuiltForConfig {
  let byOptions = built.get(config);
  if (!byOptions) {
    byOptions = new Map();
    built.set(config, byOptions);
  }
  let entry = byOptions.get(clientOptions);
  if (!entry) {
    entry = { credentials: new Map() };
    byOptions.set(clientOptions, entry);
  }
  return entry;
}

function tenantOf(config: AzureWorkloadIdentityConfig): string {
  if (!config.azure.tenantId) {
    throw new Error('azureWorkloadIdentity.azure.tenantId is not set');
  }
  return config.azure.tenantId;
}

/**
 * The portal's Azure credential for a subscription: the subscription's own principal or
 * tenant when `azure.subscriptions` names one, else the portal's default (a configured
 * client secret, or DefaultAzureCredential). Without a subscription: the default, which also
 * signs in to the clusters' Kubernetes APIs.
 */
export function azureCredentialFromConfig(
  config: AzureWorkloadIdentityConfig,
  clientOptions?: AzureClientOptions,
  subscriptionId?: string,
): TokenCredential {
  const defaultTenant = tenantOf(config);
  const own = subscriptionId
    ? config.azure.subscriptions.find(
        s => s.subscriptionId.toLowerCase() === subscriptionId.toLowerCase(),
      )
    : undefined;
  const tenantId = own?.tenantId ?? defaultTenant;
  const principal = own?.credential ?? config.azure.credential;
  const key = `${tenantId}/${principal?.clientId ?? 'default'}`;
  const { credentials } = builtFor(config, clientOptions);
  let credential = credentials.get(key);
  if (!credential) {
    credential = createAzureCredential({
      tenantId,
      authorityHost: config.azure.authorityHost,
      credential: principal,
      clientOptions,
    });
    credentials.set(key, credential);
  }
  return credential;
}

/** The portal's ARM clients as configured: its credentials, its ARM endpoint. */
export function armClientsFromConfig(
  config: AzureWorkloadIdentityConfig,
  clientOptions?: AzureClientOptions,
): ArmClientsFor {
  tenantOf(config);
  const entry = builtFor(config, clientOptions);
  if (!entry.clients) {
    entry.clients = createArmClients({
      credential: subscriptionId =>
        azureCredentialFromConfig(config, clientOptions, subscriptionId),
      endpoint: config.azure.resourceManagerEndpoint,
      clientOptions,
    });
  }
  return entry.clients;
}
