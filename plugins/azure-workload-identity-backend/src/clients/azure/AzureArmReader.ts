import { parseResourceId } from '@backstage-community/plugin-azure-workload-identity-common';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  ClusterFacts,
  FederatedCredentialFacts,
  IdentityFacts,
  RoleAssignmentFacts,
} from '../PreflightReader';
import { ManagedIdentity, RoleAssignment } from '../../inspection/azureTypes';
import { isNotFound, upstreamError } from '../upstreamError';
import { uniqueAssignments } from './armShapes';
import { ArmReadClient } from './ArmReadClient';
import { ArmClientsFor } from './createArmClients';

/** The ARM reads pre-flight needs, in our terms; one implementation, on the SDKs. */
export interface AzureReader {
  getManagedCluster(options: {
    subscriptionId: string;
    resourceGroup: string;
    name: string;
  }): Promise<ClusterFacts | undefined>;
  resourceExists(resourceId: string): Promise<boolean>;
  resourceGroupExists(options: {
    subscriptionId: string;
    resourceGroup: string;
  }): Promise<boolean>;
  getIdentity(resourceId: string): Promise<IdentityFacts | undefined>;
  listFederatedCredentials(
    identityResourceId: string,
  ): Promise<FederatedCredentialFacts[]>;
  /** Across the given subscriptions: an assignment list is per subscription in ARM. */
  listRoleAssignments(options: {
    principalId: string;
    subscriptionIds: string[];
  }): Promise<RoleAssignmentFacts[]>;
  /** The top-level resource's tags; undefined when it does not exist. */
  getResourceTags(
    resourceId: string,
  ): Promise<Record<string, string> | undefined>;
  /** The identity with this client id in the given subscriptions, if any. */
  findIdentityByClientId(options: {
    clientId: string;
    subscriptionIds: string[];
  }): Promise<IdentityFacts | undefined>;
}

/** A top-level ARM resource, as the request form offers it. */
export interface ResourceFacts {
  id: string;
  name: string;
  type: string;
  location?: string;
}

const ARM = 'Azure Resource Manager';
const IDENTITY_TYPE = 'microsoft.managedidentity/userassignedidentities';

/**
 * AzureReader on the plugins' one set of ARM reads (`ArmReadClient`): the facts pre-flight
 * needs, and errors that say what could not be read and what to grant.
 */
export class AzureArmReader implements AzureReader {
  private readonly arm: ArmReadClient;

  constructor(options: { clients: ArmClientsFor }) {
    this.arm = new ArmReadClient(options);
  }

  async getManagedCluster(options: {
    subscriptionId: string;
    resourceGroup: string;
    name: string;
  }): Promise<ClusterFacts | undefined> {
    const { subscriptionId, resourceGroup, name } = options;
    const reading = `AKS cluster '${name}' (subscription ${subscriptionId}, resource group ${resourceGroup})`;
    const cluster = await absentOn404(reading, () =>
      this.arm.getManagedCluster(options),
    );
    if (!cluster) return undefined;
    const { oidcIssuerProfile, securityProfile } = cluster.properties;
    return {
      name,
      subscriptionId,
      resourceGroup,
      location: cluster.location,
      oidcIssuerEnabled: oidcIssuerProfile?.enabled === true,
      // Kept byte for byte, trailing slash included: FIC issuers must match it exactly.
      issuerUrl: oidcIssuerProfile?.issuerURL || undefined,
      workloadIdentityEnabled:
        securityProfile?.workloadIdentity?.enabled === true,
    };
  }

  async resourceExists(resourceId: string): Promise<boolean> {
    if (!subscriptionOf(resourceId)) return false;
    const found = await absentOn404(`resource '${resourceId}'`, () =>
      this.arm.getById(resourceId),
    );
    return found !== undefined;
  }

  async resourceGroupExists(options: {
    subscriptionId: string;
    resourceGroup: string;
  }): Promise<boolean> {
    const found = await absentOn404(
      `resource group '${options.resourceGroup}'`,
      () => this.arm.getResourceGroup(options),
    );
    return found !== undefined;
  }

  async getIdentity(resourceId: string): Promise<IdentityFacts | undefined> {
    const parsed = parseResourceId(resourceId);
    if (!parsed || parsed.resourceType.toLowerCase() !== IDENTITY_TYPE) {
      return undefined;
    }
    const identity = await absentOn404(`managed identity '${resourceId}'`, () =>
      this.arm.getIdentity(parsed.resourceId),
    );
    return identity && identityFacts(identity, resourceId);
  }

  async getResourceTags(
    resourceId: string,
  ): Promise<Record<string, string> | undefined> {
    const parsed = parseResourceId(resourceId);
    if (!parsed) return undefined;
    const top = parsed.resourceId;
    const found = await absentOn404(`resource '${top}'`, () =>
      this.arm.getById<{ tags?: Record<string, string> }>(top),
    );
    return found && (found.tags ?? {});
  }

  /**
   * One list per subscription (Microsoft.ManagedIdentity's list by subscription), asked only
   * when a service account already points at a client id the plan does not use.
   */
  async findIdentityByClientId(options: {
    clientId: string;
    subscriptionIds: string[];
  }): Promise<IdentityFacts | undefined> {
    const wanted = options.clientId.toLowerCase();
    const lists = await Promise.all(
      uniqueSubscriptions(options.subscriptionIds).map(subscriptionId =>
        readOrThrow(
          `the managed identities of subscription ${subscriptionId}`,
          () => this.arm.listIdentities(subscriptionId),
        ),
      ),
    );
    const found = lists
      .flat()
      .find(identity => identity.properties.clientId?.toLowerCase() === wanted);
    return found?.id ? identityFacts(found, found.id) : undefined;
  }

  async listFederatedCredentials(
    identityResourceId: string,
  ): Promise<FederatedCredentialFacts[]> {
    const parsed = parseResourceId(identityResourceId);
    if (!parsed) return [];
    const reading = `federated credentials of '${identityResourceId}'`;
    const items = await absentOn404(reading, () =>
      this.arm.listFederatedCredentials(parsed.resourceId),
    );
    return (items ?? []).map(({ name, properties }) => ({
      name: name ?? '',
      issuer: properties.issuer ?? '',
      subject: properties.subject ?? '',
      audiences: properties.audiences ?? [],
    }));
  }

  async listRoleAssignments(options: {
    principalId: string;
    subscriptionIds: string[];
  }): Promise<RoleAssignmentFacts[]> {
    const { principalId } = options;
    // Per subscription, so a refusal names the subscription where access is missing.
    const lists = await Promise.all(
      uniqueSubscriptions(options.subscriptionIds).map(subscriptionId =>
        readOrThrow(
          `role assignments of principal ${principalId} in subscription ${subscriptionId}`,
          () => this.arm.listRoleAssignmentsIn({ principalId, subscriptionId }),
        ),
      ),
    );
    return uniqueAssignments(lists.flat()).flatMap(assignmentFacts);
  }

  /**
   * The top-level resources of the given types in each subscription: one list call per
   * subscription (ARM's filter takes one type), filtered here.
   */
  async listResources(options: {
    subscriptionIds: string[];
    types: string[];
  }): Promise<ResourceFacts[]> {
    const wanted = new Set(options.types.map(t => t.toLowerCase()));
    const lists = await Promise.all(
      uniqueSubscriptions(options.subscriptionIds).map(subscriptionId =>
        readOrThrow(`the resources of subscription ${subscriptionId}`, () =>
          this.arm.listResources(subscriptionId),
        ),
      ),
    );
    return lists
      .flat()
      .filter(r => r.id && r.name && wanted.has((r.type ?? '').toLowerCase()))
      .map(r => ({
        id: r.id!,
        name: r.name!,
        type: r.type!,
        ...(r.location ? { location: r.location } : {}),
      }));
  }
}

async function absentOn404<T>(
  reading: string,
  read: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw described(reading, error);
  }
}

async function readOrThrow<T>(
  reading: string,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw described(reading, error);
  }
}

/** The error in pre-flight's words; one that already says what it could not read is kept. */
function described(reading: string, error: unknown): Error {
  if (error instanceof ServiceUnavailableError) return error;
  return upstreamError({ upstream: ARM, reading, error });
}

function uniqueSubscriptions(subscriptionIds: string[]): string[] {
  return [...new Set(subscriptionIds.map(s => s.toLowerCase()))];
}

function identityFacts(
  identity: ManagedIdentity,
  resourceId: string,
): IdentityFacts | undefined {
  const { clientId, principalId, tenantId } = identity.properties;
  if (!clientId || !principalId) return undefined;
  return {
    resourceId: identity.id ?? resourceId,
    name: identity.name ?? lastSegment(resourceId),
    clientId,
    principalId,
    tenantId,
    tags: identity.tags ?? {},
  };
}

function assignmentFacts({
  properties,
}: RoleAssignment): RoleAssignmentFacts[] {
  if (!properties.roleDefinitionId || !properties.scope) return [];
  return [
    {
      roleId: lastSegment(properties.roleDefinitionId),
      scope: properties.scope,
    },
  ];
}

function subscriptionOf(resourceId: string): string | undefined {
  return /^\/subscriptions\/([^/]+)/i.exec(resourceId)?.[1];
}

function lastSegment(id: string): string {
  return id.split('/').filter(Boolean).pop() ?? id;
}
