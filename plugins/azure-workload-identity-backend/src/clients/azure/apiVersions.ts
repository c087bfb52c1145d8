/**
 * `resources.getById` needs the api-version of the resource's provider; ARM rejects one the
 * provider does not know. Stable versions of the providers access requests target; child
 * types (blob containers, queues, secrets) share their provider's versions.
 */
const API_VERSIONS: Record<string, string> = {
  'microsoft.storage': '2023-05-01',
  'microsoft.keyvault': '2023-07-01',
  'microsoft.servicebus': '2021-11-01',
  'microsoft.eventhub': '2024-01-01',
  'microsoft.managedidentity': '2023-01-31',
  'microsoft.containerservice': '2024-09-01',
  'microsoft.containerregistry': '2023-07-01',
  'microsoft.documentdb': '2024-05-15',
  'microsoft.appconfiguration': '2023-03-01',
  'microsoft.sql': '2021-11-01',
  'microsoft.cognitiveservices': '2023-05-01',
  'microsoft.web': '2023-12-01',
};

/**
 * Types whose versions differ from the rest of their provider: Private DNS zones (and their
 * virtual network links) are Microsoft.Network but were never on its yearly versions.
 */
const TYPE_API_VERSIONS: Record<string, string> = {
  'microsoft.network/privatednszones': '2020-06-01',
};

/** Network reads of inspection (read `A7`): private endpoints, virtual networks, public IPs. */
const NETWORK_API_VERSION = '2023-09-01';

/** Resource groups and subscriptions themselves are Microsoft.Resources. */
export const RESOURCES_API_VERSION = '2021-04-01';

/** The provider namespace of a resource id: the segment after its last `providers`. */
export function providerNamespace(resourceId: string): string | undefined {
  const segments = resourceId.split('/').filter(Boolean);
  const at = segments.map(s => s.toLowerCase()).lastIndexOf('providers');
  return at >= 0 ? segments[at + 1] : undefined;
}

/** A known api-version for the id, or undefined when its provider must be asked. */
export function knownApiVersion(resourceId: string): string | undefined {
  const namespace = providerNamespace(resourceId);
  if (!namespace) return RESOURCES_API_VERSION;
  const segments = resourceId.split('/').filter(Boolean);
  const at = segments.map(s => s.toLowerCase()).lastIndexOf('providers');
  const topType = `${namespace}/${segments[at + 2] ?? ''}`.toLowerCase();
  if (TYPE_API_VERSIONS[topType]) return TYPE_API_VERSIONS[topType];
  if (namespace.toLowerCase() === 'microsoft.network')
    return NETWORK_API_VERSION;
  return API_VERSIONS[namespace.toLowerCase()];
}

/** The newest stable version among a provider's, e.g. from `providers.get`. */
export function newestStable(versions: string[]): string | undefined {
  return versions
    .filter(v => !/preview/i.test(v))
    .sort()
    .reverse()[0];
}
