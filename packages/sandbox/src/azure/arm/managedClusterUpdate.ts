import { HttpResponse, json, readJson } from '../../http';
import { clusterId } from '../state/AzureState';
import { armError, badRequest, resourceGroupNotFound } from './armErrors';
import { ArmRequest } from './armRequest';
import { renderManagedCluster } from './managedClusterBody';

const MC_TYPE = 'Microsoft.ContainerService/managedClusters';

interface ClusterBody {
  location?: string;
  properties?: {
    oidcIssuerProfile?: { enabled?: unknown };
    securityProfile?: { workloadIdentity?: { enabled?: unknown } };
  };
}

/**
 * `PUT …/managedClusters/{name}` on a cluster that exists: what `az aks update` sends after
 * its GET (the whole cluster back, with the flags it changes). The twin applies the two
 * flags workload identity depends on, `oidcIssuerProfile.enabled` and
 * `securityProfile.workloadIdentity.enabled`; a flag the body leaves out keeps its value,
 * since clients built on older api-versions drop fields their models do not know (az 2.45's
 * 2022-11-01 model has no `workloadIdentity`). It answers 200 with the cluster, provisioning
 * state Succeeded, as the spec's example does
 * (specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/
 * 2022-11-01/examples/ManagedClustersCreate_Update.json), so pollers finish at once.
 *
 * Rules from AKS's documentation: the OIDC issuer cannot be disabled once enabled
 * (https://learn.microsoft.com/azure/aks/use-oidc-issuer), and workload identity needs it
 * (https://learn.microsoft.com/azure/aks/workload-identity-deploy-cluster).
 */
export function updateManagedCluster(
  arm: ArmRequest,
  cluster: { subscriptionId: string; resourceGroup: string; name: string },
): HttpResponse {
  arm.authorize(`${MC_TYPE}/write`, clusterId(cluster));
  const { state } = arm.ctx;
  if (!state.getResourceGroup(cluster.subscriptionId, cluster.resourceGroup))
    resourceGroupNotFound(cluster.resourceGroup);
  const record = state.getManagedCluster(
    cluster.subscriptionId,
    cluster.resourceGroup,
    cluster.name,
  );
  if (!record)
    armError(
      400,
      'BadRequest',
      `The sandbox does not create managed clusters: '${cluster.name}' would have no Kubernetes API. Update one of the clusters it runs (az aks list), or seed a new one.`,
    );
  const body = readJson<ClusterBody>(arm.http);
  if (
    body.location &&
    body.location.toLowerCase().replace(/\s+/g, '') !==
      record.location.toLowerCase().replace(/\s+/g, '')
  )
    armError(
      400,
      'InvalidResourceLocation',
      `The resource '${record.name}' already exists in location '${record.location}'. A resource with the same name cannot be created in location '${body.location}'. Please select a new resource name.`,
    );
  const oidc = flag(
    body.properties?.oidcIssuerProfile?.enabled,
    'properties.oidcIssuerProfile.enabled',
  );
  const workloadIdentity = flag(
    body.properties?.securityProfile?.workloadIdentity?.enabled,
    'properties.securityProfile.workloadIdentity.enabled',
  );
  const oidcIssuerEnabled = oidc ?? record.oidcIssuerEnabled;
  const workloadIdentityEnabled =
    workloadIdentity ?? record.workloadIdentityEnabled;
  if (record.oidcIssuerEnabled && !oidcIssuerEnabled)
    badRequest(
      `The OIDC issuer of managed cluster '${record.name}' cannot be disabled once it is enabled. Send oidcIssuerProfile.enabled true, or leave it out.`,
    );
  if (workloadIdentityEnabled && !oidcIssuerEnabled)
    badRequest(
      `Workload identity needs the OIDC issuer of managed cluster '${record.name}'. Send oidcIssuerProfile.enabled true with securityProfile.workloadIdentity.enabled true (az aks update --enable-oidc-issuer --enable-workload-identity).`,
    );
  const updated = state.putManagedCluster({
    ...record,
    oidcIssuerEnabled,
    workloadIdentityEnabled,
  });
  return json(200, renderManagedCluster(updated));
}

function flag(value: unknown, name: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean')
    badRequest(
      `'${name}' must be true or false, not ${JSON.stringify(value)}.`,
    );
  return value;
}
