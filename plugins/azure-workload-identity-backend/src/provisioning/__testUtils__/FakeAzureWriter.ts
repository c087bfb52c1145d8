import { IdentityFacts } from '../../clients/PreflightReader';
import {
  AzureTeardown,
  AzureWriter,
  ConcurrentFederatedCredentialWriteError,
  EnsureIdentityInput,
  FederatedCredentialInput,
  PrincipalNotFoundError,
  RoleAssignmentInput,
  RoleAssignmentOutcome,
} from '../../clients/ProvisioningClients';

interface StoredAssignment extends RoleAssignmentInput {
  id: string;
}

/**
 * Azure's writes in memory, with the behaviours the provisioner must cope with: a new
 * principal unknown to RBAC for a number of calls, and a 409 when two credential writes to
 * one identity overlap.
 */
export class FakeAzureWriter implements AzureWriter, AzureTeardown {
  readonly identities = new Map<string, IdentityFacts & { tags: object }>();
  readonly federatedCredentials = new Map<string, FederatedCredentialInput>();
  readonly assignments = new Map<string, StoredAssignment>();
  readonly calls: string[] = [];
  /** Role assignment calls answered PrincipalNotFound before the principal is known. */
  principalNotFoundCalls = 0;
  /** How long a credential write takes; overlapping writes to one identity get a 409. */
  ficWriteMs = 0;
  /** How long a role assignment write takes. */
  roleWriteMs = 0;
  /** The most credential and role writes that were in flight at once. */
  maxWritesInFlight = 0;
  private writesInFlight = 0;
  private readonly writing = new Set<string>();
  private nextGuid = 1;

  async ensureIdentity(input: EnsureIdentityInput): Promise<IdentityFacts> {
    this.calls.push(`identity ${input.name}`);
    const resourceId = `/subscriptions/${input.subscriptionId}/resourceGroups/${input.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${input.name}`;
    const key = resourceId.toLowerCase();
    const existing = this.identities.get(key);
    if (existing) {
      existing.tags = input.tags;
      return existing;
    }
    const identity = {
      resourceId,
      name: input.name,
      clientId: this.guid(),
      principalId: this.guid(),
      tenantId: '72f988bf-0000-0000-0000-000000000000',
      tags: input.tags,
    };
    this.identities.set(key, identity);
    return identity;
  }

  async getIdentity(resourceId: string): Promise<IdentityFacts | undefined> {
    return this.identities.get(resourceId.toLowerCase());
  }

  async putFederatedCredential(input: FederatedCredentialInput): Promise<void> {
    this.calls.push(`fic ${input.name}`);
    const identity = input.identityResourceId.toLowerCase();
    if (this.writing.has(identity)) {
      throw new ConcurrentFederatedCredentialWriteError(
        'Too many concurrent writes to the federated identity credentials of this identity',
      );
    }
    this.writing.add(identity);
    try {
      await this.write(this.ficWriteMs);
      this.federatedCredentials.set(`${identity}/${input.name}`, input);
    } finally {
      this.writing.delete(identity);
    }
  }

  async createRoleAssignment(
    input: RoleAssignmentInput,
  ): Promise<RoleAssignmentOutcome> {
    this.calls.push(`role ${input.roleId}`);
    if (this.principalNotFoundCalls > 0) {
      this.principalNotFoundCalls--;
      throw new PrincipalNotFoundError(
        `Principal ${input.principalId} does not exist in the directory`,
      );
    }
    await this.write(this.roleWriteMs);
    const duplicate = [...this.assignments.values()].find(
      a =>
        a.name !== input.name &&
        a.scope === input.scope &&
        a.roleId === input.roleId &&
        a.principalId === input.principalId,
    );
    if (duplicate) return { kind: 'adopted', id: duplicate.id };
    const id = `${input.scope}/providers/Microsoft.Authorization/roleAssignments/${input.name}`;
    this.assignments.set(input.name, { ...input, id });
    return { kind: 'created', id };
  }

  /** Deletes that fail before one succeeds, to stage a revoke that stops part-way. */
  failingDeletes = 0;

  async deleteRoleAssignment(assignmentId: string): Promise<void> {
    this.calls.push(`delete role ${assignmentId}`);
    if (this.failingDeletes > 0) {
      this.failingDeletes--;
      throw new Error('Azure Resource Manager answered HTTP 503');
    }
    for (const [name, assignment] of this.assignments) {
      if (assignment.id === assignmentId) this.assignments.delete(name);
    }
  }

  async deleteIdentityIfUnused(options: {
    identityResourceId: string;
    principalId: string;
  }): Promise<{ deleted: true } | { deleted: false; usedBy: string[] }> {
    this.calls.push(`delete identity if unused ${options.identityResourceId}`);
    const key = options.identityResourceId.toLowerCase();
    const usedBy = [
      ...[...this.federatedCredentials.entries()]
        .filter(([k]) => k.startsWith(`${key}/`))
        .map(([, credential]) => `federated credential '${credential.name}'`),
      ...[...this.assignments.values()]
        .filter(assignment => assignment.principalId === options.principalId)
        .map(assignment => `role assignment on ${assignment.scope}`),
    ];
    if (usedBy.length > 0) return { deleted: false, usedBy };
    this.identities.delete(key);
    return { deleted: true };
  }

  async deleteFederatedCredential(options: {
    identityResourceId: string;
    name: string;
  }): Promise<void> {
    this.calls.push(`delete fic ${options.name}`);
    this.federatedCredentials.delete(
      `${options.identityResourceId.toLowerCase()}/${options.name}`,
    );
  }

  private async write(durationMs: number): Promise<void> {
    this.writesInFlight++;
    this.maxWritesInFlight = Math.max(
      this.maxWritesInFlight,
      this.writesInFlight,
    );
    try {
      if (durationMs > 0) {
        await new Promise(resolve => setTimeout(resolve, durationMs));
      }
    } finally {
      this.writesInFlight--;
    }
  }

  private guid(): string {
    const n = String(this.nextGuid++).padStart(12, '0');
    return `00000000-0000-4000-8000-${n}`;
  }
}
