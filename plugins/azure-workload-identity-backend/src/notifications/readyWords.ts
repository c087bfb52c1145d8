import { podsStepOf } from '@backstage-community/plugin-azure-workload-identity-common';
import { AccessRequestRecord } from '../requests/types';

/**
 * What is true when a request turns active, for its requester. The provisioner has built the
 * chain and seen a token exchange for the service account accepted; it has not seen the
 * team's pods use it (the webhook mutates only pods labelled
 * `azure.workload.identity/use: "true"`), and Azure may still be applying the roles: "up to 10
 * minutes" (https://learn.microsoft.com/azure/role-based-access-control/troubleshooting).
 *
 * The pods step names no workload and gives no command. Naming one means reading the
 * component's live chain at activation, which the notifier cannot do within bounds: the
 * activation already starts the one re-read of the chain (ChainForgettingNotifier), which
 * hands nothing back, and a second read would need the catalog entity and ask every cluster
 * and Azure again while the provisioner waits. A notification also stays in the inbox while
 * the pods change; the request's page, where the notification links, reads the chain when it
 * is opened and gives the exact command for the workload that runs there.
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
  const pods = podsStepOf({ request }).text;
  const page =
    "The request's page gives the exact command for the workload that runs there.";
  const roles = grantsRoles
    ? ' Azure may take up to 10 minutes to apply a new role assignment.'
    : '';
  return `${ready} ${pods} ${page}${roles}`;
}
