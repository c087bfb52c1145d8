import { randomUUID } from 'node:crypto';
import { audiences, decodeJwt, signJwt, verifyRs256 } from './jwt';
import { SigningKey } from './signingKey';

/** Lifetime Entra gives app tokens (seconds); the response says 3599. */
export const ACCESS_TOKEN_LIFETIME_S = 3600;

export interface AccessTokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  tid: string;
  oid: string;
  sub: string;
  appid: string;
  azp: string;
  idtyp: 'app';
  ver: '1.0';
  uti: string;
  /** For managed identities: the identity's ARM id, as Entra adds it. */
  xms_mirid?: string;
}

export type TokenCheck =
  | { ok: true; claims: AccessTokenClaims }
  | {
      ok: false;
      reason:
        | 'missing'
        | 'malformed'
        | 'signature'
        | 'expired'
        | 'audience'
        | 'issuer';
      detail: string;
    };

/** Issues and checks the twin's own v1-shaped access tokens. */
export class AccessTokens {
  constructor(
    private readonly key: SigningKey,
    private readonly tenantId: string,
    private readonly now: () => number,
  ) {}

  get issuer(): string {
    return `https://sts.windows.net/${this.tenantId}/`;
  }

  issue(input: {
    resource: string;
    objectId: string;
    appId: string;
    managedIdentityId?: string;
  }): { token: string; expiresIn: number } {
    const iat = Math.floor(this.now() / 1000);
    const claims: AccessTokenClaims = {
      aud: input.resource,
      iss: this.issuer,
      iat,
      nbf: iat,
      exp: iat + ACCESS_TOKEN_LIFETIME_S,
      tid: this.tenantId,
      oid: input.objectId,
      sub: input.objectId,
      appid: input.appId,
      azp: input.appId,
      idtyp: 'app',
      ver: '1.0',
      uti: randomUUID(),
      ...(input.managedIdentityId
        ? { xms_mirid: input.managedIdentityId }
        : {}),
    };
    return {
      token: signJwt(claims as unknown as Record<string, unknown>, this.key),
      expiresIn: ACCESS_TOKEN_LIFETIME_S - 1,
    };
  }

  /** Checks a bearer token; `acceptAudience` decides which audiences this surface takes. */
  verify(
    authorization: string | undefined,
    acceptAudience: (aud: string) => boolean,
  ): TokenCheck {
    if (!authorization || !/^bearer\s+/i.test(authorization)) {
      return {
        ok: false,
        reason: 'missing',
        detail: "The 'Authorization' header is missing.",
      };
    }
    const token = authorization.replace(/^bearer\s+/i, '').trim();
    let decoded;
    try {
      decoded = decodeJwt(token);
    } catch {
      return {
        ok: false,
        reason: 'malformed',
        detail: 'The access token is not a valid JWT.',
      };
    }
    if (
      decoded.header.kid !== this.key.kid ||
      !verifyRs256(decoded, this.key.publicKey)
    ) {
      return {
        ok: false,
        reason: 'signature',
        detail: 'The access token signature is invalid.',
      };
    }
    const claims = decoded.payload as unknown as AccessTokenClaims;
    if (claims.iss !== this.issuer || claims.tid !== this.tenantId) {
      return {
        ok: false,
        reason: 'issuer',
        detail: `The access token is from the wrong issuer '${claims.iss}'. It must match the tenant '${this.issuer}' associated with this subscription.`,
      };
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= this.now()) {
      return {
        ok: false,
        reason: 'expired',
        detail:
          'The access token expiry UTC time is earlier than current UTC time.',
      };
    }
    const aud = audiences(decoded.payload);
    if (!aud.some(acceptAudience)) {
      return {
        ok: false,
        reason: 'audience',
        detail: `The access token has an invalid audience '${aud.join(',')}'.`,
      };
    }
    return { ok: true, claims };
  }
}

/** Strips a trailing slash so `https://vault.azure.net/` equals `https://vault.azure.net`. */
export function normalizeAudience(aud: string): string {
  return aud.replace(/\/+$/, '').toLowerCase();
}
