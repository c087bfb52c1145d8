import { applySeed, BASELINE } from 'sandbox';
import { ENTITY_ANNOTATIONS } from '../derive';
import { baselineRequest } from './baselineBinding';
import {
  DAY,
  KUBELET,
  ORDERS_DATA,
  ORDERS_VAULT,
  ORPHAN_PRINCIPAL,
  RG_APPS,
  USE_LABEL,
  addCredential,
  addEnv,
  armDenies,
  aksProd,
  annotateServiceAccount,
  changeCredential,
  changeManagedCluster,
  changeObject,
  changeResource,
  changeTemplate,
  changeWebhook,
  deleteWebhook,
  entraFails,
  grantOnStorage,
  grantSecretReads,
  hideCredentials,
  justWritten,
  moreNamespaces,
  replaceRole,
  storageAssignments,
  vaultBehindEndpoint,
  wiOrders,
  Staging,
} from './twinStaging';

/** A broken credential that only the token probe can reveal: ARM hides the list too. */
function hidden(scenario: string): Staging {
  return demo => {
    // Runs after the map below exists: it names the visible scenario it hides.
    // eslint-disable-next-line @typescript-eslint/no-use-before-define
    TWIN_SCENARIOS[scenario](demo);
    hideCredentials(demo);
  };
}

/**
 * Scenarios of `SCENARIOS` by name, each as the change it names to the demo
 * world's twin, on the baseline component orders-api.
 */
export const TWIN_SCENARIOS: Record<string, Staging> = {
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
  'private-dns-not-linked': vaultBehindEndpoint({ zoneLinked: false }),
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
  'probe-disabled': () => ({
    config: config => ({
      ...config,
      clusters: config.clusters.map(c =>
        c.name === 'aks-prod' ? { ...c, probeEnabled: false } : c,
      ),
    }),
  }),
  // A policy engine admitting pods after the webhook drops the token volume it added.
  'token-volume-stripped': demo => {
    const cluster = aksProd(demo);
    cluster.faults.addWebhookFault({
      mode: 'strip-token-volume',
      namespace: 'orders',
    });
    cluster.restartDeployment('orders', 'orders-api');
  },
  // Half-way out of aad-pod-identity: its binding and pod label are still there.
  'aad-pod-identity-binding-left': demo => {
    const cluster = aksProd(demo);
    cluster.installAadPodIdentity();
    cluster.apply({
      apiVersion: 'aadpodidentity.k8s.io/v1',
      kind: 'AzureIdentity',
      metadata: { name: 'orders-api-identity', namespace: 'orders' },
      spec: { type: 0, clientID: 'aaaa0000-0000-0000-0000-00000000aaaa' },
    });
    cluster.apply({
      apiVersion: 'aadpodidentity.k8s.io/v1',
      kind: 'AzureIdentityBinding',
      metadata: { name: 'orders-api-binding', namespace: 'orders' },
      spec: { azureIdentity: 'orders-api-identity', selector: 'orders-api' },
    });
    changeTemplate(template => {
      template.metadata.labels.aadpodidbinding = 'orders-api';
    })(demo);
  },
  // The service principal's secret from before the move, which nothing mounts any more; the
  // platform opted in to secret reads and granted them in the namespace.
  'leftover-sp-secret': demo => {
    const cluster = aksProd(demo);
    cluster.apply({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'orders-sp', namespace: 'orders' },
      type: 'Opaque',
      stringData: {
        'client-id': '5f5f5f5f-0000-0000-0000-00000000005f',
        'client-secret': 'not-a-real-secret',
      },
    });
    grantSecretReads(demo, 'orders');
    return { healthRules: { inspectSecrets: true } };
  },
  // aks-dev, also configured, has the namespace and service account but no workload; the
  // credential trusts its issuer instead of aks-prod's.
  'fic-issuer-other-cluster': demo => {
    const other = demo.sandbox.demo!.kubernetes.cluster('aks-dev');
    other.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'orders' },
    });
    other.apply({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'orders-api', namespace: 'orders' },
    });
    changeCredential(() => ({ issuer: other.issuer.url }))(demo);
  },
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
  'fics-hidden-none-exist': hidden('fic-deleted'),
  'fics-hidden-issuer-no-slash': hidden('fic-issuer-no-slash'),
  'fics-hidden-audience-wrong': hidden('fic-audience-wrong'),
  'fics-hidden-subject-typo': hidden('fic-subject-sa-typo'),
  'fics-hidden-subject-case': hidden('fic-subject-uppercase'),
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
  // A second tenant that exists in the twin, where wi-orders does not.
  'tenant-id-wrong': annotateServiceAccount(
    'azure.workload.identity/tenant-id',
    BASELINE.otherTenantId,
    true,
  ),
  // A tenant that exists nowhere, and ARM hides the identity from the portal.
  'tenant-wrong-identity-hidden': demo => {
    TWIN_SCENARIOS['tenant-id-nonexistent'](demo);
    armDenies(
      demo,
      'userAssignedIdentities',
      'Microsoft.ManagedIdentity/userAssignedIdentities/read',
    );
  },
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
