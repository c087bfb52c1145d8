import https from 'node:https';
import { DiscoveryResult } from '../azureTypes';

/**
 * `O1`: the issuer's OpenID discovery document and its JWKS, read anonymously as Entra ID reads
 * them. HTTP answers (404, not JSON) are data for `cluster-oidc-discovery-broken`; only a
 * network failure throws.
 */
export async function fetchDiscovery(options: {
  issuer: string;
  /** A private CA (the sandbox's); production trusts the system store. */
  ca?: string;
}): Promise<DiscoveryResult> {
  const base = options.issuer.endsWith('/')
    ? options.issuer
    : `${options.issuer}/`;
  const document = await getJson(
    `${base}.well-known/openid-configuration`,
    options.ca,
  );
  const result: DiscoveryResult = {
    httpStatus: document.status,
    document: document.body as DiscoveryResult['document'],
  };
  const jwksUri = result.document?.jwks_uri;
  if (document.status === 200 && typeof jwksUri === 'string') {
    const jwks = await getJson(jwksUri, options.ca);
    result.jwks = {
      httpStatus: jwks.status,
      keys: (jwks.body as { keys?: [] } | undefined)?.keys?.map(
        (k: { kid?: string; kty?: string; alg?: string }) => ({
          kid: k.kid,
          kty: k.kty,
          alg: k.alg,
        }),
      ),
    };
  }
  return result;
}

function getJson(
  url: string,
  ca?: string,
): Promise<{ status: number; body?: unknown }> {
  return new Promise((resolve, reject) => {
    const request = https.get(url, { ca, timeout: 10_000 }, response => {
      const chunks: Buffer[] = [];
      response.on('data', chunk => chunks.push(chunk));
      response.on('end', () => {
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          body = undefined;
        }
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    request.on('timeout', () =>
      request.destroy(new Error(`no answer from ${url} in time`)),
    );
    request.on('error', reject);
  });
}
