import {
  ClientSecretCredential,
  DefaultAzureCredential,
  TokenCredential,
} from '@azure/identity';
import { AzureClientOptions } from './AzureClientOptions';

export const PUBLIC_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/**
 * The portal's own credential: a client secret when one is configured (the sandbox, local
 * development), else DefaultAzureCredential (in AKS, the Backstage pod's workload identity).
 */
export function createAzureCredential(options: {
  tenantId: string;
  authorityHost: string;
  credential?: { clientId: string; clientSecret: string };
  clientOptions?: AzureClientOptions;
}): TokenCredential {
  const common = {
    authorityHost: options.authorityHost,
    // Instance discovery asks login.microsoftonline.com whether the authority is known; for a
    // sovereign cloud, Azure Stack or the sandbox that call goes to the wrong cloud or fails.
    disableInstanceDiscovery: !isPublicAuthority(options.authorityHost),
    ...options.clientOptions,
  };
  if (options.credential) {
    return new ClientSecretCredential(
      options.tenantId,
      options.credential.clientId,
      options.credential.clientSecret,
      common,
    );
  }
  return new DefaultAzureCredential({
    tenantId: options.tenantId,
    ...common,
  });
}

function isPublicAuthority(authorityHost: string): boolean {
  return (
    authorityHost.replace(/\/+$/, '').toLowerCase() === PUBLIC_AUTHORITY_HOST
  );
}
