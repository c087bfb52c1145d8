import { uniqueAssignments } from './armShapes';

const assignment = (id: string, principalId: string) => ({
  id,
  properties: {
    roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/r',
    principalId,
    scope: '/providers/Microsoft.Management/managementGroups/contoso',
  },
});

describe('uniqueAssignments', () => {
  it('keeps a management group assignment once, however many subscriptions list it, whatever the case of its id', () => {
    const id =
      '/providers/Microsoft.Management/managementGroups/contoso/providers/Microsoft.Authorization/roleAssignments/a1';
    expect(
      uniqueAssignments([
        assignment(id, 'p'),
        assignment('/other/a2', 'p'),
        assignment(id.toUpperCase(), 'p'),
      ]).map(a => a.id),
    ).toEqual([id.toUpperCase(), '/other/a2']);
  });
});
