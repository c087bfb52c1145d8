import { ClusterPrincipals } from './authentication';
import { KubeObject } from './types';
import { WI } from './webhook/mutation';

/**
 * A fresh AKS cluster: the system namespaces, the `cluster-admin` ClusterRole, what the
 * cluster's principals need (their namespaces, service accounts and RBAC), and, when the
 * add-on is on, the workload identity webhook (configuration, Deployment, Service,
 * ConfigMap) in kube-system.
 */
export function bootstrapObjects(options: {
  tenantId: string;
  authorityHost: string;
  webhook: boolean;
  principals: ClusterPrincipals;
}): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const name of [
    'default',
    'kube-system',
    'kube-public',
    'kube-node-lease',
  ])
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  objects.push({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name: 'cluster-admin',
      labels: { 'app.kubernetes.io/part-of': 'backstage-sandbox' },
    },
    rules: [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ],
  });
  objects.push(...options.principals.objects());
  if (options.webhook) objects.push(...workloadIdentityWebhook(options));
  return objects;
}

/** The AKS workload identity add-on (webhook v1.6) as it appears in kube-system. */
export function workloadIdentityWebhook(options: {
  tenantId: string;
  authorityHost: string;
  namespace?: string;
  image?: string;
}): KubeObject[] {
  const namespace = options.namespace ?? 'kube-system';
  const labels = { 'azure-workload-identity.io/system': 'true' };
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: WI.configMapName, namespace, labels },
      data: {
        AZURE_ENVIRONMENT: 'AzurePublicCloud',
        AZURE_TENANT_ID: options.tenantId,
        AZURE_AUTHORITY_HOST: options.authorityHost,
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: WI.deploymentName, namespace, labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'manager',
                image:
                  options.image ??
                  'mcr.microsoft.com/oss/v2/azure/workload-identity/webhook:v1.6.0',
                args: ['--log-level=info', '--metrics-addr=:8095'],
                envFrom: [{ configMapRef: { name: WI.configMapName } }],
                ports: [
                  {
                    containerPort: 9443,
                    name: 'webhook-server',
                    protocol: 'TCP',
                  },
                ],
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: WI.serviceName, namespace, labels },
      spec: {
        clusterIP: '10.0.143.21',
        ports: [{ port: 443, targetPort: 9443 }],
        selector: labels,
      },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: WI.configName, labels },
      webhooks: [
        {
          name: WI.webhookName,
          admissionReviewVersions: ['v1', 'v1beta1'],
          clientConfig: {
            service: {
              name: WI.serviceName,
              namespace,
              path: '/mutate-v1-pod',
              port: 443,
            },
            caBundle: Buffer.from(
              '-----BEGIN CERTIFICATE-----\n(webhook serving CA)\n-----END CERTIFICATE-----\n',
            ).toString('base64'),
          },
          failurePolicy: 'Fail',
          matchPolicy: 'Equivalent',
          namespaceSelector: {},
          objectSelector: { matchLabels: { [WI.useLabel]: 'true' } },
          reinvocationPolicy: 'IfNeeded',
          rules: [
            {
              apiGroups: [''],
              apiVersions: ['v1'],
              operations: ['CREATE'],
              resources: ['pods'],
              scope: '*',
            },
          ],
          sideEffects: 'None',
          timeoutSeconds: 10,
        },
      ],
    },
  ];
}
