import { FederatedCredentialRecord } from '../state/types';
import { entraTime, OAuthError } from './aadsts';
import { IssuerKeyFetcher } from './issuerKeys';
import {
  audiences,
  decodeJwt,
  DecodedJwt,
  keyFromJwk,
  verifyRs256,
} from './jwt';

export interface AssertionFailure {
  ok: false;
  status: number;
  error: OAuthError;
  code: number;
  message: string;
}

export type AssertionResult = { ok: true } | AssertionFailure;

const fail = (
  status: number,
  error: OAuthError,
  code: number,
  message: string,
): AssertionFailure => ({
  ok: false,
  status,
  error,
  code,
  message,
});

const CHECK_FIC =
  'Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.';
// Entra tolerates some clock skew for a token issued "in the future".
const NBF_SKEW_MS = 5 * 60 * 1000;

/**
 * Verifies a federated client assertion against one identity's FICs, in this
 * order: signature (via the issuer's discovery and JWKS), validity window,
 * then issuer, subject and audience. Only issuers some FIC
 * names are fetched — Entra does not call arbitrary URLs.
 *
 * FICs younger than the propagation delay are not honoured yet; when one of
 * them would have matched, the answer is AADSTS70021, as Entra gives while a
 * new credential propagates.
 */
export async function verifyClientAssertion(input: {
  assertion: string;
  fics: FederatedCredentialRecord[];
  now: number;
  ficPropagationDelayMs: number;
  fetchKeys: IssuerKeyFetcher;
}): Promise<AssertionResult> {
  let jwt: DecodedJwt;
  try {
    jwt = decodeJwt(input.assertion);
  } catch {
    return fail(
      400,
      'invalid_request',
      50027,
      'JWT token is invalid or malformed.',
    );
  }
  if (input.fics.length === 0) {
    return fail(
      400,
      'invalid_client',
      70025,
      'The client application has no configured federated identity credentials.',
    );
  }
  const iss = typeof jwt.payload.iss === 'string' ? jwt.payload.iss : '';
  const sub = typeof jwt.payload.sub === 'string' ? jwt.payload.sub : '';
  const aud = audiences(jwt.payload);

  if (input.fics.some(f => f.issuer === iss)) {
    const keys = await input.fetchKeys(iss);
    if (!keys.ok) {
      return fail(
        400,
        'invalid_request',
        90061,
        `Request to External OIDC endpoint failed. Issuer: '${iss}'. ${
          keys.error ?? ''
        }`.trim(),
      );
    }
    const jwk =
      keys.keys.find(k => k.kid === jwt.header.kid) ??
      (jwt.header.kid ? undefined : keys.keys[0]);
    let valid = false;
    try {
      valid = jwk !== undefined && verifyRs256(jwt, keyFromJwk(jwk));
    } catch {
      valid = false;
    }
    if (!valid) {
      return fail(
        401,
        'invalid_client',
        700027,
        `Client assertion failed signature validation. No key with kid '${
          jwt.header.kid ?? ''
        }' in the JWKS of issuer '${iss}' verifies it.`,
      );
    }
  }

  const exp =
    typeof jwt.payload.exp === 'number' ? jwt.payload.exp * 1000 : undefined;
  const start = jwt.payload.nbf ?? jwt.payload.iat;
  const nbf = typeof start === 'number' ? start * 1000 : undefined;
  if (
    exp === undefined ||
    exp <= input.now ||
    (nbf !== undefined && nbf - NBF_SKEW_MS > input.now)
  ) {
    return fail(
      401,
      'invalid_client',
      700024,
      `Client assertion is not within its valid time range. Current time: ${entraTime(
        input.now,
      )}, assertion valid from ${
        nbf !== undefined ? entraTime(nbf) : 'unknown'
      }, expiry time of assertion ${
        exp !== undefined ? entraTime(exp) : 'unknown'
      }.`,
    );
  }

  const honoured = input.fics.filter(
    f => f.updatedAt + input.ficPropagationDelayMs <= input.now,
  );
  const pendingExact = input.fics.some(
    f =>
      !honoured.includes(f) &&
      f.issuer === iss &&
      f.subject === sub &&
      f.audiences.some(a => aud.includes(a)),
  );
  const noMatch = fail(
    400,
    'invalid_request',
    70021,
    `No matching federated identity record found for presented assertion. Assertion Issuer: '${iss}'. Assertion Subject: '${sub}'. Assertion Audience: '${aud.join(
      ',',
    )}'.`,
  );
  // A credential that exists in ARM but not yet in Entra looks like no match at all.
  const orPending = (f: AssertionFailure) => (pendingExact ? noMatch : f);

  const byIssuer = honoured.filter(f => f.issuer === iss);
  if (byIssuer.length === 0) {
    return orPending(
      fail(
        401,
        'invalid_client',
        700211,
        `No matching federated identity record found for presented assertion issuer '${iss}'. ${CHECK_FIC}`,
      ),
    );
  }
  const bySubject = byIssuer.filter(f => f.subject === sub);
  if (bySubject.length === 0) {
    if (byIssuer.some(f => f.subject.toLowerCase() === sub.toLowerCase())) {
      return orPending(
        fail(
          401,
          'invalid_client',
          7002138,
          `The subject of the presented assertion '${sub}' matches a federated identity credential only when case is ignored; subject matching is case-sensitive. ${CHECK_FIC}`,
        ),
      );
    }
    return orPending(
      fail(
        401,
        'invalid_client',
        700213,
        `No matching federated identity record found for presented assertion subject '${sub}'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.`,
      ),
    );
  }
  if (!bySubject.some(f => f.audiences.some(a => aud.includes(a)))) {
    return orPending(
      fail(
        401,
        'invalid_client',
        700212,
        `No matching federated identity record found for presented assertion audience '${aud.join(
          ',',
        )}'. ${CHECK_FIC}`,
      ),
    );
  }
  return { ok: true };
}
