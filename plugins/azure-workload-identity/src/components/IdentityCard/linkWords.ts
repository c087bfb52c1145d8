import {
  ChainBinding,
  Link,
  LinkState,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { accessInWords, scopeInWords } from '../shared/accessInWords';

export const LINK_TITLES: Record<Link, string> = {
  cluster: 'AKS cluster and OIDC issuer',
  webhook: 'Workload identity webhook',
  pod: 'Pods',
  serviceaccount: 'Service account',
  federation: 'Federated credential',
  identity: 'Managed identity',
  roleassignment: 'Role assignments',
  resource: 'Azure resources',
  token: 'Token exchange',
};

const STATE_LABELS: Record<Exclude<LinkState, 'none'>, string> = {
  ok: 'OK',
  broken: 'Broken',
  degraded: 'Needs attention',
  pending: 'Pending',
  unknown: 'Unknown',
};

// A link with nothing on it says what is missing there, never "OK".
const NONE_LABELS: Partial<Record<Link, string>> = {
  pod: 'No workload',
  identity: 'None found',
  resource: 'None named',
  token: 'Not tested',
};

/** The chip's word for a link's state. */
export function stateLabel(link: Link, state: LinkState): string {
  return state === 'none' ? NONE_LABELS[link] ?? 'None' : STATE_LABELS[state];
}

/** What the inspector found at a link, in a few words. */
export function foundAt(link: Link, b: ChainBinding, state: LinkState): string {
  switch (link) {
    case 'cluster':
      return b.cluster;
    case 'webhook':
      return `namespace ${b.namespace}`;
    case 'pod':
      return b.workload
        ? `${b.workload}, ${b.pods} pod${b.pods === 1 ? '' : 's'}`
        : 'No workload runs yet.';
    case 'serviceaccount':
      return `${b.namespace}/${b.serviceAccount}${
        b.clientId ? `, client id ${b.clientId}` : ', no client id'
      }`;
    case 'federation':
      if (!b.identity && b.federatedCredentials.length === 0)
        return 'Not read: no managed identity was found to read them from.';
      return (
        b.federatedCredentials.map(f => f.subject).join(', ') ||
        'No federated credential.'
      );
    case 'identity':
      return b.identity
        ? `${b.identity.name} (client id ${b.identity.clientId})`
        : `No managed identity${
            b.clientId ? ` has client id ${b.clientId}` : ' is named'
          }.`;
    case 'roleassignment':
      if (b.roleAssignments.length > 0)
        return b.roleAssignments.map(a => accessInWords(a).words).join('; ');
      return b.identity
        ? 'No role: the identity can reach nothing in Azure.'
        : 'Not read: no managed identity was found to read them from.';
    case 'resource':
      return b.targets.length > 0
        ? b.targets
            .map(t => `${scopeInWords(t.resourceId)} (${t.intent})`)
            .join(', ')
        : 'No request or annotation names the resources it uses, so their access model and network path are not checked.';
    case 'token':
    default:
      return state === 'ok'
        ? 'Exchanged at Entra ID as the workload would.'
        : 'No successful exchange vouches for it.';
  }
}
