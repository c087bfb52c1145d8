import { BASELINE } from 'sandbox';
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

const sub = BASELINE.subscriptionId;
const rgApps = `/subscriptions/${sub}/resourceGroups/rg-apps`;

/**
 * The baseline world: the sandbox's `BASELINE`, which the demo twin seeds for orders-api on
 * aks-prod. Snapshot fixtures and twin stagings name the same ids, so a scenario means one
 * thing on both sides.
 */
export const W = {
  tenant: BASELINE.tenantId,
  sub,
  issuer: BASELINE.aksIssuerUrl,
  issuerGuid: BASELINE.aksIssuerGuid,
  clusterId: `/subscriptions/${sub}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod`,
  kubelet: {
    ...BASELINE.kubelet,
    resourceId: `/subscriptions/${sub}/resourceGroups/MC_rg-aks_aks-prod_eastus/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-prod-agentpool`,
  },
  nodeSubnet: `/subscriptions/${sub}/resourceGroups/rg-aks/providers/Microsoft.Network/virtualNetworks/vnet-aks/subnets/nodes`,
  rgApps,
  identityId: `${rgApps}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${BASELINE.identity.name}`,
  clientId: BASELINE.identity.clientId,
  principalId: BASELINE.identity.principalId,
  storageId: `${rgApps}/providers/Microsoft.Storage/storageAccounts/${BASELINE.storageAccount}`,
  vaultId: `${rgApps}/providers/Microsoft.KeyVault/vaults/${BASELINE.keyVault}`,
  blobReader: roleDefinitionId(sub, 'Storage Blob Data Reader'),
  secretsUser: roleDefinitionId(sub, 'Key Vault Secrets User'),
  roleDefinitionId: (name: string) => roleDefinitionId(sub, name),
  tokenFile: '/var/run/secrets/azure/wi/token/azure-identity-token',
} as const;

/** Principal of `wi-orders-v1`, the identity `orders-api` used before (deleted since). */
export const ORPHAN_PRINCIPAL = '5e5e5e5e-0000-0000-0000-00000000005e';

export const USE_LABEL = { 'azure.workload.identity/use': 'true' };

export function baselineTemplate(): PodTemplate {
  return {
    metadata: {
      labels: {
        app: 'orders-api',
        'backstage.io/kubernetes-id': 'orders-api',
        ...USE_LABEL,
      },
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
