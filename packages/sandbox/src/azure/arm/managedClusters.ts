import { HttpResponse, json } from '../../http';
import { resourceGroupScope, subscriptionScope } from '../ids';
import { clusterId } from '../state/AzureState';
import { armError, resourceGroupNotFound, resourceNotFound } from './armErrors';
import { ArmRequest } from './armRequest';
import { renderManagedCluster } from './managedClusterBody';
import { managedClusterCredential } from './managedClusterCredentials';
import { updateManagedCluster } from './managedClusterUpdate';
import { page } from './paging';
import { methodNotAllowed } from './resourceGroups';

const MC_TYPE = 'Microsoft.ContainerService/managedClusters';

export { renderManagedCluster };

export function managedClusterList(
  arm: ArmRequest,
  sub: string,
  rg: string | undefined,
): HttpResponse {
  if (arm.http.method !== 'GET') return methodNotAllowed(arm);
  arm.authorize(
    `${MC_TYPE}/read`,
    rg ? resourceGroupScope(sub, rg) : subscriptionScope(sub),
  );
  if (rg && !arm.ctx.state.getResourceGroup(sub, rg)) resourceGroupNotFound(rg);
  return json(
    200,
    page(
      arm,
      arm.ctx.state.listManagedClusters({
        subscriptionId: sub,
        resourceGroup: rg,
      }),
      renderManagedCluster,
    ),
  );
}

/** GET, and PUT of a cluster the sandbox runs (`az aks update`); clusters are seeded (putManagedCluster), never created or deleted here. */
export function managedClusterItem(
  arm: ArmRequest,
  sub: string,
  rg: string,
  name: string,
): HttpResponse {
  if (arm.http.method === 'PUT')
    return updateManagedCluster(arm, {
      subscriptionId: sub,
      resourceGroup: rg,
      name,
    });
  if (arm.http.method !== 'GET') return methodNotAllowed(arm);
  arm.authorize(
    `${MC_TYPE}/read`,
    clusterId({ subscriptionId: sub, resourceGroup: rg, name }),
  );
  if (!arm.ctx.state.getResourceGroup(sub, rg)) resourceGroupNotFound(rg);
  const cluster = arm.ctx.state.getManagedCluster(sub, rg, name);
  if (!cluster) resourceNotFound(`${MC_TYPE}/${name}`, rg);
  return json(200, renderManagedCluster(cluster));
}

/** `POST …/managedClusters/{name}/{action}`: the credential lists az and the SDKs call. */
export function managedClusterAction(
  arm: ArmRequest,
  cluster: { subscriptionId: string; resourceGroup: string; name: string },
  action: string,
): HttpResponse {
  switch (action.toLowerCase()) {
    case 'listclusterusercredential':
      return managedClusterCredential(arm, cluster, 'user');
    case 'listclusteradmincredential':
      return managedClusterCredential(arm, cluster, 'admin');
    default:
      return armError(
        404,
        'NotFound',
        `The managed cluster action '${action}' is not served by the sandbox ARM twin. It serves listClusterUserCredential and listClusterAdminCredential.`,
      );
  }
}
