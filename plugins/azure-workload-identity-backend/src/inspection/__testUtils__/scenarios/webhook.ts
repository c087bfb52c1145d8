import { aksProd, changeCredential, changeWebhook } from '../twinStaging';
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
import { Scenario, ScenarioTable } from './types';

const entry = (s: Parameters<Scenario>[0]) =>
  ok(cluster(s).webhookConfigurations)[0].webhooks[0];
const webhookDeployment = (s: Parameters<Scenario>[0]) =>
  ok(cluster(s).webhookDeployments)[0];

/** The webhook scenarios, each one change to the baseline. */
export const webhookScenarios: ScenarioTable = {
  'webhook-no-endpoints': {
    snapshot: s => {
      Object.assign(webhookDeployment(s), {
        availableReplicas: 0,
        readyEndpoints: 0,
      });
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
    twin: demo => {
      changeWebhook({
        deployment: d => {
          d.spec.replicas = 0;
        },
      })(demo);
      aksProd(demo).restartDeployment('orders', 'orders-api');
    },
  },
  'webhook-v015-ignore': {
    snapshot: s => {
      const webhook = entry(s);
      webhook.failurePolicy = 'Ignore';
      delete webhook.objectSelector;
      webhookDeployment(s).image =
        'mcr.microsoft.com/oss/azure/workload-identity/webhook:v0.15.0';
    },
    twin: changeWebhook({
      config: c => {
        for (const webhook of c.webhooks) {
          webhook.failurePolicy = 'Ignore';
          delete webhook.objectSelector;
        }
      },
      deployment: d => {
        for (const container of d.spec.template.spec.containers) {
          container.image =
            'mcr.microsoft.com/oss/azure/workload-identity/webhook:v0.15.0';
        }
      },
    }),
  },
  'webhook-double-install': {
    snapshot: s => {
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
    // The open-source chart installed beside the add-on.
    twin: demo => {
      const aks = aksProd(demo);
      aks.apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'azure-workload-identity-system' },
      });
      const original = aks.get(
        aks.type('apps/v1', 'Deployment'),
        'kube-system',
        'azure-wi-webhook-controller-manager',
      );
      const second = structuredClone(original);
      second.metadata = {
        name: 'azure-wi-webhook-controller-manager',
        namespace: 'azure-workload-identity-system',
        labels: original.metadata.labels,
      };
      for (const container of second.spec.template.spec.containers) {
        container.image =
          'mcr.microsoft.com/oss/azure/workload-identity/webhook:v1.5.1';
      }
      second.spec.replicas = 2;
      delete second.status;
      aks.apply(second);
      // The chart's own settings (the same tenant), which the reader may read as the add-on's.
      const settings = structuredClone(
        aks.get(
          aks.type('v1', 'ConfigMap'),
          'kube-system',
          'azure-wi-webhook-config',
        ),
      );
      settings.metadata = {
        name: settings.metadata.name,
        namespace: 'azure-workload-identity-system',
      };
      aks.apply(settings);
      const kubeSystem = (kind: string, name: string) =>
        structuredClone(
          aks.get(
            aks.type('rbac.authorization.k8s.io/v1', kind),
            'kube-system',
            name,
          ),
        );
      for (const kind of ['Role', 'RoleBinding']) {
        const object = kubeSystem(kind, 'backstage-webhook-config-reader');
        object.metadata = {
          name: object.metadata.name,
          namespace: 'azure-workload-identity-system',
        };
        aks.apply(object);
      }
    },
  },
  'workload-in-kube-system': {
    snapshot: s => {
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
      fics(
        s,
      )[0].properties.subject = `system:serviceaccount:${moved}:orders-api`;
      s.requests = { status: 'ok', value: [] };
    },
    // Moved to kube-system by hand, where the webhook does not mutate pods.
    twin: demo => {
      const aks = aksProd(demo);
      const deployments = aks.type('apps/v1', 'Deployment');
      const accounts = aks.type('v1', 'ServiceAccount');
      const ordersDeployment = structuredClone(
        aks.get(deployments, 'orders', 'orders-api'),
      );
      const account = structuredClone(
        aks.get(accounts, 'orders', 'orders-api'),
      );
      aks.delete(deployments, 'orders', 'orders-api');
      aks.apply({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: {
          name: 'orders-api',
          namespace: 'kube-system',
          annotations: account.metadata.annotations,
        },
      });
      aks.apply({
        ...ordersDeployment,
        metadata: {
          name: 'orders-api',
          namespace: 'kube-system',
          labels: ordersDeployment.metadata.labels,
        },
        status: undefined,
      });
      changeCredential(() => ({
        subject: 'system:serviceaccount:kube-system:orders-api',
      }))(demo);
      // The component's page no longer pins a namespace.
      return {
        noRequests: true,
        annotations: { 'backstage.io/kubernetes-namespace': '' },
      };
    },
  },
};
