import {
  createDefaultHttpClient,
  createPipelineRequest,
  RestError,
} from '@azure/core-rest-pipeline';
import {
  FederatedCredential,
  ManagedCluster,
  ManagedIdentity,
  RoleAssignment,
  RoleDefinition,
  TargetResource,
} from '../../inspection/azureTypes';
import { ArmReads, ClusterCoordinates } from '../../inspection/ports';
import { plain } from '../plainJson';
import {
  assignmentOf,
  collect,
  federatedCredentialOf,
  identityOf,
  partsOf,
  roleDefinitionOf,
  uniqueAssignments,
} from './armShapes';
import { ArmClientsFor } from './createArmClients';
import { ProviderApiVersions } from './ProviderApiVersions';

const httpClient = createDefaultHttpClient();

/** A top-level resource as a subscription's resource list gives it. */
export interface ListedResource {
  id?: string;
  name?: string;
  type?: string;
  location?: string;
}

/**
 * Every Azure Resource Manager read of the plugins, made one way, on the SDK clients and
 * answered in ARM's wire shape (`properties`): inspection reads it as it is, pre-flight
 * (`AzureArmReader`) takes its facts from it. Resources read whole (the cluster, targets) are
 * read generically so no field is lost to an SDK model. Errors are the SDK's own, status
 * kept, so each caller says in its own words what could not be read.
 */
export class ArmReadClient implements ArmReads {
  private readonly clients: ArmClientsFor;
  private readonly apiVersions: ProviderApiVersions;

  constructor(options: { clients: ArmClientsFor }) {
    this.clients = options.clients;
    this.apiVersions = new ProviderApiVersions(options.clients);
  }

  /** `A1`: the AKS cluster, whole. */
  getManagedCluster(cluster: ClusterCoordinates): Promise<ManagedCluster> {
    return this.getById<ManagedCluster>(
      `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${cluster.name}`,
    );
  }

  /** `A2`: one list per subscription. */
  async listIdentities(subscriptionId: string): Promise<ManagedIdentity[]> {
    const items = await collect(
      this.clients(
        subscriptionId,
      ).msi.userAssignedIdentities.listBySubscription(),
    );
    return items.map(identityOf);
  }

  /** `A2` by id. */
  async getIdentity(resourceId: string): Promise<ManagedIdentity> {
    const { subscriptionId, resourceGroup, name } = partsOf(resourceId);
    return identityOf(
      await this.clients(subscriptionId).msi.userAssignedIdentities.get(
        resourceGroup,
        name,
      ),
    );
  }

  /** `A3`: the identity's federated credentials. */
  async listFederatedCredentials(
    identityId: string,
  ): Promise<FederatedCredential[]> {
    const { subscriptionId, resourceGroup, name } = partsOf(identityId);
    const items = await collect(
      this.clients(subscriptionId).msi.federatedIdentityCredentials.list(
        resourceGroup,
        name,
      ),
    );
    return items.map(federatedCredentialOf);
  }

  /** `A4` by principal, in each subscription; each assignment once. */
  async listRoleAssignments(options: {
    principalId: string;
    subscriptionIds: string[];
  }): Promise<RoleAssignment[]> {
    const subscriptions = [
      ...new Set(options.subscriptionIds.map(s => s.toLowerCase())),
    ];
    const lists = await Promise.all(
      subscriptions.map(subscriptionId =>
        this.listRoleAssignmentsIn({
          principalId: options.principalId,
          subscriptionId,
        }),
      ),
    );
    return uniqueAssignments(lists.flat());
  }

  /** `A4` by principal at, above and below one subscription. */
  async listRoleAssignmentsIn(options: {
    principalId: string;
    subscriptionId: string;
  }): Promise<RoleAssignment[]> {
    const { principalId, subscriptionId } = options;
    const items = await collect(
      this.clients(subscriptionId).authorization.roleAssignments.listForScope(
        `/subscriptions/${subscriptionId}`,
        { filter: `principalId eq '${principalId}'` },
      ),
    );
    return items.map(assignmentOf);
  }

  /** `A4` for a whole subscription: every assignment at, above or below it. */
  async listAllRoleAssignments(
    subscriptionId: string,
  ): Promise<RoleAssignment[]> {
    const items = await collect(
      this.clients(subscriptionId).authorization.roleAssignments.listForScope(
        `/subscriptions/${subscriptionId}`,
      ),
    );
    return items.map(assignmentOf);
  }

  /** `A4` `atScope()`: assignments at or above a scope, for any principal. */
  async listAssignmentsAtScope(scope: string): Promise<RoleAssignment[]> {
    const { subscriptionId } = partsOf(scope);
    const items = await collect(
      this.clients(subscriptionId).authorization.roleAssignments.listForScope(
        scope,
        { filter: 'atScope()' },
      ),
    );
    return items.map(assignmentOf);
  }

  /**
   * `A5`: a custom role's permissions, by the definition id an assignment names. Built-in roles
   * come from the common catalogue and are never read.
   */
  async getRoleDefinition(options: {
    roleDefinitionId: string;
    subscriptionId: string;
  }): Promise<RoleDefinition> {
    const subscriptionId =
      partsOf(options.roleDefinitionId).subscriptionId ||
      options.subscriptionId;
    const role = await this.clients(
      subscriptionId,
    ).authorization.roleDefinitions.getById(options.roleDefinitionId);
    return roleDefinitionOf(role, options.roleDefinitionId);
  }

  /** `A6`: one target resource. */
  getResource(resourceId: string): Promise<TargetResource> {
    return this.getById<TargetResource>(resourceId);
  }

  /** `A7`: a private endpoint, virtual network or public IP address. */
  getNetworkResource<T>(resourceId: string): Promise<T> {
    return this.getById<T>(resourceId);
  }

  /** Any resource or sub-resource by id, with its provider's api-version. */
  async getById<T>(resourceId: string): Promise<T> {
    const { subscriptionId } = partsOf(resourceId);
    const apiVersion = await this.apiVersions.of(resourceId, subscriptionId);
    const resource = await this.clients(
      subscriptionId,
    ).resources.resources.getById(resourceId, apiVersion);
    return plain<T>({ ...resource, properties: resource.properties ?? {} });
  }

  async getResourceGroup(options: {
    subscriptionId: string;
    resourceGroup: string;
  }): Promise<{ id?: string; name?: string }> {
    return this.clients(options.subscriptionId).resources.resourceGroups.get(
      options.resourceGroup,
    );
  }

  /** The top-level resources of a subscription; ARM filters by one type at most. */
  async listResources(
    subscriptionId: string,
    options: { type?: string } = {},
  ): Promise<ListedResource[]> {
    const items = await collect(
      this.clients(subscriptionId).resources.resources.list(
        options.type
          ? { filter: `resourceType eq '${options.type}'` }
          : undefined,
      ),
    );
    return items.map(({ id, name, type, location }) => ({
      id,
      name,
      type,
      location,
    }));
  }

  /** `A7`: the Private DNS zones of a subscription. */
  async listPrivateDnsZones(
    subscriptionId: string,
  ): Promise<{ id: string; name: string }[]> {
    const zones = await this.listResources(subscriptionId, {
      type: 'Microsoft.Network/privateDnsZones',
    });
    return zones.map(zone => ({ id: zone.id ?? '', name: zone.name ?? '' }));
  }

  /** `A7`: the ids of the virtual networks a Private DNS zone is linked to. */
  async listZoneVirtualNetworks(zoneId: string): Promise<string[]> {
    const links = await this.listChildren(zoneId, 'virtualNetworkLinks');
    return links.flatMap(link => {
      const id = link.properties?.virtualNetwork?.id;
      return typeof id === 'string' ? [id] : [];
    });
  }

  /**
   * A child collection no SDK client here lists (a zone's virtual network links), through
   * the resources client's own pipeline: same credential, retries and TLS settings.
   */
  private async listChildren(parentId: string, child: string): Promise<any[]> {
    const { subscriptionId } = partsOf(parentId);
    const clients = this.clients(subscriptionId);
    // Children share their parent type's api-version.
    const apiVersion = await this.apiVersions.of(parentId, subscriptionId);
    const items: any[] = [];
    let url:
      | string
      | undefined = `${clients.endpoint}${parentId}/${child}?api-version=${apiVersion}`;
    while (url) {
      const response = await clients.resources.pipeline.sendRequest(
        httpClient,
        createPipelineRequest({ url, method: 'GET' }),
      );
      const body = response.bodyAsText ? JSON.parse(response.bodyAsText) : {};
      if (response.status >= 400) {
        throw new RestError(body.error?.message ?? `HTTP ${response.status}`, {
          statusCode: response.status,
          code: body.error?.code,
        });
      }
      items.push(...(body.value ?? []));
      url = body.nextLink;
    }
    return items;
  }
}
