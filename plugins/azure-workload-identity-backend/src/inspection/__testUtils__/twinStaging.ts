import { applySeed, BASELINE } from 'sandbox';
import { DemoSandbox } from '../../clients/__testUtils__/startDemoSandbox';
import { AzureWorkloadIdentityConfig } from '../../config/readConfig';
import { HealthRulesConfig } from '../config';
import { IdentityRequest } from '../snapshot';
import { baselineRequest } from './baselineBinding';

// Ways to change the demo world's twin as the scenarios of `SCENARIOS` say, on
// its baseline component orders-api: ARM state, Kubernetes objects, faults and clocks.

export const DAY = 86_400_000;

/** What the portal's configuration says besides the twin, when a scenario needs it. */
export type Extra = {
  /** The request record as the portal's database would hold it, changed. */
  request?: (request: ReturnType<typeof baselineRequest>) => void;
  /** No request record at all: the chain was built by hand. */
  noRequests?: boolean;
  /** Other components' requests whose plan uses the identity. */
  identityRequests?: IdentityRequest[];
  /** The component's catalog annotations, changed. */
  annotations?: Record<string, string>;
  /** Other requests of the component, e.g. an earlier one since revoked. */
  moreRequests?: Array<ReturnType<typeof baselineRequest>>;
  /** `healthRules` settings of the portal, e.g. the opt-in secret reads. */
  healthRules?: Partial<HealthRulesConfig>;
  /** The plugin's configuration, changed (e.g. the probe off for a cluster). */
  config?: (config: AzureWorkloadIdentityConfig) => AzureWorkloadIdentityConfig;
  issuerHistory?: Array<{
    cluster: string;
    issuer: string;
    firstSeen: string;
    lastSeen: string;
  }>;
};
export type Staging = (demo: DemoSandbox) => void | Extra;

/** The baseline identity: the demo's orders-api on aks-prod. */
export function wiOrders(demo: DemoSandbox) {
  const identity = demo.sandbox.azure.twin.state.findIdentityByClientId(
    BASELINE.identity.clientId,
  );
  if (!identity) throw new Error('the demo world has no wi-orders');
  return identity;
}

/** Rewrites wi-orders' one federated credential, keeping its age (no propagation window). */
export function changeCredential(
  change: (fic: { issuer: string; subject: string; audiences: string[] }) => {
    issuer?: string;
    subject?: string;
    audiences?: string[];
  },
): Staging {
  return demo => {
    const { state } = demo.sandbox.azure.twin;
    const identity = wiOrders(demo);
    const [fic] = state.listFederatedCredentials(identity);
    state.putFederatedCredential(identity, { ...fic, ...change(fic) });
  };
}

/** The demo's orders storage account, where the baseline reads blobs. */
export const ORDERS_DATA = `/subscriptions/${BASELINE.subscriptionId}/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata`;

/** Grants wi-orders one more role on the storage account, a day ago. */
export function grantOnStorage(role: string): Staging {
  return demo => {
    applySeed(demo.sandbox.azure.twin.state, {
      roleAssignments: [
        {
          role,
          scope: ORDERS_DATA,
          principalId: wiOrders(demo).principalId,
          createdOn: new Date(Date.now() - 86_400_000).toISOString(),
        },
      ],
    });
  };
}

/** wi-orders' role assignments on the storage account. */
export function storageAssignments(demo: DemoSandbox) {
  const principalId = wiOrders(demo).principalId;
  return demo.sandbox.azure.twin.state
    .listRoleAssignments()
    .filter(
      ra =>
        ra.principalId === principalId &&
        ra.scope.toLowerCase() === ORDERS_DATA.toLowerCase(),
    );
}

/** aks-prod, where orders-api runs, as kubectl's admin would change it. */
export function aksProd(demo: DemoSandbox) {
  return demo.sandbox.demo!.kubernetes.cluster('aks-prod');
}

export function changeObject(
  apiVersion: string,
  kind: string,
  namespace: string | undefined,
  name: string,
  change: (object: any) => void,
): Staging {
  return demo => {
    const cluster = aksProd(demo);
    const object = structuredClone(
      cluster.get(cluster.type(apiVersion, kind), namespace, name),
    );
    change(object);
    cluster.apply(object);
  };
}

/** Sets one of orders-api's service account annotations; `restart` rolls the pods after it. */
export function annotateServiceAccount(
  annotation: string,
  value: string,
  restart: boolean,
): Staging {
  return demo => {
    changeObject('v1', 'ServiceAccount', 'orders', 'orders-api', sa => {
      sa.metadata.annotations[annotation] = value;
    })(demo);
    if (restart) aksProd(demo).restartDeployment('orders', 'orders-api');
  };
}

/** Changes orders-api's pod template; the twin rolls the pods, mutated by its webhook. */
export function changeTemplate(change: (template: any) => void): Staging {
  return changeObject('apps/v1', 'Deployment', 'orders', 'orders-api', d =>
    change(d.spec.template),
  );
}

/** Adds a variable to the main container (`app`) of orders-api. */
export function addEnv(variable: object): Staging {
  return changeTemplate(template => {
    const app = template.spec.containers[0];
    app.env = [...(app.env ?? []), variable];
  });
}

export const USE_LABEL = 'azure.workload.identity/use';

/** aks-prod's managed cluster in ARM, changed. */
export function changeManagedCluster(
  change: (record: Record<string, any>) => void,
): Staging {
  return demo => {
    const { state } = demo.sandbox.azure.twin;
    const record = structuredClone(
      state.getManagedCluster(BASELINE.subscriptionId, 'rg-aks', 'aks-prod')!,
    ) as Record<string, any>;
    change(record);
    state.putManagedCluster(record as any);
  };
}

export function deleteWebhook(demo: DemoSandbox) {
  const cluster = aksProd(demo);
  const configs = cluster.type(
    'admissionregistration.k8s.io/v1',
    'MutatingWebhookConfiguration',
  );
  for (const config of cluster.list(configs, {})) {
    cluster.delete(configs, undefined, config.metadata.name);
  }
  const deployments = cluster.type('apps/v1', 'Deployment');
  for (const deployment of cluster.list(deployments, {
    namespace: 'kube-system',
  })) {
    if (/workload-identity/.test(deployment.metadata.name)) {
      cluster.delete(deployments, 'kube-system', deployment.metadata.name);
    }
  }
}

/** The add-on's webhook in kube-system, changed. */
export function changeWebhook(change: {
  config?: (config: any) => void;
  deployment?: (deployment: any) => void;
}): Staging {
  return demo => {
    const cluster = aksProd(demo);
    if (change.config) {
      const type = cluster.type(
        'admissionregistration.k8s.io/v1',
        'MutatingWebhookConfiguration',
      );
      for (const config of cluster.list(type, {})) {
        const changed = structuredClone(config);
        change.config(changed);
        cluster.apply(changed);
      }
    }
    if (change.deployment) {
      const type = cluster.type('apps/v1', 'Deployment');
      const deployment = structuredClone(
        cluster.get(type, 'kube-system', 'azure-wi-webhook-controller-manager'),
      );
      change.deployment(deployment);
      cluster.apply(deployment);
    }
  };
}

/** One more credential on wi-orders, written a day ago. */
export function addCredential(
  name: string,
  fic: (baseline: { issuer: string; subject: string }) => {
    issuer?: string;
    subject?: string;
  },
): Staging {
  return demo => {
    const { state } = demo.sandbox.azure.twin;
    const identity = wiOrders(demo);
    const [baseline] = state.listFederatedCredentials(identity);
    state.putFederatedCredential(identity, {
      ...baseline,
      name,
      ...fic(baseline),
      updatedAt: Date.now() - DAY,
    });
  };
}

/** `count` more credentials for orders-api in namespaces orders-01…, which exist with the SA. */
export function moreNamespaces(count: number): Staging {
  return demo => {
    const cluster = aksProd(demo);
    for (let i = 1; i <= count; i++) {
      const ns = `orders-${String(i).padStart(2, '0')}`;
      cluster.apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
      });
      cluster.apply({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'orders-api', namespace: ns },
      });
      addCredential(ns, () => ({
        subject: `system:serviceaccount:${ns}:orders-api`,
      }))(demo);
    }
  };
}

/** ARM refuses the portal a read, as without the permission for `action`. */
export function armDenies(
  demo: DemoSandbox,
  pathContains: string,
  action: string,
) {
  demo.sandbox.azure.twin.context.faults.add({
    match: { surface: 'arm', pathContains },
    status: 403,
    code: 'AuthorizationFailed',
    message: `The client 'backstage' does not have authorization to perform action '${action}'.`,
  });
}

/** ARM refuses the portal the identity's credential list, as without the read permission. */
export function hideCredentials(demo: DemoSandbox) {
  armDenies(
    demo,
    'federatedIdentityCredentials',
    'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read',
  );
}

/** The credential was just written: Entra ID does not honour it for a while yet. */
export function justWritten(demo: DemoSandbox) {
  const { twin } = demo.sandbox.azure;
  twin.context.realism.ficPropagationDelayMs = 60_000;
  const identity = wiOrders(demo);
  const [fic] = twin.state.listFederatedCredentials(identity);
  twin.state.putFederatedCredential(identity, {
    ...fic,
    updatedAt: Date.now(),
  });
}

export const RG_APPS = `/subscriptions/${BASELINE.subscriptionId}/resourceGroups/rg-apps`;
export const ORDERS_VAULT = `${RG_APPS}/providers/Microsoft.KeyVault/vaults/kv-orders`;

/** Replaces wi-orders' role on a target by another (at another scope, of another type...). */
export function replaceRole(
  scope: string,
  next?: {
    role: string;
    scope: string;
    principalType?: 'User' | 'ServicePrincipal';
    createdOn?: string;
  },
): Staging {
  return demo => {
    const { state } = demo.sandbox.azure.twin;
    const principalId = wiOrders(demo).principalId;
    for (const ra of state.listRoleAssignments()) {
      if (
        ra.principalId === principalId &&
        ra.scope.toLowerCase() === scope.toLowerCase()
      ) {
        state.deleteRoleAssignment(ra.name);
      }
    }
    if (next) {
      applySeed(state, {
        roleAssignments: [
          {
            createdOn: new Date(Date.now() - DAY).toISOString(),
            ...next,
            principalId,
          },
        ],
      });
    }
  };
}

export const ORPHAN_PRINCIPAL = '5e5e5e5e-0000-0000-0000-00000000005e';

/** A target resource's ARM properties, changed. */
export function changeResource(
  id: string,
  change: (properties: Record<string, any>) => void,
): Staging {
  return demo => {
    const { state } = demo.sandbox.azure.twin;
    const resource = structuredClone(state.getResource(id)!);
    change(resource.properties as Record<string, any>);
    state.putResource(resource);
  };
}

/** Entra ID answers the token exchange with this error, as when something behind it fails. */
export function entraFails(code: string, description: string): Staging {
  return demo => {
    demo.sandbox.azure.twin.context.faults.add({
      match: { surface: 'entra', pathContains: '/oauth2/v2.0/token' },
      status: 400,
      code: 'invalid_request',
      message: `${code}: ${description}`,
    });
  };
}

export const KUBELET = {
  clientId: 'c0c0c0c0-0000-0000-0000-00000000c0c0',
  objectId: '0b0b0b0b-0000-0000-0000-00000000b0b0',
  resourceId: `/subscriptions/${BASELINE.subscriptionId}/resourceGroups/MC_rg-aks_aks-prod_eastus/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-prod-agentpool`,
};

/** The opt-in binding of `healthRules.inspectSecrets`: the portal's reader may list Secrets in `namespace`. */
export function grantSecretReads(demo: DemoSandbox, namespace: string) {
  const cluster = aksProd(demo);
  cluster.apply({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'backstage-secret-keys', namespace },
    rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }],
  });
  cluster.apply({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'backstage-secret-keys', namespace },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'backstage-secret-keys',
    },
    subjects: [
      {
        kind: 'ServiceAccount',
        name: 'backstage-reader',
        namespace: 'backstage-system',
      },
    ],
  });
}

export const ORDERS_BLOB_READER = 'c1c1c1c1-0000-0000-0000-00000000c1c1';

/**
 * wi-orders holds a custom role "Orders Blob Reader" on the storage account instead of the
 * built-in one, with these permissions; the request recorded the custom role.
 */
export function customRoleOnStorage(permissions: {
  actions?: string[];
  dataActions?: string[];
}): Staging {
  return demo => {
    const at = new Date(Date.now() - DAY).toISOString();
    demo.sandbox.azure.twin.state.putCustomRoleDefinition({
      id: ORDERS_BLOB_READER,
      roleName: 'Orders Blob Reader',
      type: 'CustomRole',
      description: 'Reads the orders blobs',
      assignableScopes: [RG_APPS],
      permissions: [
        {
          actions: permissions.actions ?? [],
          notActions: [],
          dataActions: permissions.dataActions ?? [],
          notDataActions: [],
        },
      ],
      createdOn: at,
      updatedOn: at,
    });
    replaceRole(ORDERS_DATA, { role: ORDERS_BLOB_READER, scope: ORDERS_DATA })(
      demo,
    );
    return {
      request: request => {
        request.roleAssignments[0].roleDefinitionId = `/subscriptions/${BASELINE.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${ORDERS_BLOB_READER}`;
      },
    };
  };
}

const RG_AKS = `/subscriptions/${BASELINE.subscriptionId}/resourceGroups/rg-aks`;
const VNET_AKS = `${RG_AKS}/providers/Microsoft.Network/virtualNetworks/vnet-aks`;
const VAULT_ZONE = `${RG_AKS}/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`;

/**
 * aks-prod's nodes in vnet-aks, and kv-orders closed to the internet behind an approved
 * private endpoint there; the vault's private link zone exists, linked to vnet-aks or not.
 */
export function vaultBehindEndpoint(options: {
  zoneLinked: boolean;
  /** The zone's resource group, when not rg-aks: e.g. a hub's in another subscription. */
  zoneGroup?: string;
}): Staging {
  return demo => {
    const { state } = demo.sandbox.azure.twin;
    const nodes = `${VNET_AKS}/subnets/nodes`;
    changeManagedCluster(record => {
      record.extraProperties = {
        ...record.extraProperties,
        agentPoolProfiles: [{ name: 'nodepool1', vnetSubnetID: nodes }],
      };
    })(demo);
    state.putResource({
      id: VNET_AKS,
      type: 'Microsoft.Network/virtualNetworks',
      name: 'vnet-aks',
      location: 'eastus',
      properties: {
        addressSpace: { addressPrefixes: ['10.224.0.0/12'] },
        subnets: [{ id: nodes, name: 'nodes' }],
      },
    });
    const endpoint = `${RG_AKS}/providers/Microsoft.Network/privateEndpoints/pe-kv-orders`;
    state.putResource({
      id: endpoint,
      type: 'Microsoft.Network/privateEndpoints',
      name: 'pe-kv-orders',
      location: 'eastus',
      properties: { subnet: { id: nodes } },
    });
    changeResource(ORDERS_VAULT, properties => {
      properties.publicNetworkAccess = 'Disabled';
      properties.privateEndpointConnections = [
        {
          id: `${ORDERS_VAULT}/privateEndpointConnections/pe-kv-orders.1a2b`,
          properties: {
            privateEndpoint: { id: endpoint },
            privateLinkServiceConnectionState: { status: 'Approved' },
          },
        },
      ];
    })(demo);
    const zone = options.zoneGroup
      ? `${options.zoneGroup}/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`
      : VAULT_ZONE;
    state.putResource({
      id: zone,
      type: 'Microsoft.Network/privateDnsZones',
      name: 'privatelink.vaultcore.azure.net',
      location: 'global',
      properties: {},
    });
    if (options.zoneLinked) {
      state.putResource({
        id: `${zone}/virtualNetworkLinks/vnet-aks-link`,
        type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
        name: 'vnet-aks-link',
        location: 'global',
        properties: {
          virtualNetwork: { id: VNET_AKS },
          registrationEnabled: false,
        },
      });
    }
  };
}
