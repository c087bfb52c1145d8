/**
 * Pipeline options passed to every Azure SDK client and credential. Production passes none;
 * tests pass the sandbox CA (`tlsOptions.ca`) instead of setting NODE_EXTRA_CA_CERTS, and may
 * turn retries off so an unreachable endpoint fails fast.
 */
export interface AzureClientOptions {
  tlsOptions?: { ca?: string };
  retryOptions?: { maxRetries?: number };
}
