import { parseEntityRef } from '@backstage/catalog-model';
import { WORKLOAD_IDENTITY_USE_LABEL } from '@backstage-community/plugin-azure-workload-identity-common';
import { AccessRequestRecord } from '../requests/types';

/**
 * What is true when a request turns active, for its requester. The provisioner has built the
 * chain and seen a token exchange for the service account accepted; it has not seen the
 * team's pods use it (the webhook mutates only pods labelled
 * `azure.workload.identity/use: "true"`), and Azure may still be applying the roles: "up to 10
 * minutes" (https://learn.microsoft.com/azure/role-based-access-control/troubleshooting).
 */
export function readyDescription(request: AccessRequestRecord): string {
  const { namespace, serviceAccountName: sa, cluster } = request;
  const identity = request.plan?.steps.find(s => s.kind === 'ensure-identity');
  const grantsRoles = request.plan?.steps.some(
    s => s.kind === 'ensure-role-assignment' && s.action === 'create',
  );
  const ready = `The chain for service account ${namespace}/${sa} on ${cluster} is ready${
    identity && identity.kind === 'ensure-identity'
      ? `: managed identity ${identity.name} trusts it`
      : ''
  }.`;
  const pods = `Its pods must still carry the label ${WORKLOAD_IDENTITY_USE_LABEL}: "true" and run as ${sa}; for the component's deployment: ${labelCommand(
    request,
  )}`;
  const roles = grantsRoles
    ? ' Azure may take up to 10 minutes to apply a new role assignment.'
    : '';
  return `${ready} ${pods}.${roles}`;
}

/**
 * The one command for the component's workload, named like the component by the Kubernetes
 * plugin's convention: the label and the service account in the pod template, which also
 * restarts the pods.
 */
export function labelCommand(request: AccessRequestRecord): string {
  const { name } = parseEntityRef(request.entityRef);
  const patch = {
    spec: {
      template: {
        metadata: { labels: { [WORKLOAD_IDENTITY_USE_LABEL]: 'true' } },
        spec: { serviceAccountName: request.serviceAccountName },
      },
    },
  };
  return `kubectl -n ${
    request.namespace
  } patch deployment ${name} --type merge -p '${JSON.stringify(patch)}'`;
}
