import { randomUUID } from 'node:crypto';
import { isGuid, parseResourceId } from '../ids';
import { roleDefinitionId } from '../arm/roleDefinitions';
import { builtinRoleByName } from '../rbac/builtinRoles';
import { AzureState } from '../state/AzureState';
import {
  GenericResourceRecord,
  ManagedClusterRecord,
  PrincipalRecord,
  PrincipalType,
} from '../state/types';

/**
 * A world to add to the state, in terms people write by hand: role names
 * instead of GUIDs, resource groups by name in the default subscription.
 * Used by the admin endpoint, the baseline and tests.
 */
export interface AzureSeed {
  resourceGroups?: Array<{
    name: string;
    location?: string;
    tags?: Record<string, string>;
    subscriptionId?: string;
  }>;
  principals?: Array<
    Omit<PrincipalRecord, 'createdAt'> & { createdAt?: number }
  >;
  identities?: Array<{
    resourceGroup: string;
    name: string;
    subscriptionId?: string;
    clientId?: string;
    principalId?: string;
    location?: string;
    tags?: Record<string, string>;
    createdAt?: number;
    federatedCredentials?: Array<{
      name: string;
      issuer: string;
      subject: string;
      audiences?: string[];
      updatedAt?: number;
    }>;
  }>;
  managedClusters?: Array<
    Pick<ManagedClusterRecord, 'resourceGroup' | 'name'> &
      Partial<ManagedClusterRecord>
  >;
  /** Generic resources; `type` and `name` are derived from the id when absent. */
  resources?: Array<
    Omit<GenericResourceRecord, 'type' | 'name' | 'properties'> &
      Partial<GenericResourceRecord>
  >;
  roleAssignments?: Array<{
    /** Role name (`Storage Blob Data Reader`) or GUID. */
    role: string;
    scope: string;
    principalId: string;
    principalType?: PrincipalType;
    name?: string;
    createdOn?: string;
    description?: string;
  }>;
  secrets?: Array<{
    vault: string;
    name: string;
    value: string;
    contentType?: string;
  }>;
  certificates?: Array<{ vault: string; name: string; cerBase64: string }>;
  blobs?: Array<{
    account: string;
    container: string;
    name: string;
    content: string;
    contentType?: string;
  }>;
}

export function applySeed(state: AzureState, seed: AzureSeed): void {
  const sub = state.subscriptionIds[0];
  // Seeded objects exist "since long ago": no replication or propagation delays apply to them.
  const longAgo = state.now() - 24 * 60 * 60 * 1000;
  for (const rg of seed.resourceGroups ?? []) {
    state.putResourceGroup({
      subscriptionId: rg.subscriptionId ?? sub,
      name: rg.name,
      location: rg.location ?? 'eastus',
      tags: rg.tags ?? {},
    });
  }
  for (const p of seed.principals ?? [])
    state.putPrincipal({ createdAt: longAgo, ...p });
  for (const i of seed.identities ?? []) {
    const record = state.putManagedIdentity({
      subscriptionId: i.subscriptionId ?? sub,
      resourceGroup: i.resourceGroup,
      name: i.name,
      clientId: i.clientId,
      principalId: i.principalId,
      location: i.location,
      tags: i.tags,
      createdAt: i.createdAt ?? longAgo,
    });
    for (const f of i.federatedCredentials ?? []) {
      state.putFederatedCredential(record, {
        name: f.name,
        issuer: f.issuer,
        subject: f.subject,
        audiences: f.audiences ?? ['api://AzureADTokenExchange'],
        updatedAt: f.updatedAt ?? longAgo,
      });
    }
  }
  for (const c of seed.managedClusters ?? [])
    state.putManagedCluster({ subscriptionId: sub, ...c });
  for (const r of seed.resources ?? []) {
    const parsed = parseResourceId(r.id);
    if (!parsed?.type)
      throw new Error(`Seed resource id '${r.id}' is not a resource id`);
    state.putResource({
      ...r,
      type: r.type ?? parsed.type,
      name: r.name ?? parsed.name!,
      properties: r.properties ?? {},
    });
  }
  for (const ra of seed.roleAssignments ?? []) {
    const role = isGuid(ra.role) ? ra.role : builtinRoleByName(ra.role)?.id;
    if (!role)
      throw new Error(
        `Seed role '${ra.role}' is not a built-in role name or GUID`,
      );
    state.putRoleAssignment({
      name: ra.name ?? randomUUID(),
      scope: ra.scope,
      roleDefinitionId: roleDefinitionId(ra.scope, role),
      principalId: ra.principalId,
      principalType: ra.principalType ?? 'ServicePrincipal',
      description: ra.description ?? null,
      ...(ra.createdOn ? { createdOn: ra.createdOn } : {}),
    });
  }
  const byName = (type: string, name: string) => {
    const found = state
      .listResources('/', type)
      .find(r => r.name.toLowerCase() === name.toLowerCase());
    if (!found) throw new Error(`Seed refers to unknown ${type} '${name}'`);
    return found;
  };
  for (const s of seed.secrets ?? [])
    state.putSecret(byName('Microsoft.KeyVault/vaults', s.vault).id, s.name, {
      value: s.value,
      contentType: s.contentType,
    });
  for (const c of seed.certificates ?? [])
    state.putCertificate(
      byName('Microsoft.KeyVault/vaults', c.vault).id,
      c.name,
      { cerBase64: c.cerBase64 },
    );
  for (const b of seed.blobs ?? []) {
    const account = byName('Microsoft.Storage/storageAccounts', b.account);
    state.putBlob(
      `${account.id}/blobServices/default/containers/${b.container}`,
      b.name,
      {
        contentBase64: Buffer.from(b.content).toString('base64'),
        contentType: b.contentType ?? 'text/plain',
        lastModified: state.now(),
        etag: `"0x${randomUUID()
          .replace(/-/g, '')
          .slice(0, 15)
          .toUpperCase()}"`,
      },
    );
  }
}
