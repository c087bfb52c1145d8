import { parseResourceId } from '@backstage-community/plugin-azure-workload-identity-common';
import { IdentityFacts } from '../PreflightReader';
import {
  AzureTeardown,
  AzureWriter,
  ConcurrentFederatedCredentialWriteError,
  EnsureIdentityInput,
  FederatedCredentialInput,
  PrincipalNotFoundError,
  RoleAssignmentInput,
  RoleAssignmentOutcome,
} from '../ProvisioningClients';
import { isNotFound, statusOf, upstreamError } from '../upstreamError';
import { AzureReader } from './AzureArmReader';
import { ArmClientsFor } from './createArmClients';

const ARM = 'Azure Resource Manager';

/** AzureWriter and AzureTeardown on arm-msi and arm-authorization. */
export class AzureArmWriter implements AzureWriter, AzureTeardown {
  private readonly clients: ArmClientsFor;
  private readonly reader: Pick<
    AzureReader,
    'getIdentity' | 'listFederatedCredentials' | 'listRoleAssignments'
  >;

  constructor(options: {
    clients: ArmClientsFor;
    /**
     * Reads the identity an adopting plan names, as pre-flight does, and what still uses an
     * identity before it is deleted.
     */
    reader: Pick<
      AzureReader,
      'getIdentity' | 'listFederatedCredentials' | 'listRoleAssignments'
    >;
  }) {
    this.clients = options.clients;
    this.reader = options.reader;
  }

  async ensureIdentity(input: EnsureIdentityInput): Promise<IdentityFacts> {
    const what = `managed identity '${input.name}' in resource group ${input.resourceGroup}`;
    const identity = await armCall('create', what, () =>
      this.clients(
        input.subscriptionId,
      ).msi.userAssignedIdentities.createOrUpdate(
        input.resourceGroup,
        input.name,
        { location: input.location, tags: input.tags },
      ),
    );
    if (!identity.id || !identity.clientId || !identity.principalId) {
      throw new Error(`${ARM} answered ${what} without its ids`);
    }
    return {
      resourceId: identity.id,
      name: identity.name ?? input.name,
      clientId: identity.clientId,
      principalId: identity.principalId,
      tenantId: identity.tenantId,
    };
  }

  getIdentity(resourceId: string): Promise<IdentityFacts | undefined> {
    return this.reader.getIdentity(resourceId);
  }

  async putFederatedCredential(input: FederatedCredentialInput): Promise<void> {
    const parsed = identityCoordinates(input.identityResourceId);
    const what = `federated credential '${input.name}' of identity '${parsed.name}'`;
    await armCall('write', what, () =>
      this.clients(
        parsed.subscriptionId,
      ).msi.federatedIdentityCredentials.createOrUpdate(
        parsed.resourceGroup,
        parsed.name,
        input.name,
        {
          issuer: input.issuer,
          subject: input.subject,
          audiences: input.audiences,
        },
      ),
    );
  }

  async deleteFederatedCredential(options: {
    identityResourceId: string;
    name: string;
  }): Promise<void> {
    const parsed = identityCoordinates(options.identityResourceId);
    const what = `federated credential '${options.name}' of identity '${parsed.name}'`;
    await armCall(
      'delete',
      what,
      () =>
        this.clients(
          parsed.subscriptionId,
        ).msi.federatedIdentityCredentials.delete(
          parsed.resourceGroup,
          parsed.name,
          options.name,
        ),
      { absentIsDone: true },
    );
  }

  async createRoleAssignment(
    input: RoleAssignmentInput,
  ): Promise<RoleAssignmentOutcome> {
    const subscriptionId = subscriptionOf(input.scope);
    const what = `role assignment of ${input.roleId} on ${input.scope}`;
    try {
      const created = await this.clients(
        subscriptionId,
      ).authorization.roleAssignments.create(input.scope, input.name, {
        roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${input.roleId}`,
        principalId: input.principalId,
        // Tells ARM not to look the principal up in the directory first, which is what
        // fails for a principal created moments ago.
        principalType: 'ServicePrincipal',
      });
      return {
        kind: 'created',
        id:
          created.id ??
          `${input.scope}/providers/Microsoft.Authorization/roleAssignments/${input.name}`,
      };
    } catch (error) {
      const code = codeOf(error);
      if (code === 'RoleAssignmentExists') return { kind: 'adopted' };
      if (code === 'PrincipalNotFound') {
        throw new PrincipalNotFoundError(messageOf(error));
      }
      throw upstreamError({
        upstream: ARM,
        reading: what,
        action: 'create',
        error,
      });
    }
  }

  async deleteIdentityIfUnused(options: {
    identityResourceId: string;
    principalId: string;
    grantScopes: string[];
  }): Promise<{ deleted: true } | { deleted: false; usedBy: string[] }> {
    const parsed = identityCoordinates(options.identityResourceId);
    const [credentials, assignments] = await Promise.all([
      this.reader.listFederatedCredentials(options.identityResourceId),
      this.reader.listRoleAssignments({
        principalId: options.principalId,
        subscriptionIds: [
          parsed.subscriptionId,
          ...options.grantScopes.map(subscriptionOf),
        ],
      }),
    ]);
    const usedBy = [
      ...credentials.map(c => `federated credential '${c.name}'`),
      ...assignments.map(a => `role assignment on ${a.scope}`),
    ];
    if (usedBy.length > 0) return { deleted: false, usedBy };
    await armCall(
      'delete',
      `managed identity '${parsed.name}'`,
      () =>
        this.clients(parsed.subscriptionId).msi.userAssignedIdentities.delete(
          parsed.resourceGroup,
          parsed.name,
        ),
      { absentIsDone: true },
    );
    return { deleted: true };
  }

  async deleteRoleAssignment(assignmentId: string): Promise<void> {
    await armCall(
      'delete',
      `role assignment '${assignmentId}'`,
      () =>
        this.clients(
          subscriptionOf(assignmentId),
        ).authorization.roleAssignments.deleteById(assignmentId),
      { absentIsDone: true },
    );
  }
}

/** Runs an ARM write, turning the 409 of concurrent credential writes into our error. */
async function armCall<T>(
  action: string,
  what: string,
  call: () => Promise<T>,
  options: { absentIsDone?: boolean } = {},
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (options.absentIsDone && isNotFound(error)) return undefined as T;
    if (
      statusOf(error) === 409 &&
      codeOf(error) ===
        'ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity'
    ) {
      throw new ConcurrentFederatedCredentialWriteError(messageOf(error));
    }
    throw upstreamError({ upstream: ARM, reading: what, action, error });
  }
}

function identityCoordinates(resourceId: string) {
  const parsed = parseResourceId(resourceId);
  if (!parsed) {
    throw new Error(`'${resourceId}' is not a managed identity resource id`);
  }
  return {
    subscriptionId: parsed.subscriptionId,
    resourceGroup: parsed.resourceGroup,
    name: parsed.resourceName,
  };
}

function subscriptionOf(resourceId: string): string {
  const match = /^\/subscriptions\/([^/]+)/i.exec(resourceId);
  if (!match) throw new Error(`'${resourceId}' names no subscription`);
  return match[1];
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}
