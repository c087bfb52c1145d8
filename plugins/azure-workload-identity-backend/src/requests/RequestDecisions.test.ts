import { mockServices } from '@backstage/backend-test-utils';
import {
  ReplacePlanOptions,
  RequestStore,
  TransitionOptions,
} from '../database/RequestStore';
import { DriftCheck } from '../provisioning/checkDrift';
import { checkDriftBeforeApply } from '../provisioning/driftBeforeApply';
import {
  FakeReplan,
  identityPlan,
  requestWith,
} from '../provisioning/__testUtils__/FakeReplan';
import { VirtualClock } from '../provisioning/__testUtils__/VirtualClock';
import { PlanDriftedError, PlanRefusedError } from './errors';
import { RequestDecisions } from './RequestDecisions';
import { AccessRequestRecord } from './types';

const APPROVER = 'user:default/pat-platform';

/** One pending request in memory; records what the decisions write. */
class OneRequestStore implements RequestStore {
  transitions: TransitionOptions[] = [];
  replaced: ReplacePlanOptions[] = [];

  constructor(public request: AccessRequestRecord) {}

  async getRequest() {
    return { ...this.request, events: [] };
  }

  async transition(options: TransitionOptions) {
    this.transitions.push(options);
    this.request = { ...this.request, status: options.to };
    return this.request;
  }

  async replacePlan(options: ReplacePlanOptions) {
    this.replaced.push(options);
    this.request = {
      ...this.request,
      plan: options.plan,
      planHash: options.plan.planHash,
    };
    return this.request;
  }

  createRequest(): never {
    throw new Error('not used by decisions');
  }
  listRequests(): never {
    throw new Error('not used by decisions');
  }
  appendEvent(): never {
    throw new Error('not used by decisions');
  }
  listExpired(): never {
    throw new Error('not used by decisions');
  }
}

describe('RequestDecisions.approve', () => {
  function setUp() {
    const live = new FakeReplan(identityPlan('create'));
    const clock = new VirtualClock();
    const driftCheck = new DriftCheck({ replan: live.replan, clock });
    const store = new OneRequestStore(requestWith(identityPlan('create')));
    const started: string[] = [];
    const decisions = new RequestDecisions({
      store,
      planner: { plan: live.replan },
      driftCheck,
      startApply: id => started.push(id),
    });
    const approve = (planHash = store.request.planHash!) =>
      decisions.approve({ id: 'req-1', actor: APPROVER, planHash });
    return { live, clock, driftCheck, store, started, approve };
  }

  it('approves a plan live state still gives, and starts applying it', async () => {
    const { store, started, approve } = setUp();

    const approved = await approve();

    expect(approved.status).toBe('approved');
    expect(store.transitions.map(t => t.planHash)).toEqual([
      identityPlan('create').planHash,
    ]);
    expect(started).toEqual(['req-1']);
  });

  it('reads live state once for the approval and the apply that follows it', async () => {
    const { live, driftCheck, store, approve } = setUp();
    await approve();

    const apply = await checkDriftBeforeApply({
      request: { ...store.request, status: 'applying' },
      driftCheck,
      store: {
        replacePlan: () => {
          throw new Error('the plan did not change');
        },
      },
      owner: 'replica-a',
      logger: mockServices.logger.mock(),
    });

    expect(apply.outcome).toBe('apply');
    expect(live.calls).toBe(1);
  });

  it('reads live state again for an approval long after the last plan', async () => {
    const { live, clock, driftCheck, store, approve } = setUp();
    await driftCheck.check(store.request);
    live.givesPlan(identityPlan('adopt'));

    clock.advance(5 * 60_000);
    const failure = await approve().catch(error => error);

    expect(live.calls).toBe(2);
    expect(failure).toBeInstanceOf(PlanDriftedError);
  });

  it('shows a drifted plan to the approver, in the words it always used, and keeps it pending', async () => {
    const { live, store, started, approve } = setUp();
    live.givesPlan(identityPlan('adopt'));

    const failure = await approve().catch(error => error);

    const now = identityPlan('adopt').planHash;
    expect(failure).toBeInstanceOf(PlanDriftedError);
    expect(failure.message).toBe(
      `the plan of request 'req-1' changed since it was read (now ${now}): managed identity 'id-orders-api-aks-prod': action was 'create', now 'adopt'; review the new plan and approve it again`,
    );
    expect(store.replaced).toEqual([
      expect.objectContaining({
        from: 'pending-approval',
        expectedPlanHash: identityPlan('create').planHash,
        to: 'pending-approval',
        type: 'plan-changed',
        actor: 'plugin:azure-workload-identity',
      }),
    ]);
    expect(store.transitions).toEqual([]);
    expect(started).toEqual([]);

    // The approver reads the new plan and approves it: live state was read moments ago.
    expect((await approve(now)).status).toBe('approved');
    expect(live.calls).toBe(1);
  });

  it('refuses an approval, in the words it always used, when live state allows no plan', async () => {
    const { live, store, approve } = setUp();
    live.refuses([{ field: 'cluster', message: 'aks-prod is not configured' }]);

    const failure = await approve().catch(error => error);

    expect(failure).toBeInstanceOf(PlanRefusedError);
    expect(failure.message).toBe(
      'no plan can be made: cluster: aks-prod is not configured',
    );
    expect(store.transitions).toEqual([]);
  });
});
