import { applySeed, BASELINE, demoIssuerHistory } from 'sandbox';
import {
  DemoSandbox,
  demoPluginConfig,
  startDemoSandbox,
} from '../../clients/__testUtils__/startDemoSandbox';
import { HEALTH_RULES } from '../../rules';
import { baselineRequest } from '../__testUtils__/baselineBinding';
import { runScenario } from '../__testUtils__/runScenario';
import { ENTITY_ANNOTATIONS } from '../derive';
import { inspect } from '../engine';
import { createLiveInspector } from './createLiveInspector';

jest.setTimeout(120_000);

const DAY = 86_400_000;

const ids = (findings: { ruleId: string }[]) =>
  [...new Set(findings.map(f => f.ruleId))].sort();

/** What the portal's configuration says besides the twin, when a scenario needs it. */
type Extra = {
  /** The request record as the portal's database would hold it, changed. */
  request?: (request: ReturnType<typeof baselineRequest>) => void;
  /** No request record at all: the chain was built by hand. */
  noRequests?: boolean;
  /** The component's catalog annotations, changed. */
  annotations?: Record<string, string>;
  /** Other requests of the component, e.g. an earlier one since revoked. */
  moreRequests?: Array<ReturnType<typeof baselineRequest>>;
  issuerHistory?: Array<{
    cluster: string;
    issuer: string;
    firstSeen: string;
    lastSeen: string;
  }>;
};
type Staging = (demo: DemoSandbox) => void | Extra;

/** The baseline identity of health-rules §1.7: the demo's orders-api on aks-prod. */
function wiOrders(demo: DemoSandbox) {
  const identity = demo.sandbox.azure.twin.state.findIdentityByClientId(
    BASELINE.identity.clientId,
  );
  if (!identity) throw new Error('the demo world has no wi-orders');
  return identity;
}

/** Rewrites wi-orders' one federated credential, keeping its age (no propagation window). */
function changeCredential(
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

/**
 * Catalogue scenarios (health-rules §5) staged in the twin itself, as the changes they name,
 * on the demo's baseline component. Read live through the SDKs, each yields the rule ids its
 * snapshot fixture yields, which the rules' own tests hold to the catalogue.
 */
/** The demo's orders storage account, where the baseline reads blobs. */
const ORDERS_DATA = `/subscriptions/${BASELINE.subscriptionId}/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata`;

/** Grants wi-orders one more role on the storage account, a day ago. */
function grantOnStorage(role: string): Staging {
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
function storageAssignments(demo: DemoSandbox) {
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
function aksProd(demo: DemoSandbox) {
  return demo.sandbox.demo!.kubernetes.cluster('aks-prod');
}

function changeObject(
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
function annotateServiceAccount(
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
function changeTemplate(change: (template: any) => void): Staging {
  return changeObject('apps/v1', 'Deployment', 'orders', 'orders-api', d =>
    change(d.spec.template),
  );
}

/** Adds a variable to the main container (`app`) of orders-api. */
function addEnv(variable: object): Staging {
  return changeTemplate(template => {
    const app = template.spec.containers[0];
    app.env = [...(app.env ?? []), variable];
  });
}

const USE_LABEL = 'azure.workload.identity/use';

/** aks-prod's managed cluster in ARM, changed. */
function changeManagedCluster(
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

function deleteWebhook(demo: DemoSandbox) {
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
function changeWebhook(change: {
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
function addCredential(
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
function moreNamespaces(count: number): Staging {
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

/** ARM refuses the portal the identity's credential list, as without the read permission. */
function hideCredentials(demo: DemoSandbox) {
  demo.sandbox.azure.twin.context.faults.add({
    match: { surface: 'arm', pathContains: 'federatedIdentityCredentials' },
    status: 403,
    code: 'AuthorizationFailed',
    message:
      "The client 'backstage' does not have authorization to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read'.",
  });
}

/** The credential was just written: Entra ID does not honour it for a while yet. */
function justWritten(demo: DemoSandbox) {
  const { twin } = demo.sandbox.azure;
  twin.context.realism.ficPropagationDelayMs = 60_000;
  const identity = wiOrders(demo);
  const [fic] = twin.state.listFederatedCredentials(identity);
  twin.state.putFederatedCredential(identity, {
    ...fic,
    updatedAt: Date.now(),
  });
}

const RG_APPS = `/subscriptions/${BASELINE.subscriptionId}/resourceGroups/rg-apps`;
const ORDERS_VAULT = `${RG_APPS}/providers/Microsoft.KeyVault/vaults/kv-orders`;

/** Replaces wi-orders' role on a target by another (at another scope, of another type...). */
function replaceRole(
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

const ORPHAN_PRINCIPAL = '5e5e5e5e-0000-0000-0000-00000000005e';

/** A target resource's ARM properties, changed. */
function changeResource(
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
function entraFails(code: string, description: string): Staging {
  return demo => {
    demo.sandbox.azure.twin.context.faults.add({
      match: { surface: 'entra', pathContains: '/oauth2/v2.0/token' },
      status: 400,
      code: 'invalid_request',
      message: `${code}: ${description}`,
    });
  };
}

const KUBELET = {
  clientId: 'c0c0c0c0-0000-0000-0000-00000000c0c0',
  objectId: '0b0b0b0b-0000-0000-0000-00000000b0b0',
  resourceId: `/subscriptions/${BASELINE.subscriptionId}/resourceGroups/MC_rg-aks_aks-prod_eastus/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-prod-agentpool`,
};

const STAGED: Record<string, Staging> = {
  // Moved to kube-system by hand, where the webhook does not mutate pods.
  'workload-in-kube-system': demo => {
    const cluster = aksProd(demo);
    const deployments = cluster.type('apps/v1', 'Deployment');
    const accounts = cluster.type('v1', 'ServiceAccount');
    const deployment = structuredClone(
      cluster.get(deployments, 'orders', 'orders-api'),
    );
    const account = structuredClone(
      cluster.get(accounts, 'orders', 'orders-api'),
    );
    cluster.delete(deployments, 'orders', 'orders-api');
    cluster.apply({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'orders-api',
        namespace: 'kube-system',
        annotations: account.metadata.annotations,
      },
    });
    cluster.apply({
      ...deployment,
      metadata: {
        name: 'orders-api',
        namespace: 'kube-system',
        labels: deployment.metadata.labels,
      },
      status: undefined,
    });
    changeCredential(() => ({
      subject: 'system:serviceaccount:kube-system:orders-api',
    }))(demo);
    // The component's page no longer pins a namespace.
    return {
      noRequests: true,
      annotations: { 'backstage.io/kubernetes-namespace': '' },
    };
  },
  // The pods run as the namespace's default service account, which carries the identity.
  'default-sa-federated': demo => {
    changeObject('v1', 'ServiceAccount', 'orders', 'default', sa => {
      sa.metadata.annotations = {
        ...sa.metadata.annotations,
        'azure.workload.identity/client-id': wiOrders(demo).clientId,
      };
    })(demo);
    changeTemplate(template => {
      delete template.spec.serviceAccountName;
    })(demo);
    changeCredential(() => ({
      subject: 'system:serviceaccount:orders:default',
    }))(demo);
    return {
      request: request => {
        request.serviceAccountName = 'default';
        request.federatedCredential!.subject =
          'system:serviceaccount:orders:default';
      },
    };
  },
  // No request: the service account names the cluster's kubelet identity, which was given
  // the data role and a credential for the service account by hand.
  'app-uses-kubelet-identity': demo => {
    const { state } = demo.sandbox.azure.twin;
    changeManagedCluster(record => {
      record.extraProperties = {
        ...record.extraProperties,
        identityProfile: { kubeletidentity: KUBELET },
      };
    })(demo);
    state.putResourceGroup({
      subscriptionId: BASELINE.subscriptionId,
      name: 'MC_rg-aks_aks-prod_eastus',
      location: 'eastus',
    });
    const kubelet = state.putManagedIdentity({
      subscriptionId: BASELINE.subscriptionId,
      resourceGroup: 'MC_rg-aks_aks-prod_eastus',
      name: 'aks-prod-agentpool',
      clientId: KUBELET.clientId,
      principalId: KUBELET.objectId,
      createdAt: Date.now() - 90 * DAY,
    });
    const [baseline] = state.listFederatedCredentials(wiOrders(demo));
    state.putFederatedCredential(kubelet, {
      ...baseline,
      updatedAt: Date.now() - DAY,
    });
    applySeed(state, {
      roleAssignments: [
        {
          role: 'Storage Blob Data Reader',
          scope: ORDERS_DATA,
          principalId: KUBELET.objectId,
          createdOn: new Date(Date.now() - DAY).toISOString(),
        },
      ],
    });
    annotateServiceAccount(
      'azure.workload.identity/client-id',
      KUBELET.clientId,
      true,
    )(demo);
    // The team declares what the component uses, as there is no request to say so.
    return {
      noRequests: true,
      annotations: { [ENTITY_ANNOTATIONS.resources]: ORDERS_DATA },
    };
  },
  // Two more components, in namespaces of their own, use wi-orders too.
  'identity-shared-3-components': demo => {
    const cluster = aksProd(demo);
    const { state } = demo.sandbox.azure.twin;
    const identity = wiOrders(demo);
    const [baseline] = state.listFederatedCredentials(identity);
    const own = cluster.get(
      cluster.type('apps/v1', 'Deployment'),
      'orders',
      'orders-api',
    );
    for (const { ns, name } of [
      { ns: 'ledger', name: 'ledger-worker' },
      { ns: 'archive', name: 'archive-exporter' },
    ]) {
      cluster.apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
      });
      cluster.apply({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: {
          name,
          namespace: ns,
          annotations: {
            'azure.workload.identity/client-id': identity.clientId,
          },
        },
      });
      state.putFederatedCredential(identity, {
        ...baseline,
        name,
        subject: `system:serviceaccount:${ns}:${name}`,
        updatedAt: Date.now() - DAY,
      });
      const other = structuredClone(own);
      other.metadata = {
        name,
        namespace: ns,
        labels: { 'backstage.io/kubernetes-id': name },
      };
      other.spec.selector = {
        matchLabels: { 'backstage.io/kubernetes-id': name },
      };
      other.spec.template.metadata.labels = {
        ...other.spec.template.metadata.labels,
        'backstage.io/kubernetes-id': name,
      };
      other.spec.template.spec.serviceAccountName = name;
      delete other.status;
      cluster.apply(other);
    }
  },
  // Deleted and created again under the same name: new ids, no credential, old grants orphaned.
  'identity-recreated-same-name': demo => {
    const { state } = demo.sandbox.azure.twin;
    const identity = wiOrders(demo);
    state.deleteIdentity(
      identity.subscriptionId,
      identity.resourceGroup,
      identity.name,
    );
    state.putManagedIdentity({
      subscriptionId: identity.subscriptionId,
      resourceGroup: identity.resourceGroup,
      name: identity.name,
      location: identity.location,
      clientId: '7a7a7a7a-0000-0000-0000-0000000000c2',
      principalId: '7b7b7b7b-0000-0000-0000-0000000000d2',
      createdAt: Date.now() - DAY,
    });
  },
  // The webhook refuses the new pods of a rollout.
  'webhook-denies-generic': demo => {
    const cluster = aksProd(demo);
    cluster.faults.addWebhookFault({
      mode: 'deny',
      message: 'internal error',
      namespace: 'orders',
    });
    cluster.restartDeployment('orders', 'orders-api');
  },
  'sdk-declared-old': () => ({
    annotations: {
      'azure-workload-identity.backstage.io/sdk': '@azure/identity@3.1.0',
    },
  }),
  // A client id from a subscription the portal may not read, and no request for it.
  'client-id-outside-inventory': demo => {
    demo.sandbox.azure.twin.context.faults.add({
      match: {
        surface: 'arm',
        pathPattern:
          '^/subscriptions/00000000-0000-0000-0000-000000000002/providers/microsoft.managedidentity/userassignedidentities$',
      },
      status: 403,
      code: 'AuthorizationFailed',
      message:
        "The client 'backstage' does not have authorization to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/read' over scope '/subscriptions/00000000-0000-0000-0000-000000000002'.",
    });
    annotateServiceAccount(
      'azure.workload.identity/client-id',
      '7e7e7e7e-0000-0000-0000-00000000007e',
      true,
    )(demo);
    return { noRequests: true };
  },
  'private-endpoint-pending': changeResource(ORDERS_VAULT, properties => {
    properties.publicNetworkAccess = 'Disabled';
    properties.privateEndpointConnections = [
      {
        id: `${ORDERS_VAULT}/privateEndpointConnections/pe-kv-orders.1a2b`,
        properties: {
          privateEndpoint: {
            id: `/subscriptions/${BASELINE.subscriptionId}/resourceGroups/rg-aks/providers/Microsoft.Network/privateEndpoints/pe-kv-orders`,
          },
          privateLinkServiceConnectionState: { status: 'Pending' },
        },
      },
    ];
  }),
  'keyvault-rbac-mode-policy-only': demo => {
    changeResource(ORDERS_VAULT, properties => {
      properties.accessPolicies = [
        {
          tenantId: BASELINE.tenantId,
          objectId: wiOrders(demo).principalId,
          permissions: { secrets: ['get', 'list'] },
        },
      ];
    })(demo);
    replaceRole(ORDERS_VAULT)(demo);
  },
  'keyvault-access-policy-mode': changeResource(ORDERS_VAULT, properties => {
    properties.enableRbacAuthorization = false;
    properties.accessPolicies = [];
  }),
  'storage-firewall-deny': changeResource(ORDERS_DATA, properties => {
    properties.networkAcls = {
      defaultAction: 'Deny',
      ipRules: [],
      virtualNetworkRules: [],
    };
  }),
  'storage-account-deleted': demo => {
    replaceRole(ORDERS_DATA)(demo);
    demo.sandbox.azure.twin.state.deleteResource(ORDERS_DATA);
  },
  // The cluster's kubelet identity holds the data role, beside the workload's own.
  'storage-granted-to-kubelet': demo => {
    changeManagedCluster(record => {
      record.extraProperties = {
        ...record.extraProperties,
        identityProfile: { kubeletidentity: KUBELET },
      };
    })(demo);
    applySeed(demo.sandbox.azure.twin.state, {
      roleAssignments: [
        {
          role: 'Storage Blob Data Reader',
          scope: ORDERS_DATA,
          principalId: KUBELET.objectId,
          createdOn: new Date(Date.now() - DAY).toISOString(),
        },
      ],
    });
  },
  // The node clock runs two hours behind: the tokens it issues are out of their time range.
  'cluster-clock-skew': demo => {
    aksProd(demo).clockOffsetSeconds = -2 * 3600;
  },
  'issuer-unreachable-from-entra': entraFails(
    'AADSTS90061',
    'Request to External OIDC endpoint failed.',
  ),
  'entra-unexpected-error': entraFails(
    'AADSTS50027',
    'JWT token is invalid or malformed.',
  ),
  'role-at-resource-group': replaceRole(ORDERS_DATA, {
    role: 'Storage Blob Data Reader',
    scope: RG_APPS,
  }),
  'reader-on-keyvault': replaceRole(ORDERS_VAULT, {
    role: 'Reader',
    scope: ORDERS_VAULT,
  }),
  'ra-principal-type-user': replaceRole(ORDERS_DATA, {
    role: 'Storage Blob Data Reader',
    scope: ORDERS_DATA,
    principalType: 'User',
  }),
  'role-just-granted': replaceRole(ORDERS_DATA, {
    role: 'Storage Blob Data Reader',
    scope: ORDERS_DATA,
    createdOn: new Date(Date.now() - 2 * 60_000).toISOString(),
  }),
  'unapproved-extra-role': grantOnStorage('Storage Queue Data Reader'),
  // The identity orders-api used before was deleted; its grant on the account stayed.
  'orphan-after-identity-swap': demo => {
    applySeed(demo.sandbox.azure.twin.state, {
      roleAssignments: [
        {
          role: 'Storage Blob Data Reader',
          scope: ORDERS_DATA,
          principalId: ORPHAN_PRINCIPAL,
          createdOn: new Date(Date.now() - 30 * DAY).toISOString(),
        },
      ],
    });
    const old = baselineRequest();
    old.id = 'req-0';
    old.status = 'revoked';
    old.identity = {
      resourceId: old.identity.resourceId.replace('wi-orders', 'wi-orders-v1'),
      name: 'wi-orders-v1',
      clientId: '5e5e5e5e-0000-0000-0000-0000000000c1',
      principalId: ORPHAN_PRINCIPAL,
    };
    return { moreRequests: [old] };
  },
  'request-expires-in-3-days': () => ({
    request: request => {
      request.expiresAt = new Date(Date.now() + 3 * DAY).toISOString();
    },
  }),
  'expired-not-revoked': () => ({
    request: request => {
      request.expiresAt = new Date(Date.now() - DAY).toISOString();
    },
  }),
  'fic-19-of-20': moreNamespaces(18),
  'fic-20-of-20': moreNamespaces(19),
  'fic-duplicate-slash': addCredential('orders-api-noslash', fic => ({
    issuer: fic.issuer.replace(/\/$/, ''),
  })),
  'fic-for-deleted-namespace': addCredential('orders-legacy', () => ({
    subject: 'system:serviceaccount:orders-legacy:orders-api',
  })),
  'fic-for-unknown-cluster': addCredential('orders-old-cluster', () => ({
    issuer:
      'https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/99999999-0000-0000-0000-000000000099/',
  })),
  'fic-propagating-external': justWritten,
  'fic-just-created': demo => {
    justWritten(demo);
    return {
      request: request => {
        request.federatedCredential!.appliedAt = new Date(
          Date.now() - 30_000,
        ).toISOString();
      },
    };
  },
  'read-denied-fic': hideCredentials,
  'fics-hidden-none-exist': demo => {
    STAGED['fic-deleted'](demo);
    hideCredentials(demo);
  },
  'fics-hidden-issuer-no-slash': demo => {
    STAGED['fic-issuer-no-slash'](demo);
    hideCredentials(demo);
  },
  'fics-hidden-audience-wrong': demo => {
    STAGED['fic-audience-wrong'](demo);
    hideCredentials(demo);
  },
  'fics-hidden-subject-typo': demo => {
    STAGED['fic-subject-sa-typo'](demo);
    hideCredentials(demo);
  },
  'fics-hidden-subject-case': demo => {
    STAGED['fic-subject-uppercase'](demo);
    hideCredentials(demo);
  },
  'webhook-no-endpoints': demo => {
    changeWebhook({
      deployment: d => {
        d.spec.replicas = 0;
      },
    })(demo);
    aksProd(demo).restartDeployment('orders', 'orders-api');
  },
  'webhook-v015-ignore': changeWebhook({
    config: c => {
      for (const webhook of c.webhooks) {
        webhook.failurePolicy = 'Ignore';
        delete webhook.objectSelector;
      }
    },
    deployment: d => {
      for (const container of d.spec.template.spec.containers) {
        container.image =
          'mcr.microsoft.com/oss/azure/workload-identity/webhook:v0.15.0';
      }
    },
  }),
  // The open-source chart installed beside the add-on.
  'webhook-double-install': demo => {
    const cluster = aksProd(demo);
    cluster.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'azure-workload-identity-system' },
    });
    const original = cluster.get(
      cluster.type('apps/v1', 'Deployment'),
      'kube-system',
      'azure-wi-webhook-controller-manager',
    );
    const second = structuredClone(original);
    second.metadata = {
      name: 'azure-wi-webhook-controller-manager',
      namespace: 'azure-workload-identity-system',
      labels: original.metadata.labels,
    };
    for (const container of second.spec.template.spec.containers) {
      container.image =
        'mcr.microsoft.com/oss/azure/workload-identity/webhook:v1.5.1';
    }
    second.spec.replicas = 2;
    delete second.status;
    cluster.apply(second);
    // The chart's own settings (the same tenant), which the reader may read as the add-on's.
    const settings = structuredClone(
      cluster.get(
        cluster.type('v1', 'ConfigMap'),
        'kube-system',
        'azure-wi-webhook-config',
      ),
    );
    settings.metadata = {
      name: settings.metadata.name,
      namespace: 'azure-workload-identity-system',
    };
    cluster.apply(settings);
    const kubeSystem = (kind: string, name: string) =>
      structuredClone(
        cluster.get(
          cluster.type('rbac.authorization.k8s.io/v1', kind),
          'kube-system',
          name,
        ),
      );
    for (const kind of ['Role', 'RoleBinding']) {
      const object = kubeSystem(kind, 'backstage-webhook-config-reader');
      object.metadata = {
        name: object.metadata.name,
        namespace: 'azure-workload-identity-system',
      };
      cluster.apply(object);
    }
  },
  'arm-cluster-503': demo => {
    demo.sandbox.azure.twin.context.faults.add({
      match: {
        surface: 'arm',
        method: 'GET',
        pathContains: 'managedClusters/aks-prod',
      },
      status: 503,
      code: 'ServiceUnavailable',
      message: 'The service is unavailable',
    });
  },
  'oidc-issuer-off': changeManagedCluster(record => {
    record.oidcIssuerEnabled = false;
    delete record.issuerUrl;
  }),
  'oidc-discovery-404': demo => {
    aksProd(demo).issuer.serving = false;
  },
  'wi-addon-off': demo => {
    changeManagedCluster(record => {
      record.workloadIdentityEnabled = false;
    })(demo);
    deleteWebhook(demo);
    aksProd(demo).restartDeployment('orders', 'orders-api');
  },
  // Rebuilt: a new issuer and key; the credential still trusts the old one.
  'cluster-rebuilt': demo => {
    const cluster = aksProd(demo);
    const old = cluster.issuer.url;
    const rebuilt = demo.sandbox.demo!.kubernetes.issuerUrlFor(
      '66666666-7777-8888-9999-000000000000',
    );
    cluster.issuer.changeUrl(rebuilt);
    changeManagedCluster(record => {
      record.issuerUrl = rebuilt;
    })(demo);
    return {
      issuerHistory: [
        {
          cluster: 'aks-prod',
          issuer: old,
          firstSeen: new Date(Date.now() - 90 * DAY).toISOString(),
          lastSeen: new Date(Date.now() - DAY).toISOString(),
        },
        {
          cluster: 'aks-prod',
          issuer: rebuilt,
          firstSeen: new Date(Date.now() - DAY).toISOString(),
          lastSeen: new Date().toISOString(),
        },
      ],
    };
  },
  'pod-label-capital-true': changeTemplate(template => {
    template.metadata.labels[USE_LABEL] = 'True';
  }),
  'label-on-sa': demo => {
    changeTemplate(template => {
      delete template.metadata.labels[USE_LABEL];
    })(demo);
    changeObject('v1', 'ServiceAccount', 'orders', 'orders-api', sa => {
      sa.metadata.labels = { ...sa.metadata.labels, [USE_LABEL]: 'true' };
    })(demo);
  },
  // The pods were created while the webhook was away, then it came back.
  'pod-created-unmutated': demo => {
    const cluster = aksProd(demo);
    const type = cluster.type(
      'admissionregistration.k8s.io/v1',
      'MutatingWebhookConfiguration',
    );
    const configs = cluster.list(type, {}).map(c => structuredClone(c));
    for (const config of configs) {
      cluster.delete(type, undefined, config.metadata.name);
    }
    cluster.restartDeployment('orders', 'orders-api');
    for (const config of configs) {
      delete config.metadata.resourceVersion;
      delete config.metadata.uid;
      cluster.apply(config);
    }
  },
  // The annotation came after the pods: they run without the identity's client id.
  'sa-annotated-after-pods': demo => {
    const cluster = aksProd(demo);
    let clientId = '';
    changeObject('v1', 'ServiceAccount', 'orders', 'orders-api', sa => {
      clientId = sa.metadata.annotations['azure.workload.identity/client-id'];
      delete sa.metadata.annotations['azure.workload.identity/client-id'];
    })(demo);
    cluster.restartDeployment('orders', 'orders-api');
    annotateServiceAccount(
      'azure.workload.identity/client-id',
      clientId,
      false,
    )(demo);
  },
  'token-path-hardcoded-v15': addEnv({
    name: 'AZURE_FEDERATED_TOKEN_FILE',
    value: '/var/run/secrets/azure/tokens/azure-identity-token',
  }),
  'env-client-id-override': addEnv({
    name: 'AZURE_CLIENT_ID',
    value: '9d2c6a51-0000-0000-0000-0000000000aa',
  }),
  'client-secret-still-in-env': addEnv({
    name: 'AZURE_CLIENT_SECRET',
    valueFrom: { secretKeyRef: { name: 'orders-sp', key: 'client-secret' } },
  }),
  'skip-main-container': changeTemplate(template => {
    template.metadata.annotations = {
      ...template.metadata.annotations,
      'azure.workload.identity/skip-containers': 'app',
    };
  }),
  'istio-sidecar-not-skipped': changeTemplate(template => {
    template.spec.containers.push({
      name: 'istio-proxy',
      image: 'docker.io/istio/proxyv2:1.22.3',
    });
  }),
  'migration-proxy-sidecar': changeTemplate(template => {
    template.metadata.annotations = {
      ...template.metadata.annotations,
      'azure.workload.identity/inject-proxy-sidecar': 'true',
    };
  }),
  'client-id-is-principal-id': annotateServiceAccount(
    'azure.workload.identity/client-id',
    BASELINE.identity.principalId,
    true,
  ),
  'client-id-typo': annotateServiceAccount(
    'azure.workload.identity/client-id',
    '4024ab25-56a8-4370-aea6-6389221caf28',
    true,
  ),
  // tenant-id-wrong needs a second tenant, which the twin's Entra ID does not have.
  'tenant-id-nonexistent': annotateServiceAccount(
    'azure.workload.identity/tenant-id',
    '00000000-dead-0000-0000-000000000000',
    false,
  ),
  'token-expiration-600': annotateServiceAccount(
    'azure.workload.identity/service-account-token-expiration',
    '600',
    true,
  ),
  // billing-worker, another component, runs in orders as orders-api.
  'sa-shared-with-billing': demo => {
    const cluster = aksProd(demo);
    const own = cluster.get(
      cluster.type('apps/v1', 'Deployment'),
      'orders',
      'orders-api',
    );
    const billing = structuredClone(own);
    billing.metadata = {
      name: 'billing-worker',
      namespace: 'orders',
      labels: { 'backstage.io/kubernetes-id': 'billing-worker' },
    };
    billing.spec.selector = {
      matchLabels: { 'backstage.io/kubernetes-id': 'billing-worker' },
    };
    billing.spec.template.metadata.labels = {
      ...billing.spec.template.metadata.labels,
      'backstage.io/kubernetes-id': 'billing-worker',
    };
    delete billing.status;
    cluster.apply(billing);
  },
  'sa-annotation-removed': changeObject(
    'v1',
    'ServiceAccount',
    'orders',
    'orders-api',
    sa => {
      delete sa.metadata.annotations['azure.workload.identity/client-id'];
    },
  ),
  'sa-deleted': demo => {
    const cluster = aksProd(demo);
    cluster.delete(
      cluster.type('v1', 'ServiceAccount'),
      'orders',
      'orders-api',
    );
    cluster.restartDeployment('orders', 'orders-api');
  },
  'pod-label-absent': changeObject(
    'apps/v1',
    'Deployment',
    'orders',
    'orders-api',
    deployment => {
      delete deployment.spec.template.metadata.labels[
        'azure.workload.identity/use'
      ];
    },
  ),
  'webhook-config-deleted': demo => {
    const cluster = aksProd(demo);
    const type = cluster.type(
      'admissionregistration.k8s.io/v1',
      'MutatingWebhookConfiguration',
    );
    for (const config of cluster.list(type, {})) {
      cluster.delete(type, undefined, config.metadata.name);
    }
    cluster.restartDeployment('orders', 'orders-api');
  },
  'role-assignment-deleted': demo => {
    for (const ra of storageAssignments(demo)) {
      demo.sandbox.azure.twin.state.deleteRoleAssignment(ra.name);
    }
  },
  'owner-on-storage-account': grantOnStorage('Owner'),
  'contributor-on-storage-account': grantOnStorage('Contributor'),
  'identity-deleted': demo => {
    const identity = wiOrders(demo);
    demo.sandbox.azure.twin.state.deleteIdentity(
      identity.subscriptionId,
      identity.resourceGroup,
      identity.name,
    );
  },
  'fic-deleted': demo => {
    const { state } = demo.sandbox.azure.twin;
    const identity = wiOrders(demo);
    const [fic] = state.listFederatedCredentials(identity);
    state.deleteFederatedCredential(identity, fic.name);
  },
  'fic-issuer-no-slash': changeCredential(fic => ({
    issuer: fic.issuer.replace(/\/$/, ''),
  })),
  'fic-subject-uppercase': changeCredential(() => ({
    subject: 'system:serviceaccount:orders:Orders-API',
  })),
  'fic-subject-ns-typo': changeCredential(() => ({
    subject: 'system:serviceaccount:order:orders-api',
  })),
  'fic-subject-sa-typo': changeCredential(() => ({
    subject: 'system:serviceaccount:orders:order-api',
  })),
  'fic-audience-wrong': changeCredential(() => ({
    audiences: ['https://kubernetes.default.svc.cluster.local'],
  })),
};

describe('catalogue scenarios staged in the twin', () => {
  let demo: DemoSandbox;
  // One configuration for every test: the portal signs in once, so a fault of Entra ID's
  // token endpoint staged by a scenario meets the workload's exchange, not the portal.
  let config: ReturnType<typeof demoPluginConfig>;

  beforeAll(async () => {
    demo = await startDemoSandbox();
    config = demoPluginConfig(demo);
  });
  afterAll(() => demo?.stop());

  /**
   * The request orders-api's chain was built from: the fixture's baseline request, with the
   * issuer and credential name of the twin's cluster (read before the scenario is staged).
   */
  function demoRequest() {
    const { state } = demo.sandbox.azure.twin;
    const identity = wiOrders(demo);
    const [fic] = state.listFederatedCredentials(identity);
    const request = baselineRequest();
    request.federatedCredential = {
      ...request.federatedCredential!,
      name: fic.name,
      issuer: fic.issuer,
    };
    return request;
  }

  async function inspectOrdersApi(
    request: ReturnType<typeof demoRequest>,
    extra: Extra = {},
  ) {
    const world = demo.sandbox.demo!.world;
    const inspector = createLiveInspector({
      config,
      clientOptions: demo.clientOptions,
      requestsOf: async () =>
        extra.noRequests ? [] : [request, ...(extra.moreRequests ?? [])],
      issuerHistory: async () =>
        extra.issuerHistory ??
        demoIssuerHistory(world, demo.sandbox.demo!.kubernetes),
      probeMinIntervalMs: 0,
    });
    const orders = world.components.find(
      d => d.component.name === 'orders-api',
    )!;
    const snapshot = await inspector.inspect({
      entityRef: 'component:default/orders-api',
      annotations: { ...orders.component.annotations, ...extra.annotations },
    });
    const result = inspect({ snapshot, rules: HEALTH_RULES, now: new Date() });
    return {
      visible: ids(result.findings.filter(f => !f.maskedBy)),
      masked: ids(result.findings.filter(f => f.maskedBy)),
    };
  }

  it('reads the baseline component as healthy', async () => {
    await demo.sandbox.demo!.reset();
    expect(await inspectOrdersApi(demoRequest())).toEqual({
      visible: [],
      masked: [],
    });
  });

  it.each(Object.keys(STAGED))('%s', async name => {
    await demo.sandbox.demo!.reset();
    const { context } = demo.sandbox.azure.twin;
    context.faults.clear();
    const realism = { ...context.realism };
    const request = demoRequest();
    const extra = STAGED[name](demo) ?? {};
    extra.request?.(request);
    const fixture = runScenario(name);
    expect(fixture.visible.length).toBeGreaterThan(0);
    try {
      expect(await inspectOrdersApi(request, extra)).toEqual({
        visible: fixture.visible,
        masked: fixture.masked,
      });
    } finally {
      Object.assign(context.realism, realism);
      context.faults.clear();
    }
  });
});
