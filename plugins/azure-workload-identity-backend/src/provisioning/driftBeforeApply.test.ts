import { mockServices } from '@backstage/backend-test-utils';
import { ApplyStore } from './ApplyStore';
import { DriftCheck } from './checkDrift';
import { checkDriftBeforeApply } from './driftBeforeApply';
import { StepFailedError } from './steps/StepContext';
import {
  FakeReplan,
  identityPlan,
  requestWith,
} from './__testUtils__/FakeReplan';

type ReplacePlan = Parameters<ApplyStore['replacePlan']>[0];

describe('checkDriftBeforeApply', () => {
  function setUp() {
    const live = new FakeReplan(identityPlan('create'));
    const replaced: ReplacePlan[] = [];
    const store: Pick<ApplyStore, 'replacePlan'> = {
      replacePlan: async options => {
        replaced.push(options);
        return requestWith(options.plan, {
          status: options.to,
        });
      },
    };
    const driftCheck = new DriftCheck({ replan: live.replan });
    const request = requestWith(identityPlan('create'), { status: 'applying' });
    const run = () =>
      checkDriftBeforeApply({
        request,
        driftCheck,
        store,
        owner: 'replica-a',
        logger: mockServices.logger.mock(),
      });
    return { live, replaced, driftCheck, request, run };
  }

  it('applies the plan as it is when live state gives the same one', async () => {
    const { replaced, request, run } = setUp();

    expect(await run()).toEqual({ outcome: 'apply', request });
    expect(replaced).toEqual([]);
  });

  it('reads live state once when the approval has just checked it', async () => {
    const { live, driftCheck, request, run } = setUp();
    await driftCheck.check(request);

    expect((await run()).outcome).toBe('apply');
    expect(live.calls).toBe(1);
  });

  it('carries on with a changed plan that needs no approval', async () => {
    const { live, replaced, run } = setUp();
    live.givesPlan(identityPlan('adopt'));

    const result = await run();

    expect(result.outcome).toBe('apply');
    expect(result.request.planHash).toBe(identityPlan('adopt').planHash);
    expect(replaced).toEqual([
      expect.objectContaining({
        owner: 'replica-a',
        to: 'applying',
        detail: {
          changes: [
            {
              stepId: 'identity',
              change: 'changed',
              summary: expect.stringContaining(
                "action was 'create', now 'adopt'",
              ),
            },
          ],
        },
      }),
    ]);
  });

  it('hands a changed plan that needs approval back to a person', async () => {
    const { live, replaced, run } = setUp();
    live.givesPlan(identityPlan('adopt', true));

    const result = await run();

    expect(result.outcome).toBe('pending-approval');
    expect(replaced.map(r => r.to)).toEqual(['pending-approval']);
  });

  it('fails the run, in the words it always used, when live state allows no plan', async () => {
    const { live, replaced, run } = setUp();
    live.refuses([
      { field: 'cluster', message: 'aks-prod is not configured' },
      { field: 'namespace', message: 'orders does not exist' },
    ]);

    const failure = await run().catch(error => error);

    expect(failure).toBeInstanceOf(StepFailedError);
    expect(failure.message).toBe(
      'live state no longer allows this request: cluster: aks-prod is not configured; namespace: orders does not exist',
    );
    expect(failure.code).toBe('plan-refused');
    expect(replaced).toEqual([]);
  });
});
