import {
  AdmissionAttributes,
  evaluateAdmissionPolicies,
  ParamSource,
} from 'sandbox/src/kubernetes/admissionPolicy';
import { GuardrailSettings } from '../config/readGuardrailConfig';
import { Grant, grantsConfigMap } from './grantsConfigMap';
import {
  expectedGuardrailPolicies,
  GuardrailCluster,
} from './guardrailManifests';

// The generated guardrails, judged by the sandbox's evaluator of ValidatingAdmissionPolicies
// (which follows kube-apiserver's matching and wording): what they let through and refuse.

const ORDERS_ID = '11111111-aaaa-4bbb-8ccc-000000000001';
const PAYMENTS_ID = '22222222-aaaa-4bbb-8ccc-000000000002';

const grants: Grant[] = [
  {
    namespace: 'orders',
    serviceAccount: 'orders-api',
    clientId: ORDERS_ID,
    requestId: 'req-1',
  },
  {
    namespace: 'payments',
    serviceAccount: 'payments-worker',
    clientId: PAYMENTS_ID,
    requestId: 'req-2',
  },
];

const prod: GuardrailCluster = {
  name: 'aks-prod',
  environment: 'production',
  namespaceEnvironments: [
    { namespace: 'sandbox-*', environment: 'development' },
  ],
};

function admit(options: {
  cluster?: GuardrailCluster;
  settings?: Partial<GuardrailSettings>;
  attributes: AdmissionAttributes;
  grants?: Grant[];
}) {
  const objects = expectedGuardrailPolicies(options.cluster ?? prod, {
    mode: 'deny',
    requireProvisionedServiceAccounts: false,
    ...options.settings,
  });
  const configMap = grantsConfigMap(options.grants ?? grants);
  const params: ParamSource = {
    scopeOf: () => 'Namespaced',
    list: (_kind, namespace) =>
      namespace === configMap.metadata.namespace ? [configMap as any] : [],
  };
  return evaluateAdmissionPolicies({
    attributes: options.attributes,
    namespaceObject: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: options.attributes.namespace!,
        labels: {
          'kubernetes.io/metadata.name': options.attributes.namespace!,
        },
      },
    },
    policies: objects.filter(
      o => o.kind === 'ValidatingAdmissionPolicy',
    ) as any,
    bindings: objects.filter(
      o => o.kind === 'ValidatingAdmissionPolicyBinding',
    ) as any,
    params,
  });
}

function serviceAccount(
  namespace: string,
  clientId?: string,
): AdmissionAttributes {
  const object = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: 'orders-api',
      namespace,
      ...(clientId
        ? { annotations: { 'azure.workload.identity/client-id': clientId } }
        : {}),
    },
  };
  return {
    operation: 'UPDATE',
    resource: { group: '', version: 'v1', resource: 'serviceaccounts' },
    kind: { group: '', version: 'v1', kind: 'ServiceAccount' },
    namespace,
    name: 'orders-api',
    object,
    oldObject: { ...object, metadata: { name: 'orders-api', namespace } },
    userInfo: {
      username: 'dev@contoso.example',
      groups: ['system:authenticated'],
    },
  };
}

function pod(
  namespace: string,
  serviceAccountName?: string,
): AdmissionAttributes {
  return {
    operation: 'CREATE',
    resource: { group: '', version: 'v1', resource: 'pods' },
    kind: { group: '', version: 'v1', kind: 'Pod' },
    namespace,
    name: 'orders-api-1',
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'orders-api-1',
        namespace,
        labels: { 'azure.workload.identity/use': 'true' },
      },
      spec: {
        ...(serviceAccountName ? { serviceAccountName } : {}),
        containers: [{ name: 'app', image: 'app:1' }],
      },
    },
    oldObject: null,
    userInfo: {
      username: 'dev@contoso.example',
      groups: ['system:authenticated'],
    },
  };
}

describe('the generated guardrails', () => {
  it("refuse another team's client id on a service account, in kube-apiserver's words", () => {
    const verdict = admit({
      attributes: serviceAccount('orders', PAYMENTS_ID),
    });
    expect(verdict.allowed).toBe(false);
    expect(verdict.status?.message).toBe(
      `serviceaccounts "orders-api" is forbidden: ValidatingAdmissionPolicy 'azure-workload-identity-client-id-grants' with binding 'azure-workload-identity-client-id-grants' denied request: client id ${PAYMENTS_ID} is not granted to namespace orders; request Azure access for this workload in the developer portal`,
    );
  });

  it('let through the client id granted to the namespace, in any case, and service accounts without one', () => {
    expect(
      admit({ attributes: serviceAccount('orders', ORDERS_ID) }).allowed,
    ).toBe(true);
    expect(
      admit({ attributes: serviceAccount('orders', ORDERS_ID.toUpperCase()) })
        .allowed,
    ).toBe(true);
    expect(admit({ attributes: serviceAccount('orders') }).allowed).toBe(true);
  });

  it('close again when the grant is withdrawn', () => {
    const verdict = admit({
      attributes: serviceAccount('orders', ORDERS_ID),
      grants: grants.filter(g => g.namespace !== 'orders'),
    });
    expect(verdict.allowed).toBe(false);
  });

  it('refuse a labelled production pod on the default service account, named or not', () => {
    for (const serviceAccountName of [undefined, 'default']) {
      const verdict = admit({ attributes: pod('orders', serviceAccountName) });
      expect(verdict.allowed).toBe(false);
      expect(verdict.status?.message).toContain(
        "ValidatingAdmissionPolicy 'azure-workload-identity-no-default-sa' with binding 'azure-workload-identity-no-default-sa' denied request: pods using Azure workload identity in production namespace orders must not run as the default service account",
      );
    }
    expect(admit({ attributes: pod('orders', 'orders-api') }).allowed).toBe(
      true,
    );
  });

  it('leave non-production namespaces and clusters alone', () => {
    expect(admit({ attributes: pod('sandbox-olivia') }).allowed).toBe(true);
    const dev: GuardrailCluster = {
      name: 'aks-dev',
      environment: 'development',
      namespaceEnvironments: [],
    };
    expect(admit({ cluster: dev, attributes: pod('orders') }).allowed).toBe(
      true,
    );
  });

  it('in audit mode let the request through with a warning the client prints', () => {
    const verdict = admit({
      settings: { mode: 'audit' },
      attributes: serviceAccount('orders', PAYMENTS_ID),
    });
    expect(verdict.allowed).toBe(true);
    expect(verdict.warnings.join('\n')).toContain(
      `client id ${PAYMENTS_ID} is not granted to namespace orders`,
    );
  });

  it('optionally refuse pods on service accounts the portal did not provision', () => {
    const settings = { requireProvisionedServiceAccounts: true };
    expect(
      admit({ settings, attributes: pod('orders', 'orders-api') }).allowed,
    ).toBe(true);
    const verdict = admit({ settings, attributes: pod('orders', 'hand-made') });
    expect(verdict.allowed).toBe(false);
    expect(verdict.status?.message).toContain(
      'service account hand-made in namespace orders was not provisioned by the developer portal',
    );
  });
});
