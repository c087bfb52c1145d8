import {
  addEnv,
  aksProd,
  annotateServiceAccount,
  changeCredential,
  changeObject,
  changeTemplate,
  grantSecretReads,
  wiOrders,
} from '../twinStaging';
import { binding, fics, ok, pods, serviceAccount, workload } from '../access';
import { mutatedPod, W } from '../world';
import { Scenario, ScenarioTable } from './types';

/** The pods again, as the webhook mutates the (changed) template. */
const remutate = (s: Parameters<Scenario>[0]) => {
  binding(s).pods = {
    status: 'ok',
    value: pods(s).map(p => mutatedPod(p.metadata.name, workload(s).template)),
  };
};

const mainEnv = (s: Parameters<Scenario>[0]) => {
  const main = workload(s).template.spec.containers[0];
  main.env = main.env ?? [];
  return main.env;
};

/** The pod-shape scenarios, each one change to the baseline. */
export const podShapeScenarios: ScenarioTable = {
  // A policy engine stripped the projected token volume after mutation; the env stayed.
  'token-volume-stripped': {
    snapshot: s => {
      for (const pod of pods(s)) {
        const token = pod.spec.volumes?.find(v =>
          v.projected?.sources.some(src => src.serviceAccountToken),
        )?.name;
        pod.spec.volumes = pod.spec.volumes?.filter(v => v.name !== token);
        for (const c of pod.spec.containers)
          c.volumeMounts = c.volumeMounts?.filter(m => m.name !== token);
      }
    },
    // A policy engine admitting pods after the webhook drops the token volume it added.
    twin: demo => {
      const cluster = aksProd(demo);
      cluster.faults.addWebhookFault({
        mode: 'strip-token-volume',
        namespace: 'orders',
      });
      cluster.restartDeployment('orders', 'orders-api');
    },
  },
  'token-path-hardcoded-v15': {
    snapshot: s => {
      mainEnv(s).push({
        name: 'AZURE_FEDERATED_TOKEN_FILE',
        value: '/var/run/secrets/azure/tokens/azure-identity-token',
      });
      remutate(s);
    },
    twin: addEnv({
      name: 'AZURE_FEDERATED_TOKEN_FILE',
      value: '/var/run/secrets/azure/tokens/azure-identity-token',
    }),
  },
  // The pods were created while the SA had no client id, so the webhook injected none.
  'sa-annotated-after-pods': {
    snapshot: s => {
      for (const pod of pods(s))
        for (const c of pod.spec.containers)
          c.env = c.env?.filter(e => e.name !== 'AZURE_CLIENT_ID');
    },
    // The annotation came after the pods: they run without the identity's client id.
    twin: demo => {
      const cluster = aksProd(demo);
      let clientId = '';
      changeObject('v1', 'ServiceAccount', 'orders', 'orders-api', sa => {
        clientId = sa.metadata.annotations['azure.workload.identity/client-id'];
        delete sa.metadata.annotations['azure.workload.identity/client-id'];
      })(demo);
      cluster.restartDeployment('orders', 'orders-api');
      annotateServiceAccount(
        'azure.workload.identity/client-id',
        clientId,
        false,
      )(demo);
    },
  },
  'env-client-id-override': {
    snapshot: s => {
      mainEnv(s).push({
        name: 'AZURE_CLIENT_ID',
        value: '9d2c6a51-0000-0000-0000-0000000000aa',
      });
      remutate(s);
      const outcome = {
        status: 'failed' as const,
        at: '2026-06-01T09:59:00Z',
        code: 'AADSTS700016',
        description:
          "AADSTS700016: Application with identifier '9d2c6a51-0000-0000-0000-0000000000aa' was not found in the directory '72f988bf-0000-0000-0000-000000000001'.",
      };
      binding(s).probe = { status: 'ok', value: outcome };
    },
    twin: addEnv({
      name: 'AZURE_CLIENT_ID',
      value: '9d2c6a51-0000-0000-0000-0000000000aa',
    }),
  },
  // skip-containers names the only container: it gets neither mount nor env.
  'skip-main-container': {
    snapshot: s => {
      workload(s).template.metadata.annotations = {
        'azure.workload.identity/skip-containers': 'app',
      };
      remutate(s);
      for (const pod of pods(s)) {
        pod.metadata.annotations = {
          'azure.workload.identity/skip-containers': 'app',
        };
        const app = pod.spec.containers[0];
        app.env = app.env?.filter(e => !e.name.startsWith('AZURE_'));
        app.volumeMounts = [];
      }
    },
    twin: changeTemplate(template => {
      template.metadata.annotations = {
        ...template.metadata.annotations,
        'azure.workload.identity/skip-containers': 'app',
      };
    }),
  },
  'istio-sidecar-not-skipped': {
    snapshot: s => {
      workload(s).template.spec.containers.push({
        name: 'istio-proxy',
        image: 'docker.io/istio/proxyv2:1.22.3',
      });
      remutate(s);
    },
    twin: changeTemplate(template => {
      template.spec.containers.push({
        name: 'istio-proxy',
        image: 'docker.io/istio/proxyv2:1.22.3',
      });
    }),
  },
  'default-sa-federated': {
    snapshot: s => {
      const template = workload(s).template;
      delete template.spec.serviceAccountName;
      remutate(s);
      for (const pod of pods(s)) delete pod.spec.serviceAccountName;
      const sa = ok(binding(s).workload).metadata.namespace ?? 'orders';
      const defaultSa = serviceAccount(s, 'default', sa);
      defaultSa.metadata.annotations = {
        'azure.workload.identity/client-id': W.clientId,
      };
      fics(s)[0].properties.subject = 'system:serviceaccount:orders:default';
      const request = ok(s.requests)[0];
      request.serviceAccountName = 'default';
      request.federatedCredential!.subject =
        'system:serviceaccount:orders:default';
    },
    // The pods run as the namespace's default service account, which carries the identity.
    twin: demo => {
      changeObject('v1', 'ServiceAccount', 'orders', 'default', sa => {
        sa.metadata.annotations = {
          ...sa.metadata.annotations,
          'azure.workload.identity/client-id': wiOrders(demo).clientId,
        };
      })(demo);
      changeTemplate(template => {
        delete template.spec.serviceAccountName;
      })(demo);
      changeCredential(() => ({
        subject: 'system:serviceaccount:orders:default',
      }))(demo);
      return {
        request: request => {
          request.serviceAccountName = 'default';
          request.federatedCredential!.subject =
            'system:serviceaccount:orders:default';
        },
      };
    },
  },
  'client-secret-still-in-env': {
    snapshot: s => {
      mainEnv(s).push({
        name: 'AZURE_CLIENT_SECRET',
        valueFrom: {
          secretKeyRef: { name: 'orders-sp', key: 'client-secret' },
        },
      });
      remutate(s);
    },
    twin: addEnv({
      name: 'AZURE_CLIENT_SECRET',
      valueFrom: { secretKeyRef: { name: 'orders-sp', key: 'client-secret' } },
    }),
  },
  'migration-proxy-sidecar': {
    snapshot: s => {
      const annotations = {
        'azure.workload.identity/inject-proxy-sidecar': 'true',
      };
      workload(s).template.metadata.annotations = annotations;
      remutate(s);
      for (const pod of pods(s)) {
        pod.metadata.annotations = annotations;
        pod.spec.containers.push({
          name: 'azwi-proxy',
          image: 'mcr.microsoft.com/oss/azure/workload-identity/proxy:v1.6.0',
        });
      }
    },
    twin: changeTemplate(template => {
      template.metadata.annotations = {
        ...template.metadata.annotations,
        'azure.workload.identity/inject-proxy-sidecar': 'true',
      };
    }),
  },
  'sdk-declared-old': {
    snapshot: s => {
      ok(s.entity).annotations['azure-workload-identity.backstage.io/sdk'] =
        '@azure/identity@3.1.0';
    },
    twin: () => ({
      annotations: {
        'azure-workload-identity.backstage.io/sdk': '@azure/identity@3.1.0',
      },
    }),
  },
  // The twin's webhook denies new pods of a rollout (fault injection); the old pods still run.
  'webhook-denies-generic': {
    snapshot: s => {
      const message =
        'Error creating: admission webhook "mutation.azure-workload-identity.io" denied the request: internal error';
      binding(s).events = {
        status: 'ok',
        value: [
          {
            reason: 'FailedCreate',
            message,
            involvedObject: {
              kind: 'ReplicaSet',
              name: 'orders-api-6b7c',
              namespace: 'orders',
            },
            lastTimestamp: '2026-06-01T09:58:00Z',
            count: 3,
          },
        ],
      };
      workload(s).conditions = [
        {
          type: 'ReplicaFailure',
          status: 'True',
          reason: 'FailedCreate',
          message,
        },
      ];
    },
    // The webhook refuses the new pods of a rollout.
    twin: demo => {
      const cluster = aksProd(demo);
      cluster.faults.addWebhookFault({
        mode: 'deny',
        message: 'internal error',
        namespace: 'orders',
      });
      cluster.restartDeployment('orders', 'orders-api');
    },
  },
  'leftover-sp-secret': {
    snapshot: s => {
      binding(s).secrets = {
        status: 'ok',
        value: [{ name: 'orders-sp', keys: ['client-id', 'client-secret'] }],
      };
    },
    // The service principal's secret from before the move, which nothing mounts any more; the
    // platform opted in to secret reads and granted them in the namespace.
    twin: demo => {
      const cluster = aksProd(demo);
      cluster.apply({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'orders-sp', namespace: 'orders' },
        type: 'Opaque',
        stringData: {
          'client-id': '5f5f5f5f-0000-0000-0000-00000000005f',
          'client-secret': 'not-a-real-secret',
        },
      });
      grantSecretReads(demo, 'orders');
      return { healthRules: { inspectSecrets: true } };
    },
  },
};
