import { binding, fics, ok, pods, serviceAccount, workload } from '../access';
import { mutatedPod, W } from '../world';
import { Scenario } from './types';

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
export const podShapeScenarios: Record<string, Scenario> = {
  // A policy engine stripped the projected token volume after mutation; the env stayed.
  'token-volume-stripped': s => {
    for (const pod of pods(s)) {
      const token = pod.spec.volumes?.find(v =>
        v.projected?.sources.some(src => src.serviceAccountToken),
      )?.name;
      pod.spec.volumes = pod.spec.volumes?.filter(v => v.name !== token);
      for (const c of pod.spec.containers)
        c.volumeMounts = c.volumeMounts?.filter(m => m.name !== token);
    }
  },
  'token-path-hardcoded-v15': s => {
    mainEnv(s).push({
      name: 'AZURE_FEDERATED_TOKEN_FILE',
      value: '/var/run/secrets/azure/tokens/azure-identity-token',
    });
    remutate(s);
  },
  // The pods were created while the SA had no client id, so the webhook injected none.
  'sa-annotated-after-pods': s => {
    for (const pod of pods(s))
      for (const c of pod.spec.containers)
        c.env = c.env?.filter(e => e.name !== 'AZURE_CLIENT_ID');
  },
  'env-client-id-override': s => {
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
  // skip-containers names the only container: it gets neither mount nor env.
  'skip-main-container': s => {
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
  'istio-sidecar-not-skipped': s => {
    workload(s).template.spec.containers.push({
      name: 'istio-proxy',
      image: 'docker.io/istio/proxyv2:1.22.3',
    });
    remutate(s);
  },
  'default-sa-federated': s => {
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
  'client-secret-still-in-env': s => {
    mainEnv(s).push({
      name: 'AZURE_CLIENT_SECRET',
      valueFrom: { secretKeyRef: { name: 'orders-sp', key: 'client-secret' } },
    });
    remutate(s);
  },
  'migration-proxy-sidecar': s => {
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
  'sdk-declared-old': s => {
    ok(s.entity).annotations['azure-workload-identity.backstage.io/sdk'] =
      '@azure/identity@3.1.0';
  },
  // The twin's webhook denies new pods of a rollout (fault injection); the old pods still run.
  'webhook-denies-generic': s => {
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
  'leftover-sp-secret': s => {
    binding(s).secrets = {
      status: 'ok',
      value: [{ name: 'orders-sp', keys: ['client-id', 'client-secret'] }],
    };
  },
};
