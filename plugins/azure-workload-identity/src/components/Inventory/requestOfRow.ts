import {
  AccessRequestRecord,
  InventoryRow,
} from '@backstage-community/plugin-azure-workload-identity-common';

/** The last segment of a role definition id, lower case: the role's GUID either way. */
function roleGuid(id: string): string {
  return (id.split('/').pop() ?? '').toLowerCase();
}

function sameScope(a: string, b: string): boolean {
  const normal = (scope: string) => scope.replace(/\/+$/, '').toLowerCase();
  return normal(a) === normal(b);
}

/**
 * The request a row's access came from: a request of the same component for the same
 * service account on the same cluster whose plan assigns that role on that scope. A row
 * without a role (an identity holding none) comes from the newest request for its service
 * account. Rows made by hand match none. `requests` are newest first, as the API lists them.
 */
export function requestOfRow(
  row: InventoryRow,
  requests: AccessRequestRecord[],
): AccessRequestRecord | undefined {
  const forWorkload = requests.filter(
    r =>
      r.entityRef.toLowerCase() === row.entityRef.toLowerCase() &&
      r.cluster === row.cluster &&
      r.namespace === row.namespace &&
      r.serviceAccountName === row.serviceAccount,
  );
  if (!row.scope) return forWorkload[0];
  return forWorkload.find(r =>
    (r.plan?.steps ?? []).some(
      step =>
        step.kind === 'ensure-role-assignment' &&
        sameScope(step.scope, row.scope) &&
        (roleGuid(step.roleId) === roleGuid(row.roleDefinitionId) ||
          step.roleName === row.roleName),
    ),
  );
}
