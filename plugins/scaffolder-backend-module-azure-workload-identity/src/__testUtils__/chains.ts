import {
  ChainBinding,
  ChainView,
  Finding,
} from '@backstage-community/plugin-azure-workload-identity-common';

/** One workload of orders-api in orders on aks-prod, as `GET /chain` lists it. */
export function workload(overrides: Partial<ChainBinding> = {}): ChainBinding {
  return {
    usesWorkloadIdentity: false,
    cluster: 'aks-prod',
    namespace: 'orders',
    workload: 'deployment/orders-api',
    pods: 2,
    serviceAccount: 'orders-api',
    federatedCredentials: [],
    roleAssignments: [],
    targets: [],
    ...overrides,
  };
}

/** The pod-label-missing finding the backend reports for a workload (`kind/name`). */
export function labelMissing(workloadRef: string): Finding {
  const [kind, name] = workloadRef.split('/');
  return {
    ruleId: 'pod-label-missing',
    link: 'pod',
    severity: 'error',
    state: 'broken',
    message: `Pods of ${workloadRef} do not carry azure.workload.identity/use="true"`,
    evidence: { expected: 'pod label', actual: 'absent' },
    fix: { kind: 'command', text: 'kubectl …', owner: 'component' },
    ref: { cluster: 'aks-prod', namespace: 'orders', kind, name },
  };
}

/** orders-api's chain as `GET /chain/component/default/orders-api` answers it. */
export function chainView(
  bindings: ChainBinding[],
  findings: Finding[] = [],
): ChainView {
  return {
    entityRef: 'component:default/orders-api',
    checkedAt: '2026-11-22T10:01:00Z',
    links: {} as ChainView['links'],
    findings,
    bindings,
  };
}
