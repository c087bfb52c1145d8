import { evaluateAdmissionPolicies } from './evaluateAdmissionPolicies';
import {
  clientIdGrantsBinding,
  clientIdGrantsPolicy,
  grantsConfigMap,
  noDefaultServiceAccountBinding,
  noDefaultServiceAccountPolicy,
} from './__testUtils__/workloadIdentityPolicies';
import {
  coreRequest,
  FakeParamSource,
  namespaceObject,
  pod,
  serviceAccount,
} from './__testUtils__/requests';
import type { ValidationAction } from './types';

const PAYMENTS_CLIENT_ID = '6f1c7c4e-1111-4a5b-9c3d-7e8f9a0b1c2d';
const ORDERS_CLIENT_ID = '0a9b8c7d-2222-4e5f-8a1b-2c3d4e5f6a7b';

const grants = grantsConfigMap([
  {
    namespace: 'orders',
    clientId: ORDERS_CLIENT_ID,
    requestId: 'req-orders-1',
  },
  {
    namespace: 'payments',
    clientId: PAYMENTS_CLIENT_ID,
    requestId: 'req-payments-7',
  },
]);

function annotateServiceAccount(options: {
  clientId?: string;
  configMaps?: ReturnType<typeof grantsConfigMap>[];
  validationActions?: ValidationAction[];
  operation?: 'CREATE' | 'UPDATE';
}) {
  const sa = serviceAccount({
    name: 'orders-api',
    namespace: 'orders',
    clientId: options.clientId,
  });
  return evaluateAdmissionPolicies({
    attributes: coreRequest({
      operation: options.operation ?? 'CREATE',
      resource: 'serviceaccounts',
      kind: 'ServiceAccount',
      object: sa,
      oldObject:
        options.operation === 'UPDATE'
          ? serviceAccount({ name: 'orders-api', namespace: 'orders' })
          : null,
    }),
    namespaceObject: namespaceObject('orders'),
    policies: [clientIdGrantsPolicy()],
    bindings: [
      clientIdGrantsBinding({ validationActions: options.validationActions }),
    ],
    params: new FakeParamSource(options.configMaps ?? [grants]),
  });
}

describe('client id grants policy', () => {
  it("denies a ServiceAccount in orders that names Team Payments' client id", () => {
    const verdict = annotateServiceAccount({ clientId: PAYMENTS_CLIENT_ID });

    expect(verdict.allowed).toBe(false);
    expect(verdict.status).toEqual({
      code: 403,
      reason: 'Forbidden',
      message: `serviceaccounts "orders-api" is forbidden: ValidatingAdmissionPolicy 'azure-workload-identity-client-id-grants' with binding 'azure-workload-identity-client-id-grants' denied request: client id ${PAYMENTS_CLIENT_ID} is not granted to namespace orders; request access to this identity in the developer portal`,
      details: {
        name: 'orders-api',
        kind: 'serviceaccounts',
        causes: [
          {
            message: `ValidatingAdmissionPolicy 'azure-workload-identity-client-id-grants' with binding 'azure-workload-identity-client-id-grants' denied request: client id ${PAYMENTS_CLIENT_ID} is not granted to namespace orders; request access to this identity in the developer portal`,
          },
        ],
      },
    });
  });

  it('allows the client id granted to the namespace, on create and on update', () => {
    expect(annotateServiceAccount({ clientId: ORDERS_CLIENT_ID }).allowed).toBe(
      true,
    );
    expect(
      annotateServiceAccount({
        clientId: ORDERS_CLIENT_ID,
        operation: 'UPDATE',
      }).allowed,
    ).toBe(true);
  });

  it('closes again once the grant is revoked', () => {
    const revoked = grantsConfigMap([
      {
        namespace: 'payments',
        clientId: PAYMENTS_CLIENT_ID,
        requestId: 'req-payments-7',
      },
    ]);
    const verdict = annotateServiceAccount({
      clientId: ORDERS_CLIENT_ID,
      configMaps: [revoked],
      operation: 'UPDATE',
    });
    expect(verdict.allowed).toBe(false);
    expect(verdict.status?.message).toContain(
      `client id ${ORDERS_CLIENT_ID} is not granted to namespace orders`,
    );
  });

  it('denies every client id when the grants ConfigMap has no data yet', () => {
    const verdict = annotateServiceAccount({
      clientId: ORDERS_CLIENT_ID,
      configMaps: [grantsConfigMap([])],
    });
    expect(verdict.allowed).toBe(false);
  });

  it('leaves ServiceAccounts without the annotation alone', () => {
    expect(annotateServiceAccount({}).allowed).toBe(true);
  });

  it('lets requests through while the grants ConfigMap does not exist', () => {
    expect(
      annotateServiceAccount({ clientId: PAYMENTS_CLIENT_ID, configMaps: [] })
        .allowed,
    ).toBe(true);
  });

  it('in Audit mode admits and records the failure', () => {
    const verdict = annotateServiceAccount({
      clientId: PAYMENTS_CLIENT_ID,
      validationActions: ['Audit'],
    });
    expect(verdict.allowed).toBe(true);
    expect(verdict.auditAnnotations).toEqual([
      {
        key: 'validation.policy.admission.k8s.io/validation_failure',
        value: JSON.stringify([
          {
            message: `client id ${PAYMENTS_CLIENT_ID} is not granted to namespace orders; request access to this identity in the developer portal`,
            policy: 'azure-workload-identity-client-id-grants',
            binding: 'azure-workload-identity-client-id-grants',
            expressionIndex: 0,
            validationActions: ['Audit'],
          },
        ]),
      },
    ]);
  });
});

function createPod(options: {
  namespace: string;
  serviceAccountName?: string;
  labels?: Record<string, string>;
}) {
  return evaluateAdmissionPolicies({
    attributes: coreRequest({
      operation: 'CREATE',
      resource: 'pods',
      kind: 'Pod',
      object: pod({ name: 'orders-api-7d9f', ...options }),
    }),
    namespaceObject: namespaceObject(options.namespace),
    policies: [noDefaultServiceAccountPolicy()],
    bindings: [
      noDefaultServiceAccountBinding({
        productionNamespaces: ['orders', 'payments'],
      }),
    ],
    params: new FakeParamSource([]),
  });
}

const WI_LABEL = { 'azure.workload.identity/use': 'true' };

describe('no default ServiceAccount policy', () => {
  it('denies a labelled production pod that names the default ServiceAccount', () => {
    const verdict = createPod({
      namespace: 'orders',
      serviceAccountName: 'default',
      labels: WI_LABEL,
    });
    expect(verdict.allowed).toBe(false);
    expect(verdict.status?.code).toBe(403);
    expect(verdict.status?.message).toBe(
      "pods \"orders-api-7d9f\" is forbidden: ValidatingAdmissionPolicy 'azure-workload-identity-no-default-sa' with binding 'azure-workload-identity-no-default-sa' denied request: pods using Azure workload identity in production namespace orders must not run as the default service account; set spec.serviceAccountName to the service account provisioned for the workload",
    );
  });

  it('treats an absent or empty serviceAccountName as default', () => {
    expect(createPod({ namespace: 'orders', labels: WI_LABEL }).allowed).toBe(
      false,
    );
    expect(
      createPod({
        namespace: 'orders',
        serviceAccountName: '',
        labels: WI_LABEL,
      }).allowed,
    ).toBe(false);
  });

  it('allows a labelled pod on its own ServiceAccount', () => {
    expect(
      createPod({
        namespace: 'orders',
        serviceAccountName: 'orders-api',
        labels: WI_LABEL,
      }).allowed,
    ).toBe(true);
  });

  it('ignores pods without the label and namespaces outside production', () => {
    expect(createPod({ namespace: 'orders' }).allowed).toBe(true);
    expect(
      createPod({
        namespace: 'orders',
        labels: { 'azure.workload.identity/use': 'false' },
      }).allowed,
    ).toBe(true);
    expect(createPod({ namespace: 'sandbox', labels: WI_LABEL }).allowed).toBe(
      true,
    );
  });
});
