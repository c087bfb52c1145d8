import { binding, cluster, pods, serviceAccount, workload } from '../access';
import { unmutatedPod } from '../unmutated';
import { mutatedPod } from '../world';
import { Scenario } from './types';

const USE = 'azure.workload.identity/use';

function relabel(value: string | undefined): Scenario {
  return s => {
    const template = workload(s).template;
    if (value === undefined) delete template.metadata.labels![USE];
    else template.metadata.labels![USE] = value;
    // The webhook's objectSelector does not match, so the new pods are not mutated.
    binding(s).pods = {
      status: 'ok',
      value: pods(s).map(p => unmutatedPod(p.metadata.name, template)),
    };
  };
}

export const podScenarios: Record<string, Scenario> = {
  'pod-label-absent': relabel(undefined),
  'pod-label-capital-true': relabel('True'),
  'label-on-sa': s => {
    relabel(undefined)(s);
    const sa = serviceAccount(s);
    sa.metadata.labels = { ...sa.metadata.labels, [USE]: 'true' };
  },
  'pod-created-unmutated': s => {
    binding(s).pods = {
      status: 'ok',
      value: pods(s).map(p =>
        unmutatedPod(p.metadata.name, workload(s).template),
      ),
    };
  },
  'aad-pod-identity-binding-left': s => {
    const template = workload(s).template;
    template.metadata.labels!.aadpodidbinding = 'orders-api';
    binding(s).pods = {
      status: 'ok',
      value: pods(s).map(p => mutatedPod(p.metadata.name, template)),
    };
    binding(s).aadPodIdentity = {
      status: 'ok',
      value: {
        azureIdentities: [
          {
            metadata: { name: 'orders-api-identity', namespace: 'orders' },
            spec: { type: 0, clientID: 'aaaa0000-0000-0000-0000-00000000aaaa' },
          },
        ],
        azureIdentityBindings: [
          {
            metadata: { name: 'orders-api-binding', namespace: 'orders' },
            spec: {
              azureIdentity: 'orders-api-identity',
              selector: 'orders-api',
            },
          },
        ],
      },
    };
  },
  'sa-deleted': s => {
    const accounts = cluster(s).serviceAccounts.orders;
    if (accounts.status === 'ok')
      accounts.value = accounts.value.filter(
        a => a.metadata.name !== 'orders-api',
      );
    binding(s).events = {
      status: 'ok',
      value: [
        {
          reason: 'FailedCreate',
          message:
            'Error creating: pods "orders-api-8d7f-" is forbidden: error looking up service account orders/orders-api: serviceaccount "orders-api" not found',
          involvedObject: {
            kind: 'ReplicaSet',
            name: 'orders-api-8d7f',
            namespace: 'orders',
          },
          lastTimestamp: '2026-06-01T09:55:00Z',
        },
      ],
    };
    binding(s).probe = {
      status: 'ok',
      value: {
        status: 'not-run',
        reason: 'the service account does not exist',
      },
    };
  },
};
