import { randomUUID } from 'node:crypto';
import { Jwk, newSigningKey, publicJwk, SigningKey, signJwt } from './jwt';

export interface ServiceAccountTokenRequest {
  namespace: string;
  serviceAccount: { name: string; uid: string };
  audiences: string[];
  expirationSeconds: number;
  /** Set for projected (pod-bound) tokens. */
  pod?: { name: string; uid: string };
  node?: { name: string; uid: string };
  /** Epoch ms; the cluster clock (which a scenario may skew). */
  now: number;
}

/**
 * One cluster's service-account token issuer: its URL, its signing keys and
 * the issuers it had before. What AKS does is mirrored: rotating the signing
 * key keeps the URL and publishes the old key next to the new one until it is
 * retired; rebuilding the cluster gives a new URL (new GUID) and a new key.
 */
export class ClusterIssuer {
  private keys: SigningKey[];
  private history: string[] = [];
  /** When false the discovery document and JWKS answer 404 (a broken issuer). */
  serving = true;

  constructor(private currentUrl: string, key: SigningKey = newSigningKey()) {
    this.keys = [key];
  }

  get url(): string {
    return this.currentUrl;
  }

  /** Issuers this cluster had before, oldest first. */
  get previousUrls(): string[] {
    return [...this.history];
  }

  get signingKey(): SigningKey {
    return this.keys[0];
  }

  /** New signing key; the previous one stays in the JWKS unless `retirePrevious`. */
  rotateSigningKey(
    options: { retirePrevious?: boolean; key?: SigningKey } = {},
  ): SigningKey {
    const key = options.key ?? newSigningKey();
    this.keys = options.retirePrevious ? [key] : [key, ...this.keys];
    return key;
  }

  /** Drops every key but the active one (the end of AKS's 24 h overlap). */
  retireOldKeys(): void {
    this.keys = [this.keys[0]];
  }

  /** A rebuilt cluster: new issuer URL and key; the old URL goes to the history. */
  changeUrl(
    url: string,
    options: { key?: SigningKey; history?: string[] } = {},
  ): void {
    if (url !== this.currentUrl) this.history.push(this.currentUrl);
    if (options.history) this.history = options.history.filter(h => h !== url);
    this.currentUrl = url;
    this.keys = [options.key ?? newSigningKey()];
  }

  /** Puts URL, key and history back as given (a demo reset). */
  restore(state: { url: string; key: SigningKey; history: string[] }): void {
    this.currentUrl = state.url;
    this.keys = [state.key];
    this.history = [...state.history];
    this.serving = true;
  }

  discoveryDocument(): Record<string, unknown> {
    return {
      issuer: this.currentUrl,
      jwks_uri: `${this.currentUrl}openid/v1/jwks`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    };
  }

  jwks(): { keys: Jwk[] } {
    return { keys: this.keys.map(publicJwk) };
  }

  issue(request: ServiceAccountTokenRequest): {
    token: string;
    expiresAt: number;
  } {
    const iat = Math.floor(request.now / 1000);
    const exp = iat + request.expirationSeconds;
    const k8s: Record<string, unknown> = {
      namespace: request.namespace,
      ...(request.node ? { node: request.node } : {}),
      ...(request.pod ? { pod: request.pod } : {}),
      serviceaccount: request.serviceAccount,
    };
    // Bound tokens longer than an hour carry warnafter, as kube-apiserver writes it.
    if (request.pod && request.expirationSeconds > 3607)
      k8s.warnafter = iat + 3607;
    const token = signJwt(
      {
        aud: request.audiences,
        exp,
        iat,
        iss: this.currentUrl,
        jti: randomUUID(),
        'kubernetes.io': k8s,
        nbf: iat,
        sub: `system:serviceaccount:${request.namespace}:${request.serviceAccount.name}`,
      },
      this.signingKey,
    );
    return { token, expiresAt: exp * 1000 };
  }
}
