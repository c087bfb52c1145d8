import { approvalPlan, plan } from '../__testUtils__/requests';
import { describePlan } from './planSummary';

describe('describePlan', () => {
  it('says where the environment comes from and gives each reason a line of its own', () => {
    const lines = describePlan({
      ...approvalPlan,
      environment: 'production',
      approvalReasons: [
        ...approvalPlan.approvalReasons,
        {
          code: 'other-team-resource',
          message:
            'ordersdata belongs to group:default/team-payments (its backstage-owner tag), not to group:default/team-orders',
        },
      ],
    });
    expect(lines).toContain(
      "Environment: production (from the cluster's configuration)",
    );
    expect(lines.slice(lines.indexOf('Needs approval:'))).toEqual([
      'Needs approval:',
      '- aks-prod is a production cluster',
      '- ordersdata belongs to group:default/team-payments (its backstage-owner tag), not to group:default/team-orders',
    ]);
  });

  it('names no environment when the configuration gives none', () => {
    const lines = describePlan(plan);
    expect(lines.some(line => line.startsWith('Environment'))).toBe(false);
    expect(lines[lines.length - 1]).toBe(
      'No approval needed: policy approves this plan',
    );
  });
});
