import { AccessRequestSpec } from '@backstage-community/plugin-azure-workload-identity-common';
import { baseSpec, IDENTITY_ID, SUBSCRIPTION } from '../../__testUtils__/world';
import { Plan, PlanOutcome, PlanRefusal } from '../../planning/Plan';
import { computePlanHash } from '../../planning/planHash';
import { AccessRequestRecord } from '../../requests/types';

/** A plan with one identity step, which live state either asks to create or lets adopt. */
export function identityPlan(
  action: 'create' | 'adopt',
  requiresApproval = false,
): Plan {
  const steps: Plan['steps'] = [
    {
      id: 'identity',
      kind: 'ensure-identity',
      why: 'the workload signs in as it',
      action,
      name: 'id-orders-api-aks-prod',
      resourceId: IDENTITY_ID,
      subscriptionId: SUBSCRIPTION,
      resourceGroup: 'rg-aks-prod',
      tags: {},
    },
  ];
  return {
    planHash: computePlanHash(steps),
    steps,
    requiresApproval,
    approvalReasons: [],
    notes: [],
  };
}

/** Live state as the pre-flight would read it: set what planning now gives, count the reads. */
export class FakeReplan {
  calls = 0;
  private answer: PlanOutcome;

  constructor(plan: Plan = identityPlan('create')) {
    this.answer = { ok: true, plan };
  }

  givesPlan(plan: Plan): this {
    this.answer = { ok: true, plan };
    return this;
  }

  refuses(refusals: PlanRefusal[]): this {
    this.answer = { ok: false, refusals };
    return this;
  }

  readonly replan = async (_spec: AccessRequestSpec): Promise<PlanOutcome> => {
    this.calls++;
    return this.answer;
  };
}

/** A stored request carrying `plan`, in `status`. */
export function requestWith(
  plan: Plan,
  overrides: Partial<AccessRequestRecord> = {},
): AccessRequestRecord {
  const spec = baseSpec();
  return {
    id: 'req-1',
    entityRef: spec.entityRef,
    requestedBy: 'user:default/olivia-orders',
    status: 'pending-approval',
    cluster: spec.cluster,
    namespace: spec.namespace,
    serviceAccountName: spec.serviceAccountName,
    spec,
    plan,
    planHash: plan.planHash,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}
