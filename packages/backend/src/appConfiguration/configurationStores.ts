import { ResourceTypeSpec } from '@backstage-community/plugin-azure-workload-identity-node';

const KEY_VALUES = 'Microsoft.AppConfiguration/configurationStores/keyValues';

/**
 * Azure App Configuration stores, a type the plugins do not know out of the box. The data
 * actions are App Configuration's key-value operations
 * (https://learn.microsoft.com/azure/role-based-access-control/permissions/integration, under
 * Microsoft.AppConfiguration). The compiler picks among the built-in roles, here "App
 * Configuration Data Reader" (516239f1-63e1-4d78-a4de-a74fb236a071) and "App Configuration
 * Data Owner" (5ae67dd6-50cb-40e7-96ff-dc2bfa4b606b), both in the Integration section of
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles. Only the Data
 * Owner writes, so write and manage ask for it, and the built-in approval policy sends it to a
 * person as a data owner role.
 */
export const configurationStores: ResourceTypeSpec = {
  type: 'Microsoft.AppConfiguration/configurationStores',
  displayName: 'App Configuration store',
  subScopes: [],
  permissions: {
    'config.read': {
      description: 'read key-values',
      operations: [{ dataAction: `${KEY_VALUES}/read` }],
      scopeKinds: ['resource'],
    },
    'config.write': {
      description: 'write and delete key-values',
      operations: [
        { dataAction: `${KEY_VALUES}/write` },
        { dataAction: `${KEY_VALUES}/delete` },
      ],
      scopeKinds: ['resource'],
    },
  },
  intents: {
    read: ['config.read'],
    write: ['config.read', 'config.write'],
    manage: ['config.read', 'config.write'],
  },
};

/** The built-in data roles of App Configuration, by role definition GUID. */
export const APP_CONFIGURATION_DATA_ROLES: Record<string, string> = {
  '516239f1-63e1-4d78-a4de-a74fb236a071': 'App Configuration Data Reader',
  '5ae67dd6-50cb-40e7-96ff-dc2bfa4b606b': 'App Configuration Data Owner',
};
