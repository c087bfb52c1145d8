import { DAY, grantOnStorage, replaceRole } from '../twinStaging';
import { applySeed } from 'sandbox';
import { RoleAssignment } from '../../azureTypes';
import { binding, ok } from '../access';
import { BASELINE_ASSIGNMENTS, baselineRequest } from '../baselineBinding';
import { ONE_DAY_AGO, ORPHAN_PRINCIPAL, W } from '../world';
import { Scenario, ScenarioTable } from './types';

export function assignmentOf(
  name: string,
  role: string,
  scope: string,
  principalId: string = W.principalId,
): RoleAssignment {
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    properties: {
      roleDefinitionId: W.roleDefinitionId(role),
      principalId,
      principalType: 'ServicePrincipal',
      scope,
      createdOn: ONE_DAY_AGO,
    },
  };
}

/**
 * Replaces the baseline assignment of target `index` (0 storage, 1 vault) by `next` (none when
 * undefined) in both lists ARM answers: `principalId eq` and `atScope()` at the target.
 */
export function replaceAssignment(
  index: 0 | 1,
  next: RoleAssignment | undefined,
): Scenario {
  return s => {
    const b = binding(s);
    const old = index === 0 ? W.storageId : W.vaultId;
    const keep = (list: RoleAssignment[]) =>
      list.filter(a => a.properties.scope !== old);
    b.roleAssignments = {
      status: 'ok',
      value: [...keep(ok(b.roleAssignments)), ...(next ? [next] : [])],
    };
    b.targets[index].assignmentsAtScope = {
      status: 'ok',
      value: [
        ...keep(ok(b.targets[index].assignmentsAtScope)),
        ...(next ? [next] : []),
      ],
    };
  };
}

/** Adds an assignment of the identity on the storage account next to the baseline one. */
function addOnStorage(role: string): Scenario {
  return s => {
    const extra = assignmentOf(
      '22222222-aaaa-0000-0000-000000000001',
      role,
      W.storageId,
    );
    const b = binding(s);
    ok(b.roleAssignments).push(extra);
    ok(b.targets[0].assignmentsAtScope).push(extra);
  };
}

export const roleAssignmentScenarios: ScenarioTable = {
  'role-at-resource-group': {
    snapshot: replaceAssignment(
      0,
      assignmentOf(
        '11111111-aaaa-0000-0000-000000000001',
        'Storage Blob Data Reader',
        W.rgApps,
      ),
    ),
    twin: replaceRole(W.storageId, {
      role: 'Storage Blob Data Reader',
      scope: W.rgApps,
    }),
  },
  'owner-on-storage-account': {
    snapshot: addOnStorage('Owner'),
    twin: grantOnStorage('Owner'),
  },
  'contributor-on-storage-account': {
    snapshot: addOnStorage('Contributor'),
    twin: grantOnStorage('Contributor'),
  },
  'reader-on-keyvault': {
    snapshot: replaceAssignment(
      1,
      assignmentOf('11111111-aaaa-0000-0000-000000000002', 'Reader', W.vaultId),
    ),
    twin: replaceRole(W.vaultId, {
      role: 'Reader',
      scope: W.vaultId,
    }),
  },
  'ra-principal-type-user': {
    snapshot: s => {
      const storage = BASELINE_ASSIGNMENTS.storage();
      storage.properties.principalType = 'User';
      replaceAssignment(0, storage)(s);
    },
    twin: replaceRole(W.storageId, {
      role: 'Storage Blob Data Reader',
      scope: W.storageId,
      principalType: 'User',
    }),
  },
  'orphan-after-identity-swap': {
    snapshot: s => {
      const old = baselineRequest();
      old.id = 'req-0';
      old.status = 'revoked';
      old.identity = {
        resourceId: W.identityId.replace('wi-orders', 'wi-orders-v1'),
        name: 'wi-orders-v1',
        clientId: '5e5e5e5e-0000-0000-0000-0000000000c1',
        principalId: ORPHAN_PRINCIPAL,
      };
      ok(s.requests).push(old);
      ok(binding(s).targets[0].assignmentsAtScope).push(
        assignmentOf(
          '33333333-aaaa-0000-0000-000000000001',
          'Storage Blob Data Reader',
          W.storageId,
          ORPHAN_PRINCIPAL,
        ),
      );
    },
    // The identity orders-api used before was deleted; its grant on the account stayed.
    twin: demo => {
      applySeed(demo.sandbox.azure.twin.state, {
        roleAssignments: [
          {
            role: 'Storage Blob Data Reader',
            scope: W.storageId,
            principalId: ORPHAN_PRINCIPAL,
            createdOn: new Date(Date.now() - 30 * DAY).toISOString(),
          },
        ],
      });
      const old = baselineRequest();
      old.id = 'req-0';
      old.status = 'revoked';
      old.identity = {
        resourceId: old.identity.resourceId.replace(
          'wi-orders',
          'wi-orders-v1',
        ),
        name: 'wi-orders-v1',
        clientId: '5e5e5e5e-0000-0000-0000-0000000000c1',
        principalId: ORPHAN_PRINCIPAL,
      };
      return { moreRequests: [old] };
    },
  },
};
