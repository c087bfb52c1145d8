import { HttpResponse, json } from '../../http';
import { armResponseId, resourceGroupScope, subscriptionScope } from '../ids';
import { clusterId } from '../state/AzureState';
import { ManagedClusterRecord } from '../state/types';
import { resourceGroupNotFound, resourceNotFound } from './armErrors';
import { ArmRequest } from './armRequest';
import { page } from './paging';
import { methodNotAllowed } from './resourceGroups';

const MC_TYPE = 'Microsoft.ContainerService/managedClusters';

export function renderManagedCluster(c: ManagedClusterRecord) {
  return {
    id: armResponseId(
      c.subscriptionId,
      c.resourceGroup,
      `${MC_TYPE}/${c.name}`,
    ),
    name: c.name,
    // AKS answers with a capital M here.
    type: 'Microsoft.ContainerService/ManagedClusters',
    location: c.location,
    ...(c.identity ? { identity: c.identity } : {}),
    properties: {
      provisioningState: 'Succeeded',
      kubernetesVersion: c.kubernetesVersion,
      fqdn: c.fqdn,
      enableRBAC: true,
      ...c.extraProperties,
      oidcIssuerProfile: c.oidcIssuerEnabled
        ? { enabled: true, issuerURL: c.issuerUrl }
        : { enabled: false },
      securityProfile: {
        ...((c.extraProperties?.securityProfile as
          | Record<string, unknown>
          | undefined) ?? {}),
        workloadIdentity: { enabled: c.workloadIdentityEnabled },
      },
    },
  };
}

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

/** GET only: clusters are seeded (putManagedCluster), their PUT/DELETE are LROs nobody here needs. */
export function managedClusterItem(
  arm: ArmRequest,
  sub: string,
  rg: string,
  name: string,
): HttpResponse {
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
