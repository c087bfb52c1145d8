import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ClusterCredentialProviders } from './clusterCredentials';
import { ClusterConfig, readClusterConfig } from './readClusterConfig';

/** A service principal's client id and secret. */
export type PrincipalSecret = {
  clientId: string;
  clientSecret: string;
};

export interface AzureWorkloadIdentityConfig {
  azure: {
    tenantId?: string;
    resourceManagerEndpoint: string;
    authorityHost: string;
    identities?: {
      subscriptionId: string;
      resourceGroup: string;
      location: string;
    };
    credential?: PrincipalSecret;
    /**
     * Subscriptions whose tenant or principal differs from the portal's default; every other
     * subscription is reached with the default credential.
     */
    subscriptions: Array<{
      subscriptionId: string;
      tenantId?: string;
      credential?: PrincipalSecret;
    }>;
  };
  approvals: { approverGroup: string; otherOwners: OtherOwnersPolicy };
  /** The AKS clusters live pre-flight reads; empty means pre-flight is not configured. */
  clusters: ClusterConfig[];
}

/**
 * What a request that touches another owner's namespace or identity gets: refused outright, or
 * sent to the approvers with that reason.
 */
export interface OtherOwnersPolicy {
  namespace: 'refuse' | 'approval';
  identity: 'refuse' | 'approval';
}

const CONFIG_ROOT = 'azureWorkloadIdentity';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads and checks the plugin's configuration once, at start-up, so a typo fails the start
 * with the key to fix instead of failing the first request.
 */
export function readConfig(
  rootConfig: Config,
  options: {
    /** The ways to sign in to clusters; default the built-in ones. */
    clusterCredentials?: ClusterCredentialProviders;
  } = {},
): AzureWorkloadIdentityConfig {
  const config = rootConfig.getOptionalConfig(CONFIG_ROOT);
  const azure = config?.getOptionalConfig('azure');

  const tenantId = azure?.getOptionalString('tenantId');
  if (tenantId !== undefined && !GUID.test(tenantId)) {
    throw new InputError(
      `${CONFIG_ROOT}.azure.tenantId must be a tenant GUID, got '${tenantId}'`,
    );
  }

  const identitiesConfig = azure?.getOptionalConfig('identities');
  const identities = identitiesConfig && {
    subscriptionId: identitiesConfig.getString('subscriptionId'),
    resourceGroup: identitiesConfig.getString('resourceGroup'),
    location: identitiesConfig.getString('location'),
  };
  if (identities && !GUID.test(identities.subscriptionId)) {
    throw new InputError(
      `${CONFIG_ROOT}.azure.identities.subscriptionId must be a subscription GUID, got '${identities.subscriptionId}'`,
    );
  }

  // Absent in production, where DefaultAzureCredential signs in as the portal's own workload
  // identity (or whatever AZURE_* variables its environment holds).
  const credential = principalSecretOf(azure?.getOptionalConfig('credential'));

  const subscriptions = (
    azure?.getOptionalConfigArray('subscriptions') ?? []
  ).map((entry, index) => {
    const key = `${CONFIG_ROOT}.azure.subscriptions[${index}]`;
    const subscriptionId = entry.getString('subscriptionId');
    if (!GUID.test(subscriptionId)) {
      throw new InputError(
        `${key}.subscriptionId must be a subscription GUID, got '${subscriptionId}'`,
      );
    }
    const ownTenant = entry.getOptionalString('tenantId');
    if (ownTenant !== undefined && !GUID.test(ownTenant)) {
      throw new InputError(
        `${key}.tenantId must be a tenant GUID, got '${ownTenant}'`,
      );
    }
    return {
      subscriptionId,
      tenantId: ownTenant,
      credential: principalSecretOf(entry.getOptionalConfig('credential')),
    };
  });

  const approverGroup =
    config?.getOptionalString('approvals.approverGroup') ??
    'group:default/platform-team';
  if (!/^group:[^/]+\/.+$/.test(approverGroup)) {
    throw new InputError(
      `${CONFIG_ROOT}.approvals.approverGroup must be a group entity ref like group:default/platform-team, got '${approverGroup}'`,
    );
  }

  return {
    azure: {
      tenantId,
      resourceManagerEndpoint: httpsUrl(
        azure?.getOptionalString('resourceManagerEndpoint') ??
          'https://management.azure.com',
        'azure.resourceManagerEndpoint',
      ),
      authorityHost: httpsUrl(
        azure?.getOptionalString('authorityHost') ??
          'https://login.microsoftonline.com',
        'azure.authorityHost',
      ),
      identities,
      credential,
      subscriptions,
    },
    approvals: {
      approverGroup,
      otherOwners: {
        namespace: otherOwnersChoice(config, 'namespace'),
        identity: otherOwnersChoice(config, 'identity'),
      },
    },
    clusters: readClusterConfig(rootConfig, options.clusterCredentials),
  };
}

// An empty clientId is what an unset `${AZURE_CLIENT_ID}` substitutes to: no principal.
function principalSecretOf(config: Config | undefined) {
  if (!config?.getOptionalString('clientId')) return undefined;
  return {
    clientId: config.getString('clientId'),
    clientSecret: config.getString('clientSecret'),
  };
}

// The Azure SDKs refuse bearer tokens over plain http, so catch that here with a clear message.
function httpsUrl(value: string, key: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`${CONFIG_ROOT}.${key} must be a URL, got '${value}'`);
  }
  if (url.protocol !== 'https:') {
    throw new InputError(
      `${CONFIG_ROOT}.${key} must use https (Azure SDKs send tokens only over TLS), got '${value}'`,
    );
  }
  return value.replace(/\/+$/, '');
}

// Refusing is the default: sending another team's namespace or identity to approval is a
// choice an organisation makes knowingly.
function otherOwnersChoice(
  config: Config | undefined,
  what: keyof OtherOwnersPolicy,
): 'refuse' | 'approval' {
  const key = `approvals.otherOwners.${what}`;
  const value = config?.getOptionalString(key) ?? 'refuse';
  if (value !== 'refuse' && value !== 'approval') {
    throw new InputError(
      `${CONFIG_ROOT}.${key} must be refuse or approval, got '${value}'`,
    );
  }
  return value;
}
