import { parseEntityRefParts } from './entityRef';

/**
 * Kubernetes namespace (RFC 1123 label).
 *
 * @public
 */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/**
 * Kubernetes service account (RFC 1123 subdomain).
 *
 * @public
 */
export const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/**
 * User-assigned managed identity name, as ARM accepts it.
 *
 * @public
 */
export const IDENTITY_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/;
/**
 * Federated identity credential name, as ARM (and the arm-msi client) accept it.
 *
 * @public
 */
export const FIC_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/;

// A short, stable fingerprint keeps truncated names unique.
function fingerprint(text: string): string {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0).toString(36).padStart(7, '0').slice(0, 7);
}

function fit(name: string, max: number, seed: string): string {
  if (name.length <= max) return name;
  return `${name.slice(0, max - 8).replace(/[-_]+$/, '')}-${fingerprint(seed)}`;
}

/**
 * The identity a component gets when the request names none: one identity per component and
 * cluster environment, `id-<component>-<cluster>`, so two components never share a blast
 * radius by accident.
 *
 * @public
 */
export function defaultIdentityName(options: {
  entityRef: string;
  cluster: string;
}): string {
  const { name } = parseEntityRefParts(options.entityRef);
  const raw = `id-${name}-${options.cluster}`.replace(/[^a-zA-Z0-9_-]/g, '-');
  return fit(raw, 128, `${options.entityRef}|${options.cluster}`);
}

/**
 * The federated credential's name: it says which cluster, namespace and service account it
 * trusts, so a list of an identity's credentials reads as the list of its workloads.
 *
 * @public
 */
export function federatedCredentialName(options: {
  cluster: string;
  namespace: string;
  serviceAccountName: string;
}): string {
  const { cluster, namespace, serviceAccountName } = options;
  const raw = `${cluster}-${namespace}-${serviceAccountName}`.replace(
    /[^a-zA-Z0-9_-]/g,
    '-',
  );
  return fit(raw, 120, `${cluster}|${namespace}|${serviceAccountName}`);
}
