export { ClusterIssuer } from './ClusterIssuer';
export type { ServiceAccountTokenRequest } from './ClusterIssuer';
export { IssuerDirectory } from './issuerServer';
export {
  decodeJwt,
  keyId,
  newSigningKey,
  publicJwk,
  signJwt,
  verifyJwt,
} from './jwt';
export type { DecodedJwt, Jwk, SigningKey } from './jwt';
