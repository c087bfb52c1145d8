import { parseResourceId } from '@backstage-community/plugin-azure-workload-identity-common';
import {
  ClusterFacts,
  FederatedCredentialFacts,
  IdentityFacts,
  RoleAssignmentFacts,
} from '../PreflightReader';
import { isNotFound, upstreamError } from '../upstreamError';
import {
  knownApiVersion,
  newestStable,
  providerNamespace,
} from './apiVersions';
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

/** AzureReader on arm-containerservice, arm-resources, arm-msi and arm-authorization. */
export class AzureArmReader implements AzureReader {
  private readonly clients: ArmClientsFor;
  private readonly providerVersions = new Map<string, Promise<string>>();

  constructor(options: { clients: ArmClientsFor }) {
    this.clients = options.clients;
  }

  async getManagedCluster(options: {
    subscriptionId: string;
    resourceGroup: string;
    name: string;
  }): Promise<ClusterFacts | undefined> {
    const { subscriptionId, resourceGroup, name } = options;
    const reading = `AKS cluster '${name}' (subscription ${subscriptionId}, resource group ${resourceGroup})`;
    const cluster = await absentOn404(reading, () =>
      this.clients(subscriptionId).containerService.managedClusters.get(
        resourceGroup,
        name,
      ),
    );
    if (!cluster) return undefined;
    return {
      name,
      subscriptionId,
      resourceGroup,
      location: cluster.location,
      oidcIssuerEnabled: cluster.oidcIssuerProfile?.enabled === true,
      // Kept byte for byte, trailing slash included: FIC issuers must match it exactly.
      issuerUrl: cluster.oidcIssuerProfile?.issuerURL || undefined,
      workloadIdentityEnabled:
        cluster.securityProfile?.workloadIdentity?.enabled === true,
    };
  }

  async resourceExists(resourceId: string): Promise<boolean> {
    const subscriptionId = subscriptionOf(resourceId);
    if (!subscriptionId) return false;
    const reading = `resource '${resourceId}'`;
    const { resources } = this.clients(subscriptionId);
    const apiVersion = await this.apiVersionFor(resourceId, subscriptionId);
    const found = await absentOn404(reading, () =>
      resources.resources.getById(resourceId, apiVersion),
    );
    return found !== undefined;
  }

  async resourceGroupExists(options: {
    subscriptionId: string;
    resourceGroup: string;
  }): Promise<boolean> {
    const { resources } = this.clients(options.subscriptionId);
    const found = await absentOn404(
      `resource group '${options.resourceGroup}'`,
      () => resources.resourceGroups.get(options.resourceGroup),
    );
    return found !== undefined;
  }

  async getIdentity(resourceId: string): Promise<IdentityFacts | undefined> {
    const parsed = parseResourceId(resourceId);
    if (!parsed || parsed.resourceType.toLowerCase() !== IDENTITY_TYPE) {
      return undefined;
    }
    const identity = await absentOn404(`managed identity '${resourceId}'`, () =>
      this.clients(parsed.subscriptionId).msi.userAssignedIdentities.get(
        parsed.resourceGroup,
        parsed.resourceName,
      ),
    );
    return identity && identityFacts(identity, resourceId);
  }

  async getResourceTags(
    resourceId: string,
  ): Promise<Record<string, string> | undefined> {
    const parsed = parseResourceId(resourceId);
    if (!parsed) return undefined;
    const top = parsed.resourceId;
    const { resources } = this.clients(parsed.subscriptionId);
    const apiVersion = await this.apiVersionFor(top, parsed.subscriptionId);
    const found = await absentOn404(`resource '${top}'`, () =>
      resources.resources.getById(top, apiVersion),
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
    const subscriptions = [
      ...new Set(options.subscriptionIds.map(s => s.toLowerCase())),
    ];
    const lists = await Promise.all(
      subscriptions.map(subscriptionId =>
        readOrThrow(
          `the managed identities of subscription ${subscriptionId}`,
          () =>
            collect(
              this.clients(
                subscriptionId,
              ).msi.userAssignedIdentities.listBySubscription(),
            ),
        ),
      ),
    );
    const found = lists
      .flat()
      .find(identity => identity.clientId?.toLowerCase() === wanted);
    return found?.id ? identityFacts(found, found.id) : undefined;
  }

  async listFederatedCredentials(
    identityResourceId: string,
  ): Promise<FederatedCredentialFacts[]> {
    const parsed = parseResourceId(identityResourceId);
    if (!parsed) return [];
    const reading = `federated credentials of '${identityResourceId}'`;
    const items = await absentOn404(reading, () =>
      collect(
        this.clients(
          parsed.subscriptionId,
        ).msi.federatedIdentityCredentials.list(
          parsed.resourceGroup,
          parsed.resourceName,
        ),
      ),
    );
    return (items ?? []).map(fic => ({
      name: fic.name ?? '',
      issuer: fic.issuer ?? '',
      subject: fic.subject ?? '',
      audiences: fic.audiences ?? [],
    }));
  }

  async listRoleAssignments(options: {
    principalId: string;
    subscriptionIds: string[];
  }): Promise<RoleAssignmentFacts[]> {
    const { principalId } = options;
    const subscriptions = [
      ...new Set(options.subscriptionIds.map(s => s.toLowerCase())),
    ];
    const lists = await Promise.all(
      subscriptions.map(subscriptionId =>
        readOrThrow(
          `role assignments of principal ${principalId} in subscription ${subscriptionId}`,
          () =>
            collect(
              this.clients(
                subscriptionId,
              ).authorization.roleAssignments.listForScope(
                `/subscriptions/${subscriptionId}`,
                // At, above and below the subscription, for this principal only.
                { filter: `principalId eq '${principalId}'` },
              ),
            ),
        ),
      ),
    );
    // Management-group assignments show up under every subscription: keep each once.
    const byId = new Map<string, RoleAssignmentFacts>();
    for (const assignment of lists.flat()) {
      if (!assignment.roleDefinitionId || !assignment.scope) continue;
      byId.set((assignment.id ?? '').toLowerCase() || byId.size.toString(), {
        roleId: lastSegment(assignment.roleDefinitionId),
        scope: assignment.scope,
      });
    }
    return [...byId.values()];
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
    const subscriptions = [
      ...new Set(options.subscriptionIds.map(s => s.toLowerCase())),
    ];
    const lists = await Promise.all(
      subscriptions.map(subscriptionId =>
        readOrThrow(`the resources of subscription ${subscriptionId}`, () =>
          collect(this.clients(subscriptionId).resources.resources.list()),
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

  /** A known version, else the provider's newest stable one, asked once per provider. */
  apiVersionFor(resourceId: string, subscriptionId: string): Promise<string> {
    const known = knownApiVersion(resourceId);
    if (known) return Promise.resolve(known);
    const namespace = providerNamespace(resourceId)!;
    const key = namespace.toLowerCase();
    let version = this.providerVersions.get(key);
    if (!version) {
      version = readOrThrow(`resource provider ${namespace}`, () =>
        this.clients(subscriptionId).resources.providers.get(namespace),
      ).then(provider => {
        const newest = newestStable(
          (provider.resourceTypes ?? []).flatMap(t => t.apiVersions ?? []),
        );
        if (!newest) {
          throw upstreamError({
            upstream: ARM,
            reading: `resource '${resourceId}'`,
            error: new Error(
              `provider ${namespace} lists no stable api-version`,
            ),
          });
        }
        return newest;
      });
      // A failed lookup is not remembered: the next plan asks again.
      version.catch(() => this.providerVersions.delete(key));
      this.providerVersions.set(key, version);
    }
    return version;
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
    throw upstreamError({ upstream: ARM, reading, error });
  }
}

async function readOrThrow<T>(
  reading: string,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw upstreamError({ upstream: ARM, reading, error });
  }
}

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of pages) items.push(item);
  return items;
}

function identityFacts(
  identity: {
    id?: string;
    name?: string;
    clientId?: string;
    principalId?: string;
    tenantId?: string;
    tags?: Record<string, string>;
  },
  resourceId: string,
): IdentityFacts | undefined {
  if (!identity.clientId || !identity.principalId) return undefined;
  return {
    resourceId: identity.id ?? resourceId,
    name: identity.name ?? lastSegment(resourceId),
    clientId: identity.clientId,
    principalId: identity.principalId,
    tenantId: identity.tenantId,
    tags: identity.tags ?? {},
  };
}

function subscriptionOf(resourceId: string): string | undefined {
  return /^\/subscriptions\/([^/]+)/i.exec(resourceId)?.[1];
}

function lastSegment(id: string): string {
  return id.split('/').filter(Boolean).pop() ?? id;
}
