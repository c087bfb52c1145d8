import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const requestAccessExamples: TemplateExample[] = [
  {
    description:
      'Read blobs of one storage account and the secrets of one Key Vault',
    example: yaml.stringify({
      steps: [
        {
          id: 'request',
          action: 'azure:workload-identity:request',
          name: 'Request Azure access',
          input: {
            entityRef: 'component:default/orders-api',
            cluster: 'aks-prod',
            namespace: 'orders',
            serviceAccountName: 'orders-api',
            resources: [
              {
                resourceId:
                  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.Storage/storageAccounts/ordersdata',
                intent: 'read',
              },
              {
                resourceId:
                  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-orders',
                intent: 'read',
              },
            ],
          },
        },
      ],
    }),
  },
];
