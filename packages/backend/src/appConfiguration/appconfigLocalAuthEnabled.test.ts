import {
  BindingView,
  RoleAssignment,
  RuleContext,
  TargetResource,
  TargetSnapshot,
} from '@backstage-community/plugin-azure-workload-identity-node';
import { appconfigLocalAuthEnabled } from './appconfigLocalAuthEnabled';

const RG =
  '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-search';
const STORE = `${RG}/providers/Microsoft.AppConfiguration/configurationStores/appcs-search`;
const VAULT = `${RG}/providers/Microsoft.KeyVault/vaults/kv-search`;
const PRINCIPAL = '22222222-0000-0000-0000-000000000009';
const READER = '516239f1-63e1-4d78-a4de-a74fb236a071';
const BLOB_READER = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1';

function assignment(
  scope: string,
  roleGuid: string,
  principalId = PRINCIPAL,
): RoleAssignment {
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${roleGuid}`,
    properties: {
      roleDefinitionId: `/subscriptions/00000000-0000-0000-0000-000000000002/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`,
      principalId,
      scope,
    },
  };
}

function target(
  resourceId: string,
  properties: TargetResource['properties'],
  type = 'Microsoft.AppConfiguration/configurationStores',
): TargetSnapshot {
  return {
    resourceId,
    intent: 'read',
    source: 'request',
    resource: {
      status: 'ok',
      value: {
        id: resourceId,
        name: resourceId.split('/').pop()!,
        type,
        properties,
      },
    },
    assignmentsAtScope: { status: 'ok', value: [] },
  };
}

// Only the parts of a binding this rule reads: the identity, its assignments, the targets.
function context(
  targets: TargetSnapshot[],
  held: RoleAssignment[],
): RuleContext {
  const unit = {
    identity: {
      id: `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-search-indexer`,
      name: 'id-search-indexer',
      properties: { clientId: 'c', principalId: PRINCIPAL, tenantId: 't' },
    },
    binding: { roleAssignments: { status: 'ok', value: held }, targets },
  } as unknown as BindingView;
  return { unit } as RuleContext;
}

describe('appconfig-local-auth-enabled', () => {
  it('warns when the identity reads a store that still takes access keys, with the command that stops them', () => {
    const findings = appconfigLocalAuthEnabled.evaluate(
      context([target(STORE, {})], [assignment(STORE, READER)]),
    );
    expect(findings).toEqual([
      {
        ruleId: 'appconfig-local-auth-enabled',
        title: 'The App Configuration store still accepts access keys',
        link: 'resource',
        severity: 'warning',
        state: 'degraded',
        message: expect.stringContaining(
          'App Configuration store appcs-search still accepts access keys: whoever holds its connection string gets what id-search-indexer was granted (App Configuration Data Reader)',
        ),
        evidence: {
          expected: 'disableLocalAuth: true (Microsoft Entra ID only)',
          actual: 'disableLocalAuth not set (access keys on)',
        },
        fix: {
          kind: 'command',
          text: 'az appconfig update --name appcs-search --resource-group rg-search --subscription 00000000-0000-0000-0000-000000000002 --disable-local-auth true',
          owner: 'component',
        },
        ref: {
          kind: 'Resource',
          name: 'appcs-search',
          id: STORE.toLowerCase(),
        },
      },
    ]);
  });

  it('counts a role held on the resource group, and says when keys were left on explicitly', () => {
    const [finding] = appconfigLocalAuthEnabled.evaluate(
      context(
        [target(STORE, { disableLocalAuth: false })],
        [assignment(RG, READER)],
      ),
    );
    expect(finding.evidence.actual).toBe('disableLocalAuth: false');
  });

  it('is quiet where keys are off, where the identity holds no App Configuration role, and for other types', () => {
    const quiet = [
      context(
        [target(STORE, { disableLocalAuth: true })],
        [assignment(STORE, READER)],
      ),
      context([target(STORE, {})], [assignment(STORE, BLOB_READER)]),
      context([target(STORE, {})], [assignment(STORE, READER, 'someone-else')]),
      context(
        [
          target(
            VAULT,
            { disableLocalAuth: false },
            'Microsoft.KeyVault/vaults',
          ),
        ],
        [assignment(VAULT, READER)],
      ),
    ];
    for (const ctx of quiet) {
      expect(appconfigLocalAuthEnabled.evaluate(ctx)).toEqual([]);
    }
  });
});
