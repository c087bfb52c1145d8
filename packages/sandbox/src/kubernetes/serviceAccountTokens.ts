import { ClusterIssuer } from '../oidc';
import { invalid } from './api/status';
import { ClusterNode } from './node';
import { ObjectReader } from './objectAccess';
import { isoSeconds } from './store';

/** The API server's own audience (AKS: its FQDN; here the conventional in-cluster name). */
export const API_AUDIENCE = 'https://kubernetes.default.svc.cluster.local';

export interface TokenRequestSpec {
  audiences?: string[];
  expirationSeconds?: number;
  /** The pod the token is bound to (a projected volume's token, or `kubectl create token --bound-object-kind Pod`). */
  pod?: { name: string; uid: string };
}

export interface IssuedToken {
  token: string;
  expirationTimestamp: string;
  audiences: string[];
  expirationSeconds: number;
}

/**
 * TokenRequest (the `token` subresource of a service account): a JWT signed with the
 * cluster's issuer key. The clock is the cluster's, offset included, which is how
 * clock skew is staged.
 */
export class ServiceAccountTokens {
  constructor(
    private readonly options: {
      objects: ObjectReader;
      issuer: ClusterIssuer;
      node: ClusterNode;
      /** Milliseconds, the cluster's clock offset applied. */
      clock: () => number;
    },
  ) {}

  request(
    namespace: string,
    serviceAccount: string,
    spec: TokenRequestSpec = {},
  ): IssuedToken {
    const { objects, issuer, node } = this.options;
    const sa = objects.get(
      objects.type('v1', 'ServiceAccount'),
      namespace,
      serviceAccount,
    );
    const expirationSeconds = spec.expirationSeconds ?? 3600;
    if (expirationSeconds < 600)
      throw invalid('TokenRequest', 'authentication.k8s.io', serviceAccount, [
        {
          field: 'spec.expirationSeconds',
          message: `Invalid value: ${expirationSeconds}: may not specify a duration less than 10 minutes`,
        },
      ]);
    const audiences = spec.audiences?.length ? spec.audiences : [API_AUDIENCE];
    const issued = issuer.issue({
      namespace,
      serviceAccount: { name: sa.metadata.name, uid: sa.metadata.uid! },
      audiences,
      expirationSeconds,
      pod: spec.pod,
      node: spec.pod ? { name: node.name, uid: node.uid } : undefined,
      now: this.options.clock(),
    });
    return {
      token: issued.token,
      expirationTimestamp: isoSeconds(issued.expiresAt),
      audiences,
      expirationSeconds,
    };
  }
}
