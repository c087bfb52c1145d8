import { HttpResponse, json } from '../../http';
import { subscriptionScope } from '../ids';
import { armError, authorizationFailed } from './armErrors';
import { ArmRequest } from './armRequest';
import { findProvider, ProviderEntry, PROVIDERS } from './providerCatalog';
import { methodNotAllowed } from './resourceGroups';
import { callerSeesSubscription } from './subscriptions';

/**
 * Microsoft.Resources' providers API: `az resource show --ids` and the portal's
 * AzureArmReader.apiVersionFor read a provider to pick an api-version for a resource.
 * Shapes: azure-rest-api-specs specification/resources/resource-manager/Microsoft.Resources/
 * stable/2022-12-01/examples/GetProvider.json, GetProviders.json, GetNamedProviderAtTenant.json.
 */

/** Regions the demo places resources in, as ARM names them in provider listings. */
const LOCATIONS = [
  'East US',
  'East US 2',
  'West US 2',
  'West Europe',
  'North Europe',
];

function render(p: ProviderEntry, subscriptionId: string | undefined) {
  const resourceTypes = p.resourceTypes.map(t => ({
    resourceType: t.resourceType,
    locations: t.global ? [] : LOCATIONS,
    apiVersions: t.apiVersions,
    capabilities: t.global ? 'None' : 'SupportsTags, SupportsLocation',
  }));
  // At the tenant a provider has no id and no registration: only its types.
  if (!subscriptionId) return { namespace: p.namespace, resourceTypes };
  return {
    id: `${subscriptionScope(subscriptionId)}/providers/${p.namespace}`,
    namespace: p.namespace,
    registrationState: 'Registered',
    registrationPolicy:
      p.namespace === 'Microsoft.Resources' ||
      p.namespace === 'Microsoft.Authorization'
        ? 'RegistrationFree'
        : 'RegistrationRequired',
    resourceTypes,
  };
}

function invalidNamespace(namespace: string): never {
  return armError(
    404,
    'InvalidResourceNamespace',
    `The resource namespace '${namespace}' is invalid.`,
  );
}

function mustSeeSubscription(arm: ArmRequest, subscriptionId: string) {
  if (!callerSeesSubscription(arm, subscriptionId)) {
    authorizationFailed(
      arm.callerId,
      'Microsoft.Resources/subscriptions/providers/read',
      subscriptionScope(subscriptionId),
    );
  }
}

/** `GET /subscriptions/{s}/providers` (or `/providers` at the tenant). */
export function providerList(
  arm: ArmRequest,
  subscriptionId: string | undefined,
): HttpResponse {
  if (arm.http.method !== 'GET') return methodNotAllowed(arm);
  if (subscriptionId) mustSeeSubscription(arm, subscriptionId);
  return json(200, { value: PROVIDERS.map(p => render(p, subscriptionId)) });
}

/** `GET /subscriptions/{s}/providers/{namespace}` (or at the tenant). */
export function providerGet(
  arm: ArmRequest,
  subscriptionId: string | undefined,
  namespace: string,
): HttpResponse {
  if (arm.http.method !== 'GET') return methodNotAllowed(arm);
  if (subscriptionId) mustSeeSubscription(arm, subscriptionId);
  const provider = findProvider(namespace);
  if (!provider) invalidNamespace(namespace);
  return json(200, render(provider, subscriptionId));
}

/**
 * `POST /subscriptions/{s}/providers/{namespace}/register`: every provider of the twin is
 * registered already, so registering answers the provider as it is (Providers_Register, 200).
 */
export function providerRegister(
  arm: ArmRequest,
  subscriptionId: string,
  namespace: string,
): HttpResponse {
  if (arm.http.method !== 'POST') return methodNotAllowed(arm);
  const provider = findProvider(namespace);
  if (!provider) invalidNamespace(namespace);
  arm.authorize(
    `${provider.namespace}/register/action`,
    subscriptionScope(subscriptionId),
  );
  return json(200, render(provider, subscriptionId));
}
