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
 * User-assigned managed identity name, as ARM accepts it: 3–128 letters, digits, - and _,
 * starting with a letter or digit (Microsoft.ManagedIdentity/userAssignedIdentities, "name",
 * https://learn.microsoft.com/azure/templates/microsoft.managedidentity/userassignedidentities).
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

// `marked` adds the fingerprint even when the name fits, for names whose readable part alone
// could be another entity's.
function fit(options: {
  name: string;
  max: number;
  seed: string;
  marked?: boolean;
}): string {
  const { name, max, seed, marked } = options;
  if (!marked && name.length <= max) return name;
  return `${name.slice(0, max - 8).replace(/[-_]+$/, '')}-${fingerprint(seed)}`;
}

const DEFAULT_NAMESPACE = 'default';

function identityNameCharacters(raw: string): string {
  return raw.replace(/[^a-zA-Z0-9_-]/g, '-');
}

/**
 * The identity a component gets when the request names none: one identity per component and
 * cluster environment, `id-<component>-<cluster>`, so two components never share a blast
 * radius by accident. A component outside the `default` catalog namespace gets
 * `id-<namespace>-<component>-<cluster>-<fingerprint>`, so `component:other-ns/orders-api`
 * never plans the identity of `component:default/orders-api`.
 *
 * @public
 */
export function defaultIdentityName(options: {
  entityRef: string;
  cluster: string;
}): string {
  const { cluster } = options;
  const { namespace, name } = parseEntityRefParts(options.entityRef);
  if (namespace.toLowerCase() === DEFAULT_NAMESPACE) {
    // Unchanged for `default`: identities already made under this name must keep being found.
    return fit({
      name: identityNameCharacters(`id-${name}-${cluster}`),
      max: 128,
      seed: `${options.entityRef}|${cluster}`,
    });
  }
  // Names may hold hyphens, so `id-<namespace>-<component>-<cluster>` alone is also what
  // `component:default/<namespace>-<component>` would get; the fingerprint of the whole ref
  // tells them apart. Entity refs are case-insensitive, so it is taken of the lower-case ref.
  // The identity's provenance tags, not its name, say whose it is when one is reused.
  return fit({
    name: identityNameCharacters(`id-${namespace}-${name}-${cluster}`),
    max: 128,
    seed: `${namespace}/${name}|${cluster}`.toLowerCase(),
    marked: true,
  });
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
  // A federated credential is a child of its identity, so its name need only be unique there
  // (userAssignedIdentities/federatedIdentityCredentials,
  // https://learn.microsoft.com/azure/templates/microsoft.managedidentity/userassignedidentities/federatedidentitycredentials);
  // another catalog namespace's component has another identity (see defaultIdentityName).
  return fit({
    name: identityNameCharacters(
      `${cluster}-${namespace}-${serviceAccountName}`,
    ),
    max: 120,
    seed: `${cluster}|${namespace}|${serviceAccountName}`,
  });
}
