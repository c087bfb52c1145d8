import https from 'node:https';
import tls from 'node:tls';

export interface IssuerKeysResult {
  ok: boolean;
  keys: Array<JsonWebKey & { kid?: string }>;
  /** Why the fetch failed, for the AADSTS90061 message. */
  error?: string;
}

export type IssuerKeyFetcher = (issuer: string) => Promise<IssuerKeysResult>;

/**
 * Fetches an OIDC issuer's discovery document and JWKS over HTTPS, every
 * time: Entra must see a rotated or unreachable issuer as it is now. The
 * sandbox CA is trusted in addition to the public roots, so issuers served
 * by the Kubernetes twin verify without any coupling to its code.
 */
export function createIssuerKeyFetcher(options: {
  caPem?: string;
  timeoutMs?: number;
}): IssuerKeyFetcher {
  const ca = options.caPem
    ? [...tls.rootCertificates, options.caPem]
    : undefined;
  const timeoutMs = options.timeoutMs ?? 5_000;
  return async issuer => {
    try {
      const discoveryUrl = `${issuer}${
        issuer.endsWith('/') ? '' : '/'
      }.well-known/openid-configuration`;
      const discovery = (await getJson(discoveryUrl, ca, timeoutMs)) as {
        issuer?: string;
        jwks_uri?: string;
      };
      if (discovery.issuer !== issuer) {
        return {
          ok: false,
          keys: [],
          error: `discovery document issuer '${discovery.issuer}' does not match '${issuer}'`,
        };
      }
      if (!discovery.jwks_uri)
        return {
          ok: false,
          keys: [],
          error: 'discovery document has no jwks_uri',
        };
      const jwks = (await getJson(discovery.jwks_uri, ca, timeoutMs)) as {
        keys?: JsonWebKey[];
      };
      return { ok: true, keys: Array.isArray(jwks.keys) ? jwks.keys : [] };
    } catch (e) {
      return { ok: false, keys: [], error: (e as Error).message };
    }
  };
}

function getJson(
  url: string,
  ca: string[] | undefined,
  timeoutMs: number,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    if (u.protocol !== 'https:') {
      reject(new Error(`issuer URL must use https: ${url}`));
      return;
    }
    const req = https.get(
      u,
      { ca, timeout: timeoutMs, headers: { accept: 'application/json' } },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          if ((res.statusCode ?? 0) >= 400) {
            reject(new Error(`GET ${url} answered ${res.statusCode}`));
            return;
          }
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            reject(new Error(`GET ${url} did not return JSON`));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`GET ${url} timed out after ${timeoutMs} ms`)),
    );
    req.on('error', reject);
  });
}
