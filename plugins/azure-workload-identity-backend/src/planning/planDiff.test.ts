import { plannerFor } from '../__testUtils__/planner';
import { planned } from '../__testUtils__/planAssertions';
import { baseSpec, healthyWorld, IDENTITY_ID } from '../__testUtils__/world';
import { planDiff } from './planDiff';

describe('planDiff', () => {
  it('finds nothing between a plan and itself, whatever the prose', async () => {
    const plan = planned(await plannerFor(healthyWorld()).plan(baseSpec()));
    const reworded = plan.steps.map(s => ({ ...s, why: 'reworded' }));
    expect(planDiff(plan.steps, reworded)).toEqual([]);
  });

  it('names the step, the field and both values when live state moved', async () => {
    const before = planned(await plannerFor(healthyWorld()).plan(baseSpec()));
    // Someone created the identity by hand after the plan was read: it is now adopted.
    const world = healthyWorld().addIdentity({
      resourceId: IDENTITY_ID,
      name: 'id-orders-api-aks-prod',
      clientId: '11111111-1111-1111-1111-111111111111',
      principalId: '22222222-2222-2222-2222-222222222222',
    });
    const after = planned(await plannerFor(world).plan(baseSpec()));

    const changes = planDiff(before.steps, after.steps);
    expect(changes).toContainEqual(
      expect.objectContaining({
        stepId: 'identity',
        change: 'changed',
        fields: expect.arrayContaining(['action']),
        summary: expect.stringContaining("action was 'create', now 'adopt'"),
      }),
    );
  });

  it('reports steps that appear and disappear', async () => {
    const plan = planned(await plannerFor(healthyWorld()).plan(baseSpec()));
    const fewer = plan.steps.filter(s => s.id !== 'role-assignment-2');
    expect(planDiff(plan.steps, fewer)).toEqual([
      expect.objectContaining({
        stepId: 'role-assignment-2',
        change: 'removed',
      }),
    ]);
    expect(planDiff(fewer, plan.steps)).toEqual([
      expect.objectContaining({ stepId: 'role-assignment-2', change: 'added' }),
    ]);
  });
});
