import { RoleReads } from '../ports';
import { subscriptionWideReads } from './subscriptionWideReads';

const SUB = '00000000-0000-0000-0000-000000000001';
const STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata`;

const assignment = (id: string, principalId: string, scope: string) => ({
  id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${id}`,
  properties: { roleDefinitionId: 'r', principalId, scope },
});

describe('subscriptionWideReads', () => {
  it("lists a subscription's assignments once and answers by principal and by target", async () => {
    const calls: string[] = [];
    const client = {
      listAllRoleAssignments: async (sub: string) => {
        calls.push(sub);
        return [
          assignment('1', 'p-orders', STORAGE),
          assignment(
            '2',
            'p-billing',
            `/subscriptions/${SUB}/resourceGroups/rg-apps`,
          ),
          assignment('3', 'p-other', `${STORAGE}2`),
        ];
      },
    } as unknown as RoleReads;
    const reads = subscriptionWideReads(client);
    expect(
      (
        await reads.listRoleAssignments({
          principalId: 'P-ORDERS',
          subscriptionIds: [SUB],
        })
      ).map(a => a.id.split('/').pop()),
    ).toEqual(['1']);
    // At or above the account; not a sibling whose name merely starts the same.
    expect(
      (await reads.listAssignmentsAtScope(STORAGE)).map(a =>
        a.id.split('/').pop(),
      ),
    ).toEqual(['1', '2']);
    expect(calls).toEqual([SUB]);
  });
});
