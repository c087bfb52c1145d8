import {
  createDefaultHttpClient,
  createPipelineRequest,
  RestError,
} from '@azure/core-rest-pipeline';
import { AzureArmReader } from '../../clients/azure/AzureArmReader';
import { ArmClientsFor } from '../../clients/azure/createArmClients';
import {
  FederatedCredential,
  ManagedCluster,
  ManagedIdentity,
  RoleAssignment,
  RoleDefinition,
  TargetResource,
} from '../azureTypes';
import { plain } from './readOutcome';

const httpClient = createDefaultHttpClient();

/**
 * The Azure Resource Manager reads of health-rules §1.4 (A1–A7) on the SDK clients,
 * answered in ARM's wire shape (`properties`) that the rules read. Resources the rules read
 * whole (the cluster, targets) are read generically so no field is lost to an SDK model.
 */
export class AzureInspectionClient {
  constructor(
    private readonly options: {
      clients: ArmClientsFor;
      reader: AzureArmReader;
    },
  ) {}

  /** A1 */
  async getManagedCluster(options: {
    subscriptionId: string;
    resourceGroup: string;
    name: string;
  }): Promise<ManagedCluster> {
    const id = `/subscriptions/${options.subscriptionId}/resourceGroups/${options.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${options.name}`;
    return this.getGeneric<ManagedCluster>(id, options.subscriptionId);
  }

  /** A2: one list per subscription. */
  async listIdentities(subscriptionId: string): Promise<ManagedIdentity[]> {
    const items = await collect(
      this.options
        .clients(subscriptionId)
        .msi.userAssignedIdentities.listBySubscription(),
    );
    return items.map(identityOf);
  }

  /** A2 by id, for the identity a request record names. */
  async getIdentity(resourceId: string): Promise<ManagedIdentity> {
    const { subscriptionId, resourceGroup, name } = partsOf(resourceId);
    return identityOf(
      await this.options
        .clients(subscriptionId)
        .msi.userAssignedIdentities.get(resourceGroup, name),
    );
  }

  /** A3 */
  async listFederatedCredentials(
    identityId: string,
  ): Promise<FederatedCredential[]> {
    const { subscriptionId, resourceGroup, name } = partsOf(identityId);
    const items = await collect(
      this.options
        .clients(subscriptionId)
        .msi.federatedIdentityCredentials.list(resourceGroup, name),
    );
    return items.map(fic =>
      plain<FederatedCredential>({
        id: fic.id,
        name: fic.name,
        properties: {
          issuer: fic.issuer,
          subject: fic.subject,
          audiences: fic.audiences ?? [],
        },
      }),
    );
  }

  /** A4 by principal, in each subscription (management-group ones appear in each: kept once). */
  async listRoleAssignments(options: {
    principalId: string;
    subscriptionIds: string[];
  }): Promise<RoleAssignment[]> {
    const subscriptions = [
      ...new Set(options.subscriptionIds.map(s => s.toLowerCase())),
    ];
    const lists = await Promise.all(
      subscriptions.map(subscriptionId =>
        collect(
          this.options
            .clients(subscriptionId)
            .authorization.roleAssignments.listForScope(
              `/subscriptions/${subscriptionId}`,
              { filter: `principalId eq '${options.principalId}'` },
            ),
        ),
      ),
    );
    const byId = new Map<string, RoleAssignment>();
    for (const assignment of lists.flat()) {
      byId.set((assignment.id ?? '').toLowerCase(), assignmentOf(assignment));
    }
    return [...byId.values()];
  }

  /** A4 for a whole subscription: every assignment at, above or below it, as a scan reads it. */
  async listAllRoleAssignments(
    subscriptionId: string,
  ): Promise<RoleAssignment[]> {
    const items = await collect(
      this.options
        .clients(subscriptionId)
        .authorization.roleAssignments.listForScope(
          `/subscriptions/${subscriptionId}`,
        ),
    );
    return items.map(assignmentOf);
  }

  /** A4 `atScope()` at a target: assignments at or above it, for any principal. */
  async listAssignmentsAtScope(scope: string): Promise<RoleAssignment[]> {
    const { subscriptionId } = partsOf(scope);
    const items = await collect(
      this.options
        .clients(subscriptionId)
        .authorization.roleAssignments.listForScope(scope, {
          filter: 'atScope()',
        }),
    );
    return items.map(assignmentOf);
  }

  /**
   * A5: a custom role's permissions, by the definition id an assignment names. Built-in roles
   * come from the common catalogue and are never read.
   */
  async getRoleDefinition(options: {
    roleDefinitionId: string;
    /** The subscription whose credential reads it, when the id names none (tenant form). */
    subscriptionId: string;
  }): Promise<RoleDefinition> {
    const subscriptionId =
      partsOf(options.roleDefinitionId).subscriptionId ||
      options.subscriptionId;
    const role = await this.options
      .clients(subscriptionId)
      .authorization.roleDefinitions.getById(options.roleDefinitionId);
    const permissions = role.permissions ?? [];
    const all = (
      key: 'actions' | 'notActions' | 'dataActions' | 'notDataActions',
    ) => permissions.flatMap(p => p[key] ?? []);
    return plain<RoleDefinition>({
      id: role.id ?? options.roleDefinitionId,
      roleName: role.roleName ?? '',
      actions: all('actions'),
      notActions: all('notActions'),
      dataActions: all('dataActions'),
      notDataActions: all('notDataActions'),
    });
  }

  /** A7: a private endpoint, virtual network or public IP address, by id. */
  async getNetworkResource<T>(resourceId: string): Promise<T> {
    return this.getGeneric<T>(resourceId, partsOf(resourceId).subscriptionId);
  }

  /** A7: the Private DNS zones of a subscription (id and name). */
  async listPrivateDnsZones(
    subscriptionId: string,
  ): Promise<{ id: string; name: string }[]> {
    const items = await collect(
      this.options.clients(subscriptionId).resources.resources.list({
        filter: "resourceType eq 'Microsoft.Network/privateDnsZones'",
      }),
    );
    return items.map(zone => ({ id: zone.id ?? '', name: zone.name ?? '' }));
  }

  /** A7: the ids of the virtual networks a Private DNS zone is linked to. */
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
    const clients = this.options.clients(subscriptionId);
    // Children share their parent type's api-version.
    const apiVersion = await this.options.reader.apiVersionFor(
      parentId,
      subscriptionId,
    );
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

  /** A6 */
  async getResource(resourceId: string): Promise<TargetResource> {
    return this.getGeneric<TargetResource>(
      resourceId,
      partsOf(resourceId).subscriptionId,
    );
  }

  private async getGeneric<T>(id: string, subscriptionId: string): Promise<T> {
    const apiVersion = await this.options.reader.apiVersionFor(
      id,
      subscriptionId,
    );
    const resource = await this.options
      .clients(subscriptionId)
      .resources.resources.getById(id, apiVersion);
    return plain<T>({ ...resource, properties: resource.properties ?? {} });
  }
}

function identityOf(identity: any): ManagedIdentity {
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

function assignmentOf(assignment: any): RoleAssignment {
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

function partsOf(resourceId: string) {
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

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of pages) items.push(item);
  return items;
}
