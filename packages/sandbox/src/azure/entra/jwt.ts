import {
  createHash,
  createPublicKey,
  createSign,
  createVerify,
  KeyObject,
} from 'node:crypto';

/** Minimal RS256 JWTs with node:crypto (jose is ESM-only and not wanted here). */

export interface DecodedJwt {
  header: { alg?: string; kid?: string; typ?: string };
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

export function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

export function signJwt(
  payload: Record<string, unknown>,
  key: { privateKey: KeyObject; kid: string },
): string {
  const header = { typ: 'JWT', alg: 'RS256', kid: key.kid };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(
    JSON.stringify(payload),
  )}`;
  const signature = createSign('RSA-SHA256')
    .update(signingInput)
    .sign(key.privateKey);
  return `${signingInput}.${base64url(signature)}`;
}

/** Splits and parses without verifying; throws on anything that is not a JWS compact JWT. */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('not a JWT');
  const header = JSON.parse(
    Buffer.from(parts[0], 'base64url').toString('utf8'),
  );
  const payload = JSON.parse(
    Buffer.from(parts[1], 'base64url').toString('utf8'),
  );
  if (
    typeof header !== 'object' ||
    typeof payload !== 'object' ||
    !header ||
    !payload
  )
    throw new Error('not a JWT');
  return {
    header,
    payload,
    signingInput: `${parts[0]}.${parts[1]}`,
    signature: Buffer.from(parts[2], 'base64url'),
  };
}

export function verifyRs256(jwt: DecodedJwt, publicKey: KeyObject): boolean {
  if (jwt.header.alg !== 'RS256') return false;
  return createVerify('RSA-SHA256')
    .update(jwt.signingInput)
    .verify(publicKey, jwt.signature);
}

/** The public JWK, as published in a JWKS. */
export function publicJwk(
  publicKey: KeyObject,
  kid: string,
): JsonWebKey & { kid: string; use: string; alg: string } {
  const jwk = publicKey.export({ format: 'jwk' });
  return { kty: jwk.kty, n: jwk.n, e: jwk.e, kid, use: 'sig', alg: 'RS256' };
}

export function keyFromJwk(jwk: JsonWebKey): KeyObject {
  return createPublicKey({ key: jwk, format: 'jwk' });
}

/** RFC 7638 thumbprint: a stable `kid` for a key. */
export function jwkThumbprint(publicKey: KeyObject): string {
  const { e, kty, n } = publicKey.export({ format: 'jwk' });
  return createHash('sha256')
    .update(JSON.stringify({ e, kty, n }))
    .digest('base64url');
}

/** `aud` may be a string or an array. */
export function audiences(payload: Record<string, unknown>): string[] {
  const aud = payload.aud;
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud))
    return aud.filter((a): a is string => typeof a === 'string');
  return [];
}
