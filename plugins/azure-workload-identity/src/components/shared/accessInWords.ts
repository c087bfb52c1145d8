import {
  findBuiltinRole,
  findResourceType,
  parseResourceId,
  ParsedResourceId,
  roleGrants,
} from '@backstage-community/plugin-azure-workload-identity-common';

/** One role on one scope, as a person reads it. */
export interface AccessInWords {
  /** "reads blobs in ordersdata/orders", "holds Reader on kv-orders". */
  words: string;
  /** The role's name, or its id when the catalogue does not know it (a custom role). */
  role: string;
  scope: string;
}

// The verbs the resource types' permissions start with, so "create and overwrite blobs"
// becomes "creates and overwrites blobs" while "list models and deployments" keeps its noun.
const VERBS = new Set([
  'add',
  'call',
  'change',
  'create',
  'decrypt',
  'delete',
  'encrypt',
  'list',
  'overwrite',
  'peek',
  'pull',
  'push',
  'read',
  'receive',
  'rotate',
  'send',
  'set',
  'sign',
  'unwrap',
  'update',
  'verify',
  'wrap',
  'write',
]);

/** "create and overwrite blobs" → "creates and overwrites blobs". */
export function thirdPerson(description: string): string {
  const words = description.split(' ');
  let inVerbs = true;
  return words
    .map((word, i) => {
      const bare = word.replace(/,$/, '');
      const joins =
        i === 0 || words[i - 1] === 'and' || /,$/.test(words[i - 1]);
      if (inVerbs && joins && VERBS.has(bare)) {
        return word.replace(bare, `${bare}s`);
      }
      if (word !== 'and') inVerbs = false;
      return word;
    })
    .join(' ');
}

/** "a, b and c". */
function listed(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Where a role applies, short enough to read: "ordersdata/orders", "resource group rg-apps". */
export function scopeInWords(scope: string): string {
  const parsed = parseResourceId(scope);
  if (parsed) {
    const child = parsed.childPath?.split('/').pop();
    return child ? `${parsed.resourceName}/${child}` : parsed.resourceName;
  }
  const group = /\/resourceGroups\/([^/]+)\/?$/i.exec(scope)?.[1];
  if (group) return `resource group ${group}`;
  const subscription = /^\/subscriptions\/([^/]+)\/?$/i.exec(scope)?.[1];
  if (subscription) return `subscription ${subscription}`;
  return scope;
}

/** The sub-scope kind of a scope ("container", "secret"), or "resource" for the whole of it. */
function scopeKind(parsed: ParsedResourceId): string | undefined {
  if (!parsed.childPath) return 'resource';
  return findResourceType(parsed.resourceType)?.subScopes.find(s =>
    s.pattern.test(parsed.childPath!),
  )?.kind;
}

/**
 * A role assignment in words: what the role lets the workload do there, from the resource
 * type's permissions the role grants in full ("reads blobs in ordersdata/orders"); a role whose
 * permissions the portal does not describe is named instead ("holds Reader on kv-orders").
 */
export function accessInWords(assignment: {
  roleDefinitionId: string;
  scope: string;
}): AccessInWords {
  const { scope } = assignment;
  const roleId = assignment.roleDefinitionId.split('/').pop() ?? '';
  const role = findBuiltinRole(roleId);
  const where = scopeInWords(scope);
  if (!role) {
    return { words: `holds a custom role on ${where}`, role: roleId, scope };
  }
  const parsed = parseResourceId(scope);
  const type = parsed && findResourceType(parsed.resourceType);
  const kind = parsed && scopeKind(parsed);
  const does = Object.values(type?.permissions ?? {})
    .filter(p => kind && p.scopeKinds.includes(kind))
    .filter(p => p.operations.every(op => roleGrants(role, op)))
    .map(p => thirdPerson(p.description));
  return {
    words: does.length
      ? `${listed(does)} in ${where}`
      : `holds ${role.roleName} on ${where}`,
    role: role.roleName,
    scope,
  };
}
