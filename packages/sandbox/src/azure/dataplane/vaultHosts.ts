import { normalizeAudience } from '../entra/accessTokens';

/**
 * Key Vault addresses each vault by a host of its own, `https://<vault>.vault.azure.net`, and
 * its 401 challenge names the resource `https://vault.azure.net`, the domain those hosts lie
 * under. The SDKs depend on both: they parse secret ids as `https://<host>/<collection>/<name>
 * [/<version>]`, and ask for a token only when the vault's host is under the challenge's
 * resource (https://aka.ms/azsdk/blog/vault-uri). Besides the path-style
 * `/keyvault/<vault>/…` of the twin's own host, the sandbox serves each vault at
 * `https://<vault>.vault.localhost:<port>`, the way a sovereign cloud does with its own suffix
 * (`*.vault.azure.cn` and `https://vault.azure.cn`), with the resource
 * `https://vault.localhost:<port>`.
 */
const VAULT_HOST = /^([a-z0-9-]{3,24})\.vault\.localhost(:\d+)?$/i;
const VAULT_AUDIENCE = /^https:\/\/vault\.localhost(:\d+)?$/;

/** The vault a request's `Host` names, if it is a per-vault host. */
export function vaultOfHost(host: string | undefined): string | undefined {
  return host ? VAULT_HOST.exec(host)?.[1] : undefined;
}

/** For a per-vault host: the resource its challenge names and the twin's own origin (the authority). */
export function vaultHostEndpoints(host: string): {
  resource: string;
  origin: string;
} {
  const port = VAULT_HOST.exec(host)?.[2] ?? '';
  return {
    resource: `https://vault.localhost${port}`,
    origin: `https://localhost${port}`,
  };
}

/** A token for the per-vault hosts' resource (any port of the sandbox). */
export function isSandboxVaultAudience(aud: string): boolean {
  return VAULT_AUDIENCE.test(normalizeAudience(aud));
}
