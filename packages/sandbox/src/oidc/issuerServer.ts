import { ClusterIssuer } from './ClusterIssuer';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Answers the anonymous OIDC endpoints of every registered issuer, the way
 * `oidc.prod-aks.azure.com` does for AKS: `<issuer>.well-known/openid-configuration`
 * and `<issuer>openid/v1/jwks`. Issuers are looked up by URL path, so one
 * HTTPS server hosts all clusters' issuers.
 */
export class IssuerDirectory {
  private issuers = new Set<ClusterIssuer>();

  register(issuer: ClusterIssuer): void {
    this.issuers.add(issuer);
  }

  /** Node request listener; answers 404 for anything that is not a served issuer document. */
  readonly listener = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'https://localhost').pathname.replace(
      /\/{2,}/g,
      '/',
    );
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, {
        'content-type': type,
        'cache-control': 'public, max-age=0',
      });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, { error: 'method not allowed' });
      return;
    }
    for (const issuer of this.issuers) {
      const base = new URL(issuer.url).pathname.replace(/\/?$/, '/');
      if (!path.startsWith(base)) continue;
      const rest = path.slice(base.length);
      if (!issuer.serving) break;
      if (rest === '.well-known/openid-configuration') {
        send(200, issuer.discoveryDocument());
        return;
      }
      if (rest === 'openid/v1/jwks') {
        send(200, issuer.jwks(), 'application/jwk-set+json');
        return;
      }
    }
    send(404, '404 page not found\n', 'text/plain; charset=utf-8');
  };
}
