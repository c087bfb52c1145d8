import { HttpResponse, json } from '../../http';
import { isAtOrAbove, subscriptionScope } from '../ids';
import { authorizationFailed } from './armErrors';
import { ArmRequest } from './armRequest';
import { page } from './paging';
import { methodNotAllowed } from './resourceGroups';

/**
 * Subscriptions and tenants (Microsoft.Resources' subscriptions API, which `az login` calls
 * right after the token: `GET /subscriptions?api-version=2019-11-01`, then `GET /tenants`).
 * Shapes: azure-rest-api-specs specification/resources/resource-manager/Microsoft.Resources/
 * stable/2022-12-01/examples/GetSubscriptions.json, GetSubscription.json and GetTenants.json.
 */

/**
 * ARM lists a subscription to a caller that holds a role anywhere in it, at the
 * subscription, a resource group or a single resource: a workload identity with Storage
 * Blob Data Reader on one account still sees its subscription in `az account list`.
 */
export function callerSeesSubscription(
  arm: ArmRequest,
  subscriptionId: string,
): boolean {
  const scope = subscriptionScope(subscriptionId);
  const caller = arm.callerId.toLowerCase();
  return arm.ctx.state
    .listRoleAssignments()
    .some(
      ra =>
        ra.principalId.toLowerCase() === caller &&
        (isAtOrAbove(ra.scope, scope) || isAtOrAbove(scope, ra.scope)),
    );
}

function render(arm: ArmRequest, subscriptionId: string) {
  const { state } = arm.ctx;
  const position =
    state.subscriptionIds.findIndex(
      s => s.toLowerCase() === subscriptionId.toLowerCase(),
    ) + 1;
  return {
    id: subscriptionScope(subscriptionId),
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId,
    tenantId: state.tenantId,
    displayName: `Sandbox subscription ${position}`,
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'Sandbox_2014-09-01',
      spendingLimit: 'Off',
    },
  };
}

/** `GET /subscriptions`: those the caller holds a role in, as ARM lists them. */
export function subscriptionList(arm: ArmRequest): HttpResponse {
  if (arm.http.method !== 'GET') return methodNotAllowed(arm);
  const visible = arm.ctx.state.subscriptionIds.filter(s =>
    callerSeesSubscription(arm, s),
  );
  return json(
    200,
    page(arm, visible, s => render(arm, s)),
  );
}

/** `GET /subscriptions/{id}`: the caller must hold a role somewhere in it. */
export function subscriptionGet(
  arm: ArmRequest,
  subscriptionId: string,
): HttpResponse {
  if (arm.http.method !== 'GET') return methodNotAllowed(arm);
  if (!callerSeesSubscription(arm, subscriptionId)) {
    authorizationFailed(
      arm.callerId,
      'Microsoft.Resources/subscriptions/read',
      subscriptionScope(subscriptionId),
    );
  }
  // The id as the subscription is stored, whatever casing the caller used.
  const stored =
    arm.ctx.state.subscriptionIds.find(
      s => s.toLowerCase() === subscriptionId.toLowerCase(),
    ) ?? subscriptionId;
  return json(200, render(arm, stored));
}

/** `GET /tenants`: the twin's one directory, the caller's home tenant. */
export function tenantList(arm: ArmRequest): HttpResponse {
  if (arm.http.method !== 'GET') return methodNotAllowed(arm);
  const { tenantId } = arm.ctx.state;
  return json(200, {
    value: [
      {
        id: `/tenants/${tenantId}`,
        tenantId,
        countryCode: 'US',
        displayName: 'Sandbox',
        domains: ['sandbox.onmicrosoft.com'],
        tenantCategory: 'Home',
        defaultDomain: 'sandbox.onmicrosoft.com',
        tenantType: 'AAD',
      },
    ],
  });
}
