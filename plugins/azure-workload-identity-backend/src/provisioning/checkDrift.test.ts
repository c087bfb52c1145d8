import { baseSpec } from '../__testUtils__/world';
import { DriftCheck } from './checkDrift';
import {
  FakeReplan,
  identityPlan,
  requestWith,
} from './__testUtils__/FakeReplan';
import { VirtualClock } from './__testUtils__/VirtualClock';

describe('DriftCheck', () => {
  function setUp(freshForMs?: number) {
    const live = new FakeReplan(identityPlan('create'));
    const clock = new VirtualClock();
    const check = new DriftCheck({ replan: live.replan, clock, freshForMs });
    return { live, clock, check };
  }

  it('reuses a plan made within the window under the same plan hash', async () => {
    const { live, clock, check } = setUp();
    const request = requestWith(identityPlan('create'));

    expect(await check.check(request)).toEqual({
      drift: 'none',
      replanned: true,
    });
    clock.advance(59_000);
    expect(await check.check(request)).toEqual({
      drift: 'none',
      replanned: false,
    });
    expect(live.calls).toBe(1);
  });

  it('counts a plan made through it, as for a new request, as fresh', async () => {
    const { live, check } = setUp();
    const made = await check.plan(baseSpec());
    if (!made.ok) throw new Error('expected a plan');

    const outcome = await check.check(requestWith(made.plan));

    expect(outcome).toEqual({ drift: 'none', replanned: false });
    expect(live.calls).toBe(1);
  });

  it('plans again once the window has passed, and then sees the drift', async () => {
    const { live, clock, check } = setUp();
    const request = requestWith(identityPlan('create'));
    await check.check(request);
    live.givesPlan(identityPlan('adopt'));

    clock.advance(60_000);
    const outcome = await check.check(request);

    expect(live.calls).toBe(2);
    expect(outcome).toMatchObject({
      drift: 'changed',
      plan: { planHash: identityPlan('adopt').planHash },
      changes: [
        expect.objectContaining({
          stepId: 'identity',
          change: 'changed',
          summary: expect.stringContaining("action was 'create', now 'adopt'"),
        }),
      ],
    });
  });

  it('plans again for a request under another plan hash than the fresh plan', async () => {
    const { live, check } = setUp();
    await check.check(requestWith(identityPlan('create')));

    const outcome = await check.check(requestWith(identityPlan('adopt')));

    expect(live.calls).toBe(2);
    expect(outcome).toMatchObject({
      drift: 'changed',
      plan: { planHash: identityPlan('create').planHash },
    });
  });

  it('plans again for another spec, whatever its plan hash', async () => {
    const { live, check } = setUp();
    await check.check(requestWith(identityPlan('create')));

    await check.check(
      requestWith(identityPlan('create'), {
        spec: baseSpec({ serviceAccountName: 'orders-worker' }),
      }),
    );

    expect(live.calls).toBe(2);
  });

  it('takes the new plan as fresh once it has seen it change', async () => {
    const { live, check } = setUp();
    live.givesPlan(identityPlan('adopt'));
    await check.check(requestWith(identityPlan('create')));

    // The approver reads the replaced plan and approves it: live state was read just now.
    const outcome = await check.check(requestWith(identityPlan('adopt')));

    expect(outcome).toEqual({ drift: 'none', replanned: false });
    expect(live.calls).toBe(1);
  });

  it('answers a refusal with its reasons, and forgets the plan it had', async () => {
    const { live, check } = setUp();
    const request = requestWith(identityPlan('create'));
    await check.check(request);
    const refusals = [{ field: 'cluster', message: 'aks-prod is gone' }];
    live.refuses(refusals);
    expect(await check.check(request)).toEqual({
      drift: 'none',
      replanned: false,
    });

    // Planning anew (a request planned again) is refused, so nothing vouches for it any more.
    await check.plan(request.spec);
    expect(await check.check(request)).toEqual({ drift: 'refused', refusals });
    expect(live.calls).toBe(3);
  });

  it('plans every time when the window is 0', async () => {
    const { live, check } = setUp(0);
    const request = requestWith(identityPlan('create'));

    await check.check(request);
    await check.check(request);

    expect(live.calls).toBe(2);
  });
});
