import { ResourceTypeSpec } from '@backstage-community/plugin-azure-workload-identity-common';

const TYPE = /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)+\/[A-Za-z0-9]+$/;
const INTENTS = ['read', 'write', 'manage'] as const;

/**
 * What is wrong with a resource type a module adds, or undefined. Checked at start-up, so a
 * table that names a permission it lacks fails the start rather than a requester's plan.
 */
export function resourceTypeProblem(
  spec: ResourceTypeSpec,
): string | undefined {
  if (typeof spec.type !== 'string' || !TYPE.test(spec.type)) {
    return `type must be a top-level ARM type like Microsoft.AppConfiguration/configurationStores, got '${spec.type}'`;
  }
  if (!spec.displayName) return 'displayName is missing';
  const scopeKinds = ['resource', ...spec.subScopes.map(s => s.kind)];
  for (const [name, permission] of Object.entries(spec.permissions)) {
    if (permission.operations.length === 0) {
      return `permission ${name} names no operation`;
    }
    const unknown = permission.scopeKinds.find(k => !scopeKinds.includes(k));
    if (unknown) {
      return `permission ${name} can be granted on '${unknown}', which is not one of ${scopeKinds.join(
        ', ',
      )}`;
    }
  }
  for (const intent of INTENTS) {
    const permissions = spec.intents[intent];
    if (!permissions || permissions.length === 0) {
      return `intent ${intent} names no permission`;
    }
    const unknown = permissions.find(p => !spec.permissions[p]);
    if (unknown) {
      return `intent ${intent} names ${unknown}, which is not one of its permissions (${Object.keys(
        spec.permissions,
      ).join(', ')})`;
    }
  }
  return undefined;
}
