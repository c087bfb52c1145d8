import {
  armDenies,
  aksProd,
  annotateServiceAccount,
  changeObject,
} from '../twinStaging';
import { BASELINE } from 'sandbox';
import {
  binding,
  pods,
  probeFails,
  probeNotRun,
  serviceAccount,
  workload,
} from '../access';
import { mutatedPod, W } from '../world';
import { Scenario, ScenarioTable } from './types';

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

export const serviceAccountScenarios: ScenarioTable = {
  'token-expiration-600': {
    snapshot: tokenExpiration600,
    twin: annotateServiceAccount(
      'azure.workload.identity/service-account-token-expiration',
      '600',
      true,
    ),
  },
  'sa-annotation-removed': {
    snapshot: s => {
      annotate(undefined)(s);
      probeNotRun(s, 'no client id');
    },
    twin: changeObject('v1', 'ServiceAccount', 'orders', 'orders-api', sa => {
      delete sa.metadata.annotations['azure.workload.identity/client-id'];
    }),
  },
  'client-id-is-principal-id': {
    snapshot: s => {
      annotate(W.principalId)(s);
      probeFails(
        s,
        'AADSTS700016',
        `Application with identifier '${W.principalId}' was not found in the directory '${W.tenant}'.`,
      );
    },
    twin: annotateServiceAccount(
      'azure.workload.identity/client-id',
      BASELINE.identity.principalId,
      true,
    ),
  },
  'client-id-typo': {
    snapshot: s => {
      annotate('4024ab25-56a8-4370-aea6-6389221caf28')(s);
      probeFails(
        s,
        'AADSTS700016',
        `Application with identifier '4024ab25-56a8-4370-aea6-6389221caf28' was not found in the directory '${W.tenant}'.`,
      );
    },
    twin: annotateServiceAccount(
      'azure.workload.identity/client-id',
      '4024ab25-56a8-4370-aea6-6389221caf28',
      true,
    ),
  },
  'tenant-id-wrong': {
    snapshot: tenant(
      '72f988bf-0000-0000-0000-000000000002',
      'AADSTS700016',
      `Application with identifier '${W.clientId}' was not found in the directory '72f988bf-0000-0000-0000-000000000002'.`,
    ),
    // tenant-id-wrong needs a second tenant, which the twin's Entra ID does not have.
    // A second tenant that exists in the twin, where wi-orders does not.
    twin: annotateServiceAccount(
      'azure.workload.identity/tenant-id',
      BASELINE.otherTenantId,
      true,
    ),
  },
  'tenant-id-nonexistent': {
    snapshot: tenant(
      '00000000-dead-0000-0000-000000000000',
      'AADSTS90002',
      "Tenant '00000000-dead-0000-0000-000000000000' not found.",
    ),
    twin: annotateServiceAccount(
      'azure.workload.identity/tenant-id',
      '00000000-dead-0000-0000-000000000000',
      false,
    ),
  },
  'client-id-outside-inventory': {
    snapshot: s => {
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
    // A client id from a subscription the portal may not read, and no request for it.
    twin: demo => {
      demo.sandbox.azure.twin.context.faults.add({
        match: {
          surface: 'arm',
          pathPattern:
            '^/subscriptions/00000000-0000-0000-0000-000000000002/providers/microsoft.managedidentity/userassignedidentities$',
        },
        status: 403,
        code: 'AuthorizationFailed',
        message:
          "The client 'backstage' does not have authorization to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/read' over scope '/subscriptions/00000000-0000-0000-0000-000000000002'.",
      });
      annotateServiceAccount(
        'azure.workload.identity/client-id',
        '7e7e7e7e-0000-0000-0000-00000000007e',
        true,
      )(demo);
      return { noRequests: true };
    },
  },
  'tenant-wrong-identity-hidden': {
    snapshot: s => {
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
    // A tenant that exists nowhere, and ARM hides the identity from the portal.
    twin: demo => {
      // eslint-disable-next-line @typescript-eslint/no-use-before-define
      serviceAccountScenarios['tenant-id-nonexistent'].twin(demo);
      armDenies(
        demo,
        'userAssignedIdentities',
        'Microsoft.ManagedIdentity/userAssignedIdentities/read',
      );
    },
  },
  // billing-worker, another component, runs in orders as orders-api.
  'sa-shared-with-billing': {
    snapshot: s => {
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
    // billing-worker, another component, runs in orders as orders-api.
    twin: demo => {
      const cluster = aksProd(demo);
      const own = cluster.get(
        cluster.type('apps/v1', 'Deployment'),
        'orders',
        'orders-api',
      );
      const billing = structuredClone(own);
      billing.metadata = {
        name: 'billing-worker',
        namespace: 'orders',
        labels: { 'backstage.io/kubernetes-id': 'billing-worker' },
      };
      billing.spec.selector = {
        matchLabels: { 'backstage.io/kubernetes-id': 'billing-worker' },
      };
      billing.spec.template.metadata.labels = {
        ...billing.spec.template.metadata.labels,
        'backstage.io/kubernetes-id': 'billing-worker',
      };
      delete billing.status;
      cluster.apply(billing);
    },
  },
};
