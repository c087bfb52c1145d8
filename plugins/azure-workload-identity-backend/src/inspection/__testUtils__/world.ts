import { findBuiltinRole } from '@backstage-community/plugin-azure-workload-identity-common';
import { Pod, PodTemplate } from '../kubernetesTypes';

/** Fixed "now" of every scenario. */
export const NOW = new Date('2026-06-01T10:00:00Z');
const ago = (hours: number) =>
  new Date(NOW.getTime() - hours * 3600_000).toISOString();
export const ONE_DAY_AGO = ago(24);

const roleId = (name: string) => findBuiltinRole(name)!.id;
const roleDefinitionId = (sub: string, name: string) =>
  `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${roleId(
    name,
  )}`;

export const W = {
  tenant: '72f988bf-0000-0000-0000-000000000001',
  sub: '00000000-0000-0000-0000-000000000001',
  issuer:
    'https://oidc.prod-aks.azure.com/72f988bf-0000-0000-0000-000000000001/11111111-2222-3333-4444-555555555555/',
  clusterId:
    '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod',
  kubelet: {
    clientId: 'c0c0c0c0-0000-0000-0000-00000000c0c0',
    objectId: '0b0b0b0b-0000-0000-0000-00000000b0b0',
    resourceId:
      '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/MC_rg-aks_aks-prod_eastus/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-prod-agentpool',
  },
  nodeSubnet:
    '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.Network/virtualNetworks/vnet-aks/subnets/nodes',
  identityId:
    '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.ManagedIdentity/userAssignedIdentities/wi-orders',
  clientId: '4024ab25-56a8-4370-aea6-6389221caf29',
  principalId: '25cc773c-7f05-40fc-a104-32d2300754ad',
  storageId:
    '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata',
  vaultId:
    '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-orders',
  blobReader: roleDefinitionId(
    '00000000-0000-0000-0000-000000000001',
    'Storage Blob Data Reader',
  ),
  secretsUser: roleDefinitionId(
    '00000000-0000-0000-0000-000000000001',
    'Key Vault Secrets User',
  ),
  roleDefinitionId: (name: string) =>
    roleDefinitionId('00000000-0000-0000-0000-000000000001', name),
  tokenFile: '/var/run/secrets/azure/wi/token/azure-identity-token',
} as const;

export const USE_LABEL = { 'azure.workload.identity/use': 'true' };

export function baselineTemplate(): PodTemplate {
  return {
    metadata: {
      labels: { 'backstage.io/kubernetes-id': 'orders-api', ...USE_LABEL },
    },
    spec: {
      serviceAccountName: 'orders-api',
      containers: [{ name: 'app', image: 'acr.example.io/orders-api:1.4.2' }],
    },
  };
}

/** A pod as webhook v1.6 mutates the template: env in every container, one projected token. */
export function mutatedPod(name: string, template = baselineTemplate()): Pod {
  const volume = 'azure-workload-identity-reserved-4f1a2b';
  const spec = structuredClone(template.spec);
  spec.volumes = [
    ...(spec.volumes ?? []),
    {
      name: volume,
      projected: {
        sources: [
          {
            serviceAccountToken: {
              audience: 'api://AzureADTokenExchange',
              expirationSeconds: 3600,
              path: 'token/azure-identity-token',
            },
          },
        ],
      },
    },
  ];
  for (const c of spec.containers) {
    const injected = [
      { name: 'AZURE_CLIENT_ID', value: W.clientId },
      { name: 'AZURE_TENANT_ID', value: W.tenant },
      { name: 'AZURE_FEDERATED_TOKEN_FILE', value: W.tokenFile },
      {
        name: 'AZURE_AUTHORITY_HOST',
        value: 'https://login.microsoftonline.com/',
      },
    ].filter(e => !c.env?.some(existing => existing.name === e.name));
    c.env = [...(c.env ?? []), ...injected];
    c.volumeMounts = [
      ...(c.volumeMounts ?? []),
      { name: volume, mountPath: '/var/run/secrets/azure/wi' },
    ];
  }
  return {
    metadata: {
      name,
      namespace: 'orders',
      labels: { ...template.metadata.labels },
      annotations: { ...template.metadata.annotations },
      creationTimestamp: ONE_DAY_AGO,
    },
    spec,
    status: { phase: 'Running' },
  };
}
