import { ClusterSnapshot } from '../snapshot';
import { W } from './world';

export const WEBHOOK_NAME = 'mutation.azure-workload-identity.io';

/** `aks-prod` of the baseline world: OIDC issuer and workload identity on, add-on webhook v1.6 healthy. */
export function baselineCluster(): ClusterSnapshot {
  const ns = (name: string) => ({
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
  });
  return {
    name: 'aks-prod',
    subscriptionId: W.sub,
    resourceGroup: 'rg-aks',
    managedCluster: {
      status: 'ok',
      value: {
        id: W.clusterId,
        name: 'aks-prod',
        location: 'eastus',
        identity: {
          type: 'SystemAssigned',
          principalId: 'aaaaaaaa-0000-0000-0000-000000000001',
        },
        properties: {
          oidcIssuerProfile: { enabled: true, issuerURL: W.issuer },
          securityProfile: { workloadIdentity: { enabled: true } },
          identityProfile: { kubeletidentity: { ...W.kubelet } },
          agentPoolProfiles: [
            { name: 'nodepool1', vnetSubnetID: W.nodeSubnet },
          ],
        },
      },
    },
    discovery: {
      status: 'ok',
      value: {
        httpStatus: 200,
        document: { issuer: W.issuer, jwks_uri: `${W.issuer}openid/v1/jwks` },
        jwks: {
          httpStatus: 200,
          keys: [{ kid: 'k1', kty: 'RSA', alg: 'RS256' }],
        },
      },
    },
    webhookConfigurations: {
      status: 'ok',
      value: [
        {
          metadata: { name: 'azure-wi-webhook-mutating-webhook-configuration' },
          webhooks: [
            {
              name: WEBHOOK_NAME,
              failurePolicy: 'Fail',
              objectSelector: {
                matchLabels: { 'azure.workload.identity/use': 'true' },
              },
              clientConfig: {
                service: {
                  name: 'azure-wi-webhook-webhook-service',
                  namespace: 'kube-system',
                },
                caBundle: 'present',
              },
            },
          ],
        },
      ],
    },
    webhookDeployments: {
      status: 'ok',
      value: [
        {
          metadata: {
            name: 'azure-wi-webhook-controller-manager',
            namespace: 'kube-system',
            labels: { 'azure-workload-identity.io/system': 'true' },
          },
          image:
            'mcr.microsoft.com/oss/v2/azure/workload-identity/webhook:v1.6.0',
          replicas: 2,
          availableReplicas: 2,
          readyEndpoints: 2,
        },
      ],
    },
    webhookConfigMap: {
      status: 'ok',
      value: {
        metadata: { name: 'azure-wi-webhook-config', namespace: 'kube-system' },
        data: {
          AZURE_TENANT_ID: W.tenant,
          AZURE_ENVIRONMENT: 'AzurePublicCloud',
        },
      },
    },
    namespaces: {
      status: 'ok',
      value: [ns('default'), ns('kube-system'), ns('orders')],
    },
    serviceAccounts: {
      orders: {
        status: 'ok',
        value: [
          { metadata: { name: 'default', namespace: 'orders' } },
          {
            metadata: {
              name: 'orders-api',
              namespace: 'orders',
              creationTimestamp: '2026-05-30T10:00:00Z',
              annotations: { 'azure.workload.identity/client-id': W.clientId },
            },
          },
        ],
      },
    },
    probeEnabled: true,
  };
}
