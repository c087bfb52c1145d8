import yaml from 'js-yaml';
import { header, HttpResponse, json } from '../../http';
import { AKS_SERVER_APP_ID } from '../entra/aksServerApp';
import { clusterId } from '../state/AzureState';
import { ManagedClusterRecord } from '../state/types';
import {
  armError,
  badRequest,
  resourceGroupNotFound,
  resourceNotFound,
} from './armErrors';
import { ArmRequest } from './armRequest';
import { ClusterEndpoint } from './clusterEndpoints';
import { methodNotAllowed } from './resourceGroups';

const MC_TYPE = 'Microsoft.ContainerService/managedClusters';
const FORMATS = ['azure', 'exec'];

export type CredentialKind = 'user' | 'admin';

/**
 * `POST …/managedClusters/{name}/listClusterUserCredential` and `…/listClusterAdminCredential`:
 * `{ kubeconfigs: [{ name, value }] }` with the kubeconfig base64-encoded, the
 * CredentialResults of the 2022-11-01 spec (managedClusters.json). Each needs its own action,
 * as the AKS Cluster User and Cluster Admin roles grant them
 * (https://learn.microsoft.com/azure/aks/control-kubeconfig-access).
 *
 * The twin's clusters run AKS-managed Entra ID integration with local accounts enabled:
 * - clusterAdmin is the local admin account (cluster-admin through system:masters);
 * - clusterUser signs the caller in with their own Entra ID identity, so Kubernetes RBAC
 *   decides what they may do ("Once logged in, users have access based on their Azure AD user
 *   or group settings", same page). AKS leaves the sign-in to kubelogin; kubectl alone cannot
 *   run it, so the twin writes the token kubelogin would fetch: an Entra ID token for the AKS
 *   server application issued to the caller, valid for an hour like any access token.
 *   Running `az aks get-credentials` again refreshes it.
 */
export function managedClusterCredential(
  arm: ArmRequest,
  cluster: { subscriptionId: string; resourceGroup: string; name: string },
  kind: CredentialKind,
): HttpResponse {
  if (arm.http.method !== 'POST') return methodNotAllowed(arm);
  const action =
    kind === 'admin'
      ? 'listClusterAdminCredential'
      : 'listClusterUserCredential';
  arm.authorize(`${MC_TYPE}/${action}/action`, clusterId(cluster));
  const { state } = arm.ctx;
  if (!state.getResourceGroup(cluster.subscriptionId, cluster.resourceGroup))
    resourceGroupNotFound(cluster.resourceGroup);
  const record = state.getManagedCluster(
    cluster.subscriptionId,
    cluster.resourceGroup,
    cluster.name,
  );
  if (!record)
    resourceNotFound(`${MC_TYPE}/${cluster.name}`, cluster.resourceGroup);
  const format = arm.query.get('format');
  if (format !== null && !FORMATS.includes(format.toLowerCase()))
    badRequest(
      `The value '${format}' of the query parameter 'format' is not valid. Use one of: ${FORMATS.join(
        ', ',
      )}.`,
      'InvalidParameter',
    );
  const endpoint = arm.ctx.clusterEndpoints?.(record);
  if (!endpoint)
    armError(
      400,
      'BadRequest',
      `The sandbox runs no Kubernetes API for managed cluster '${record.name}', so it has no credentials. Only the clusters of the demo world (npm start) have one.`,
    );
  const user =
    kind === 'admin'
      ? {
          name: `clusterAdmin_${record.resourceGroup}_${record.name}`,
          token: endpoint.adminToken,
        }
      : {
          name: `clusterUser_${record.resourceGroup}_${record.name}`,
          token: callerToken(arm),
        };
  const kubeconfig = renderKubeconfig({
    cluster: record,
    endpoint,
    user,
  });
  return json(200, {
    kubeconfigs: [
      {
        name: kind === 'admin' ? 'clusterAdmin' : 'clusterUser',
        value: Buffer.from(kubeconfig).toString('base64'),
      },
    ],
  });
}

/** An Entra ID token for the AKS server application, for whoever called (their `oid`). */
function callerToken(arm: ArmRequest): string {
  const check = arm.ctx.tokens.verify(
    header(arm.http, 'authorization'),
    () => true,
  );
  if (!check.ok)
    return armError(401, 'InvalidAuthenticationToken', check.detail);
  return arm.ctx.tokens.issue({
    resource: AKS_SERVER_APP_ID,
    objectId: check.claims.oid,
    appId: check.claims.appid,
    managedIdentityId: check.claims.xms_mirid,
  }).token;
}

function renderKubeconfig(options: {
  cluster: ManagedClusterRecord;
  endpoint: ClusterEndpoint;
  user: { name: string; token: string };
}): string {
  const { cluster, endpoint, user } = options;
  // Both kubeconfigs name the context after the cluster; az appends `-admin` itself when it
  // merges one whose user is clusterAdmin_….
  const context = cluster.name;
  return yaml.dump(
    {
      apiVersion: 'v1',
      clusters: [
        {
          cluster: {
            'certificate-authority-data': endpoint.caData,
            server: endpoint.server,
          },
          name: cluster.name,
        },
      ],
      contexts: [
        { context: { cluster: cluster.name, user: user.name }, name: context },
      ],
      'current-context': context,
      kind: 'Config',
      preferences: {},
      users: [{ name: user.name, user: { token: user.token } }],
    },
    { lineWidth: -1 },
  );
}
