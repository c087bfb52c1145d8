import {
  FederatedCredential,
  ManagedIdentity,
  RoleAssignment,
  RoleDefinition,
} from '../../inspection/azureTypes';
import { plain } from '../plainJson';

/*
 * SDK models back in ARM's wire shape (`properties`), as the REST API answers them: what
 * inspection's rules read, and what pre-flight's facts are taken from.
 */

export function identityOf(identity: {
  id?: string;
  name?: string;
  clientId?: string;
  principalId?: string;
  tenantId?: string;
  tags?: Record<string, string>;
}): ManagedIdentity {
  return plain<ManagedIdentity>({
    id: identity.id,
    name: identity.name,
    properties: {
      clientId: identity.clientId,
      principalId: identity.principalId,
      tenantId: identity.tenantId,
    },
    tags: identity.tags,
  });
}

export function federatedCredentialOf(fic: {
  id?: string;
  name?: string;
  issuer?: string;
  subject?: string;
  audiences?: string[];
}): FederatedCredential {
  return plain<FederatedCredential>({
    id: fic.id,
    name: fic.name,
    properties: {
      issuer: fic.issuer,
      subject: fic.subject,
      audiences: fic.audiences ?? [],
    },
  });
}

export function assignmentOf(assignment: {
  id?: string;
  roleDefinitionId?: string;
  principalId?: string;
  principalType?: string;
  scope?: string;
  createdOn?: Date;
}): RoleAssignment {
  return plain<RoleAssignment>({
    id: assignment.id,
    properties: {
      roleDefinitionId: assignment.roleDefinitionId,
      principalId: assignment.principalId,
      principalType: assignment.principalType,
      scope: assignment.scope,
      createdOn: assignment.createdOn,
    },
  });
}

type Permissions = Partial<
  Record<'actions' | 'notActions' | 'dataActions' | 'notDataActions', string[]>
>;

/** A role definition's permissions, every block's together. */
export function roleDefinitionOf(
  role: { id?: string; roleName?: string; permissions?: Permissions[] },
  requestedId: string,
): RoleDefinition {
  const permissions = role.permissions ?? [];
  const all = (key: keyof Permissions) =>
    permissions.flatMap(p => p[key] ?? []);
  return plain<RoleDefinition>({
    id: role.id ?? requestedId,
    roleName: role.roleName ?? '',
    actions: all('actions'),
    notActions: all('notActions'),
    dataActions: all('dataActions'),
    notDataActions: all('notDataActions'),
  });
}

/**
 * Each assignment once: an assignment made at a management group shows up under every
 * subscription below it. The last answer for an id wins.
 */
export function uniqueAssignments(
  assignments: RoleAssignment[],
): RoleAssignment[] {
  const byId = new Map<string, RoleAssignment>();
  assignments.forEach((assignment, index) => {
    byId.set((assignment.id ?? '').toLowerCase() || `#${index}`, assignment);
  });
  return [...byId.values()];
}

/** The subscription, resource group and last name of a resource id, in any case. */
export function partsOf(resourceId: string): {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
} {
  const segments = resourceId.split('/');
  const at = (name: string) => {
    const index = segments.findIndex(s => s.toLowerCase() === name);
    return index < 0 ? '' : segments[index + 1] ?? '';
  };
  return {
    subscriptionId: at('subscriptions'),
    resourceGroup: at('resourcegroups'),
    name: segments[segments.length - 1],
  };
}

export async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of pages) items.push(item);
  return items;
}
