import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  azureWorkloadIdentityPermissions,
  requestApprovePermission,
} from './permissions';

describe('permissions', () => {
  it('are all named under the plugin id, once each', () => {
    const names = azureWorkloadIdentityPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name.startsWith('azure-workload-identity.')).toBe(true);
    }
  });

  it('approval is a basic permission the policy decides per user', () => {
    expect(requestApprovePermission.name).toBe(
      'azure-workload-identity.request.approve',
    );
    expect(isResourcePermission(requestApprovePermission)).toBe(false);
  });
});
