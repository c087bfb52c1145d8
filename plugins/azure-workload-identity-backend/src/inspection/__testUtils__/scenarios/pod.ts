import {
  aksProd,
  changeObject,
  changeTemplate,
  USE_LABEL_KEY,
} from '../twinStaging';
import { binding, cluster, pods, serviceAccount, workload } from '../access';
import { unmutatedPod } from '../unmutated';
import { mutatedPod } from '../world';
import { Scenario, ScenarioTable } from './types';

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

export const podScenarios: ScenarioTable = {
  'pod-label-absent': {
    snapshot: relabel(undefined),
    twin: changeObject(
      'apps/v1',
      'Deployment',
      'orders',
      'orders-api',
      deployment => {
        delete deployment.spec.template.metadata.labels[
          'azure.workload.identity/use'
        ];
      },
    ),
  },
  'pod-label-capital-true': {
    snapshot: relabel('True'),
    twin: changeTemplate(template => {
      template.metadata.labels[USE_LABEL_KEY] = 'True';
    }),
  },
  'label-on-sa': {
    snapshot: s => {
      relabel(undefined)(s);
      const sa = serviceAccount(s);
      sa.metadata.labels = { ...sa.metadata.labels, [USE]: 'true' };
    },
    twin: demo => {
      changeTemplate(template => {
        delete template.metadata.labels[USE_LABEL_KEY];
      })(demo);
      changeObject('v1', 'ServiceAccount', 'orders', 'orders-api', sa => {
        sa.metadata.labels = { ...sa.metadata.labels, [USE_LABEL_KEY]: 'true' };
      })(demo);
    },
  },
  'pod-created-unmutated': {
    snapshot: s => {
      binding(s).pods = {
        status: 'ok',
        value: pods(s).map(p =>
          unmutatedPod(p.metadata.name, workload(s).template),
        ),
      };
    },
    // The pods were created while the webhook was away, then it came back.
    twin: demo => {
      const aks = aksProd(demo);
      const type = aks.type(
        'admissionregistration.k8s.io/v1',
        'MutatingWebhookConfiguration',
      );
      const configs = aks.list(type, {}).map(c => structuredClone(c));
      for (const config of configs) {
        aks.delete(type, undefined, config.metadata.name);
      }
      aks.restartDeployment('orders', 'orders-api');
      for (const config of configs) {
        delete config.metadata.resourceVersion;
        delete config.metadata.uid;
        aks.apply(config);
      }
    },
  },
  'aad-pod-identity-binding-left': {
    snapshot: s => {
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
              spec: {
                type: 0,
                clientID: 'aaaa0000-0000-0000-0000-00000000aaaa',
              },
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
    // Half-way out of aad-pod-identity: its binding and pod label are still there.
    twin: demo => {
      const aks = aksProd(demo);
      aks.installAadPodIdentity();
      aks.apply({
        apiVersion: 'aadpodidentity.k8s.io/v1',
        kind: 'AzureIdentity',
        metadata: { name: 'orders-api-identity', namespace: 'orders' },
        spec: { type: 0, clientID: 'aaaa0000-0000-0000-0000-00000000aaaa' },
      });
      aks.apply({
        apiVersion: 'aadpodidentity.k8s.io/v1',
        kind: 'AzureIdentityBinding',
        metadata: { name: 'orders-api-binding', namespace: 'orders' },
        spec: { azureIdentity: 'orders-api-identity', selector: 'orders-api' },
      });
      changeTemplate(template => {
        template.metadata.labels.aadpodidbinding = 'orders-api';
      })(demo);
    },
  },
  'sa-deleted': {
    snapshot: s => {
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
    twin: demo => {
      const aks = aksProd(demo);
      aks.delete(aks.type('v1', 'ServiceAccount'), 'orders', 'orders-api');
      aks.restartDeployment('orders', 'orders-api');
    },
  },
};
