import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { json, RunningServer, startHttpsServer } from '../../http';
import { jwkThumbprint, publicJwk, signJwt } from '../entra/jwt';

/**
 * A stand-in for a cluster's OIDC issuer (what the Kubernetes twin serves):
 * discovery and JWKS over HTTPS, and service-account-like tokens signed with
 * its current key. `rotate()` swaps the key, `stop()` makes it unreachable.
 */
export interface TestIssuer {
  /** Ends with `/`, like AKS issuers. */
  url: string;
  token(claims?: {
    sub?: string;
    aud?: string | string[];
    exp?: number;
    nbf?: number;
    iat?: number;
    iss?: string;
  }): string;
  rotate(): void;
  stop(): Promise<void>;
}

export async function startTestIssuer(
  tls: { certPem: string; keyPem: string },
  name = 'issuer',
): Promise<TestIssuer> {
  let key = newKey();
  let url = '';
  const server: RunningServer = await startHttpsServer({
    tls,
    port: 0,
    handler: async req => {
      if (req.path === `/${name}/.well-known/openid-configuration`) {
        return json(200, {
          issuer: url,
          jwks_uri: `${url}openid/v1/jwks`,
          response_types_supported: ['id_token'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
        });
      }
      if (req.path === `/${name}/openid/v1/jwks`) {
        return {
          status: 200,
          headers: { 'content-type': 'application/jwk-set+json' },
          body: { keys: [publicJwk(key.publicKey, key.kid)] },
        };
      }
      return undefined;
    },
  });
  url = `${server.url}/${name}/`;
  return {
    url,
    token(claims = {}) {
      const now = Math.floor(Date.now() / 1000);
      return signJwt(
        {
          iss: claims.iss ?? url,
          sub: claims.sub ?? 'system:serviceaccount:orders:orders-api',
          aud: claims.aud ?? ['api://AzureADTokenExchange'],
          iat: claims.iat ?? now,
          nbf: claims.nbf ?? now,
          exp: claims.exp ?? now + 3600,
        },
        key,
      );
    },
    rotate() {
      key = newKey();
    },
    stop: () => server.close(),
  };
}

function newKey(): {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
} {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
  });
  return { privateKey, publicKey, kid: jwkThumbprint(publicKey) };
}
