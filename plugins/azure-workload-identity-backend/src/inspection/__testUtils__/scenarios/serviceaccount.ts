import {
  binding,
  pods,
  probeFails,
  probeNotRun,
  serviceAccount,
  workload,
} from '../access';
import { mutatedPod, W } from '../world';
import { Scenario } from './types';

const CLIENT_ID = 'azure.workload.identity/client-id';

/** Sets the SA annotation and recreates the pods, as the twin's webhook would mutate them. */
function annotate(value: string | undefined): Scenario {
  return s => {
    const sa = serviceAccount(s);
    if (value === undefined) delete sa.metadata.annotations![CLIENT_ID];
    else sa.metadata.annotations![CLIENT_ID] = value;
    binding(s).pods = {
      status: 'ok',
      value: pods(s).map(p => {
        const pod = mutatedPod(p.metadata.name, workload(s).template);
        for (const c of pod.spec.containers) {
          // The webhook injects no variable whose value would be empty.
          c.env = c.env!.filter(e => e.name !== 'AZURE_CLIENT_ID' || value);
          c.env.forEach(e => {
            if (e.name === 'AZURE_CLIENT_ID') e.value = value;
          });
        }
        return pod;
      }),
    };
  };
}

function tenant(value: string, code: string, description: string): Scenario {
  return s => {
    serviceAccount(s).metadata.annotations![
      'azure.workload.identity/tenant-id'
    ] = value;
    probeFails(s, code, description);
  };
}

/** SA annotation 600 and a rollout: the webhook refuses the new ReplicaSet's pods. */
const tokenExpiration600: Scenario = s => {
  serviceAccount(s).metadata.annotations![
    'azure.workload.identity/service-account-token-expiration'
  ] = '600';
  binding(s).events = {
    status: 'ok',
    value: [
      {
        reason: 'FailedCreate',
        message:
          'Error creating: admission webhook "mutation.azure-workload-identity.io" denied the request: token expiration 600 not valid. Expected value to be between 3600 and 86400',
        involvedObject: {
          kind: 'ReplicaSet',
          name: 'orders-api-9e8f',
          namespace: 'orders',
        },
        lastTimestamp: '2026-06-01T09:58:00Z',
      },
    ],
  };
};

export const serviceAccountScenarios: Record<string, Scenario> = {
  'token-expiration-600': tokenExpiration600,
  'sa-annotation-removed': s => {
    annotate(undefined)(s);
    probeNotRun(s, 'no client id');
  },
  'client-id-is-principal-id': s => {
    annotate(W.principalId)(s);
    probeFails(
      s,
      'AADSTS700016',
      `Application with identifier '${W.principalId}' was not found in the directory '${W.tenant}'.`,
    );
  },
  'client-id-typo': s => {
    annotate('4024ab25-56a8-4370-aea6-6389221caf28')(s);
    probeFails(
      s,
      'AADSTS700016',
      `Application with identifier '4024ab25-56a8-4370-aea6-6389221caf28' was not found in the directory '${W.tenant}'.`,
    );
  },
  'tenant-id-wrong': tenant(
    '72f988bf-0000-0000-0000-000000000002',
    'AADSTS700016',
    `Application with identifier '${W.clientId}' was not found in the directory '72f988bf-0000-0000-0000-000000000002'.`,
  ),
  'tenant-id-nonexistent': tenant(
    '00000000-dead-0000-0000-000000000000',
    'AADSTS90002',
    "Tenant '00000000-dead-0000-0000-000000000000' not found.",
  ),
  'client-id-outside-inventory': s => {
    const unknown = '7e7e7e7e-0000-0000-0000-00000000007e';
    annotate(unknown)(s);
    s.requests = { status: 'ok', value: [] };
    s.identityInventory.push({
      subscriptionId: '00000000-0000-0000-0000-000000000002',
      identities: {
        status: 'forbidden',
        httpStatus: 403,
        code: 'AuthorizationFailed',
        reason:
          "The client 'backstage' does not have authorization to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/read' over scope '/subscriptions/00000000-0000-0000-0000-000000000002'.",
      },
    });
    // Nothing in the readable inventory has this client id, so no identity, FICs or roles.
    binding(s).identity = {
      status: 'not-found',
      reason: `no identity with client id ${unknown} in the readable inventory`,
    };
    binding(s).federatedCredentials = {
      status: 'not-found',
      reason: 'no identity',
    };
    binding(s).roleAssignments = { status: 'ok', value: [] };
    probeFails(
      s,
      'AADSTS700016',
      `Application with identifier '${unknown}' was not found in the directory '${W.tenant}'.`,
    );
  },
  'tenant-wrong-identity-hidden': s => {
    tenant(
      '00000000-dead-0000-0000-000000000000',
      'AADSTS90002',
      "Tenant '00000000-dead-0000-0000-000000000000' not found.",
    )(s);
    const denied = {
      status: 'forbidden' as const,
      httpStatus: 403,
      code: 'AuthorizationFailed',
      reason:
        "The client 'backstage' does not have authorization to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/read' over scope '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps'.",
    };
    s.identityInventory[0].identities = denied;
    binding(s).identity = denied;
    binding(s).federatedCredentials = denied;
  },
  // billing-worker, another component, runs in orders as orders-api.
  'sa-shared-with-billing': s => {
    const own = workload(s);
    const billing = structuredClone(own);
    billing.metadata = {
      name: 'billing-worker',
      namespace: 'orders',
      labels: { 'backstage.io/kubernetes-id': 'billing-worker' },
    };
    billing.template.metadata.labels = {
      ...billing.template.metadata.labels,
      'backstage.io/kubernetes-id': 'billing-worker',
    };
    binding(s).namespaceWorkloads = { status: 'ok', value: [own, billing] };
    // The same namespace is where wi-orders' credential points.
    binding(s).subjectWorkloads = {
      'aks-prod/orders': { status: 'ok', value: [own, billing] },
    };
  },
};
