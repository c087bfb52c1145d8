import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
  RoleAssignment,
  TargetSnapshot,
  valueOf,
} from '@backstage-community/plugin-azure-workload-identity-node';
import {
  APP_CONFIGURATION_DATA_ROLES,
  configurationStores,
} from './configurationStores';

/**
 * A workload reaches an App Configuration store through its identity, yet the store still
 * accepts access keys: anyone holding a connection string reads (or writes) what the identity
 * was granted, without the identity, its role assignment or its revocation. Access keys are
 * on unless `disableLocalAuth` is true:
 * https://learn.microsoft.com/azure/azure-app-configuration/howto-disable-access-key-authentication
 */
export const appconfigLocalAuthEnabled: BindingRule = {
  id: 'appconfig-local-auth-enabled',
  title: 'The App Configuration store still accepts access keys',
  link: 'resource',
  scope: 'binding',
  // The identity, its role assignments and the store itself.
  reads: ['A2', 'A4', 'A6'],
  masks: [],
  severity: 'warning',
  detects:
    'A workload reaches an App Configuration store through a data role of its identity, yet the store still accepts access keys: whoever holds a connection string gets what the identity was granted, without the identity, and revoking the identity does not stop them.',
  fix: 'Turns access keys off on the store. Move every client that uses a connection string to its identity first: turning keys off deletes them.',
  evaluate({ unit }) {
    const principalId = unit.identity?.properties.principalId;
    if (!principalId) return [];
    const held = [
      ...(valueOf(unit.binding.roleAssignments) ?? []),
      ...unit.binding.targets.flatMap(t => valueOf(t.assignmentsAtScope) ?? []),
    ].filter(
      a => a.properties.principalId.toLowerCase() === principalId.toLowerCase(),
    );
    return unit.binding.targets.flatMap(target => {
      const store = valueOf(target.resource);
      if (
        !store ||
        store.type.toLowerCase() !== configurationStores.type.toLowerCase() ||
        store.properties.disableLocalAuth === true
      ) {
        return [];
      }
      const role = dataRoleOn(target, held);
      if (!role) return [];
      const group = /\/resourceGroups\/([^/]+)/i.exec(store.id)?.[1] ?? '';
      // az looks in the shell's default subscription unless told; the store may be elsewhere.
      const subscription =
        /^\/subscriptions\/([^/]+)/i.exec(store.id)?.[1] ?? '';
      return [
        findingOf(appconfigLocalAuthEnabled, {
          severity: 'warning',
          state: 'degraded',
          message: `App Configuration store ${store.name} still accepts access keys: whoever holds its connection string gets what ${unit.identity?.name} was granted (${role}), without the identity, and revoking the identity does not stop them. Move any client that uses a connection string to its identity first: turning keys off deletes them.`,
          evidence: {
            expected: 'disableLocalAuth: true (Microsoft Entra ID only)',
            actual:
              store.properties.disableLocalAuth === false
                ? 'disableLocalAuth: false'
                : 'disableLocalAuth not set (access keys on)',
          },
          fix: commandFix(
            `az appconfig update --name ${store.name} --resource-group ${group} --subscription ${subscription} --disable-local-auth true`,
          ),
          ref: refs.azure(target.resourceId, 'Resource'),
        }),
      ];
    });
  },
};

// The App Configuration data role the identity holds on the store or above it, if any.
function dataRoleOn(
  target: TargetSnapshot,
  held: RoleAssignment[],
): string | undefined {
  const store = target.resourceId.toLowerCase().replace(/\/+$/, '');
  for (const assignment of held) {
    const scope = assignment.properties.scope.toLowerCase().replace(/\/+$/, '');
    const covers =
      scope === '' || store === scope || store.startsWith(`${scope}/`);
    const guid = assignment.properties.roleDefinitionId
      .split('/')
      .pop()
      ?.toLowerCase();
    const role = guid && APP_CONFIGURATION_DATA_ROLES[guid];
    if (covers && role) return role;
  }
  return undefined;
}
