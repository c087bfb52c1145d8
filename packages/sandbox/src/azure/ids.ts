/**
 * ARM resource ids and scopes. ARM compares ids case-insensitively and the
 * SDKs send them with doubled or missing leading slashes, so everything here
 * works on a normalised form: one leading `/`, no trailing `/`.
 */

export function normalizeScope(scope: string): string {
  const trimmed = scope.replace(/\/{2,}/g, '/').replace(/\/$/, '');
  if (trimmed === '') return '/';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** Case-insensitive key for maps. */
export function idKey(id: string): string {
  return normalizeScope(id).toLowerCase();
}

export function sameId(a: string, b: string): boolean {
  return idKey(a) === idKey(b);
}

/** True when `outer` is `inner` or an ancestor of it (RBAC inheritance). */
export function isAtOrAbove(outer: string, inner: string): boolean {
  const o = idKey(outer);
  const i = idKey(inner);
  if (o === '/') return true;
  return i === o || i.startsWith(`${o}/`);
}

export interface ParsedResourceId {
  subscriptionId: string;
  resourceGroup?: string;
  /** e.g. `Microsoft.Storage` */
  namespace?: string;
  /** Full type, e.g. `Microsoft.Storage/storageAccounts/blobServices/containers`. */
  type?: string;
  /** Last name segment. */
  name?: string;
  /** Name segments from the top-level resource down. */
  names: string[];
}

/**
 * Parses `/subscriptions/{s}[/resourceGroups/{rg}[/providers/{ns}/{type}/{name}...]]`.
 * Returns undefined for anything else (tenant-level or malformed ids).
 */
export function parseResourceId(id: string): ParsedResourceId | undefined {
  const parts = normalizeScope(id).split('/').filter(Boolean);
  if (parts[0]?.toLowerCase() !== 'subscriptions' || !parts[1])
    return undefined;
  const out: ParsedResourceId = { subscriptionId: parts[1], names: [] };
  let i = 2;
  if (parts[i]?.toLowerCase() === 'resourcegroups') {
    if (!parts[i + 1]) return undefined;
    out.resourceGroup = parts[i + 1];
    i += 2;
  }
  if (i === parts.length) return out;
  if (parts[i]?.toLowerCase() !== 'providers' || !parts[i + 1])
    return undefined;
  out.namespace = parts[i + 1];
  const rest = parts.slice(i + 2);
  if (rest.length === 0 || rest.length % 2 !== 0) return undefined;
  const types: string[] = [];
  for (let j = 0; j < rest.length; j += 2) {
    types.push(rest[j]);
    out.names.push(rest[j + 1]);
  }
  out.type = [out.namespace, ...types].join('/');
  out.name = out.names[out.names.length - 1];
  return out;
}

export function subscriptionScope(subscriptionId: string): string {
  return `/subscriptions/${subscriptionId}`;
}

export function resourceGroupScope(
  subscriptionId: string,
  resourceGroup: string,
): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

/** The id ARM returns for tracked resources: `resourcegroups` lower-cased, as the MSI examples show. */
export function armResponseId(
  subscriptionId: string,
  resourceGroup: string,
  typePath: string,
): string {
  return `/subscriptions/${subscriptionId}/resourcegroups/${resourceGroup}/providers/${typePath}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** The trailing GUID of a role definition id in any of its forms. */
export function trailingGuid(id: string): string | undefined {
  const last = normalizeScope(id).split('/').pop() ?? '';
  return isGuid(last) ? last.toLowerCase() : undefined;
}
