import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';

/** An RS256 signing key of a cluster's service-account issuer. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface Jwk {
  use: 'sig';
  kty: 'RSA';
  kid: string;
  alg: 'RS256';
  n: string;
  e: string;
}

/**
 * A new 2048-bit key. The kid is what kube-apiserver derives: base64url of
 * the SHA-256 of the DER public key, so a rotated key has a new kid.
 */
export function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
  });
  return { privateKey, publicKey, kid: keyId(publicKey) };
}

export function keyId(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64url');
}

export function publicJwk(key: SigningKey): Jwk {
  const jwk = key.publicKey.export({ format: 'jwk' }) as {
    n: string;
    e: string;
  };
  return {
    use: 'sig',
    kty: 'RSA',
    kid: key.kid,
    alg: 'RS256',
    n: jwk.n,
    e: jwk.e,
  };
}

const b64 = (value: unknown) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

export function signJwt(
  payload: Record<string, unknown>,
  key: SigningKey,
): string {
  const input = `${b64({ alg: 'RS256', kid: key.kid })}.${b64(payload)}`;
  const signature = sign(
    'RSA-SHA256',
    Buffer.from(input),
    key.privateKey,
  ).toString('base64url');
  return `${input}.${signature}`;
}

export interface DecodedJwt {
  header: { alg?: string; kid?: string; typ?: string };
  payload: Record<string, any>;
}

/** Splits a JWT without checking it. Throws on anything that is not three base64url JSON parts. */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('not a JWT');
  return {
    header: JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')),
    payload: JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')),
  };
}

/** Verifies an RS256 signature against JWKs; returns the payload or undefined. */
export function verifyJwt(token: string, keys: Jwk[]): DecodedJwt | undefined {
  let decoded: DecodedJwt;
  try {
    decoded = decodeJwt(token);
  } catch {
    return undefined;
  }
  if (decoded.header.alg !== 'RS256') return undefined;
  const [h, p, s] = token.split('.');
  for (const jwk of keys.filter(
    k => !decoded.header.kid || k.kid === decoded.header.kid,
  )) {
    const publicKey = createPublicKey({
      key: { kty: 'RSA', n: jwk.n, e: jwk.e },
      format: 'jwk',
    });
    if (
      verify(
        'RSA-SHA256',
        Buffer.from(`${h}.${p}`),
        publicKey,
        Buffer.from(s, 'base64url'),
      )
    )
      return decoded;
  }
  return undefined;
}
