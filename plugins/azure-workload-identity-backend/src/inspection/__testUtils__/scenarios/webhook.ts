import {
  binding,
  cluster,
  fics,
  ok,
  pods,
  serviceAccount,
  workload,
} from '../access';
import { unmutatedPod } from '../unmutated';
import { Scenario } from './types';

const entry = (s: Parameters<Scenario>[0]) =>
  ok(cluster(s).webhookConfigurations)[0].webhooks[0];
const deployment = (s: Parameters<Scenario>[0]) =>
  ok(cluster(s).webhookDeployments)[0];

/** The webhook scenarios, each one change to the baseline. */
export const webhookScenarios: Record<string, Scenario> = {
  'webhook-no-endpoints': s => {
    Object.assign(deployment(s), { availableReplicas: 0, readyEndpoints: 0 });
    binding(s).events = {
      status: 'ok',
      value: [
        {
          reason: 'FailedCreate',
          message:
            'Error creating: Internal error occurred: failed calling webhook "mutation.azure-workload-identity.io": failed to call webhook: Post "https://azure-wi-webhook-webhook-service.kube-system.svc:443/mutate-v1-pod?timeout=10s": no endpoints available for service "azure-wi-webhook-webhook-service"',
          involvedObject: {
            kind: 'ReplicaSet',
            name: 'orders-api-5f6d',
            namespace: 'orders',
          },
          lastTimestamp: '2026-06-01T09:55:00Z',
          count: 4,
        },
      ],
    };
  },
  'webhook-v015-ignore': s => {
    const webhook = entry(s);
    webhook.failurePolicy = 'Ignore';
    delete webhook.objectSelector;
    deployment(s).image =
      'mcr.microsoft.com/oss/azure/workload-identity/webhook:v0.15.0';
  },
  'webhook-double-install': s => {
    ok(cluster(s).webhookDeployments).push({
      metadata: {
        name: 'azure-wi-webhook-controller-manager',
        namespace: 'azure-workload-identity-system',
        labels: { 'azure-workload-identity.io/system': 'true' },
      },
      image: 'mcr.microsoft.com/oss/azure/workload-identity/webhook:v1.5.1',
      replicas: 2,
      availableReplicas: 2,
      readyEndpoints: 2,
    });
  },
  'workload-in-kube-system': s => {
    const moved = 'kube-system';
    binding(s).namespace = moved;
    workload(s).metadata.namespace = moved;
    binding(s).pods = {
      status: 'ok',
      value: pods(s).map(p => {
        const pod = unmutatedPod(p.metadata.name, workload(s).template);
        pod.metadata.namespace = moved;
        return pod;
      }),
    };
    const sa = serviceAccount(s);
    cluster(s).serviceAccounts[moved] = {
      status: 'ok',
      value: [{ metadata: { ...sa.metadata, namespace: moved } }],
    };
    fics(s)[0].properties.subject = `system:serviceaccount:${moved}:orders-api`;
    s.requests = { status: 'ok', value: [] };
  },
};
