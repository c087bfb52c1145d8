import { KubeObject } from './types';
import { PORTAL_OBJECT_ID } from '../azure/portalPrincipal';
import { WI } from './webhook/mutation';

const READ = ['get', 'list', 'watch'];

/** What the portal's inspector reads (health-rules §1.4, K1–K8, K10), cluster-wide and read-only. */
const READER_RULES = [
  {
    apiGroups: [''],
    resources: [
      'pods',
      'serviceaccounts',
      'namespaces',
      'events',
      'services',
      'endpoints',
    ],
    verbs: READ,
  },
  {
    apiGroups: ['apps'],
    resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'],
    verbs: READ,
  },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: READ },
  {
    apiGroups: ['discovery.k8s.io'],
    resources: ['endpointslices'],
    verbs: READ,
  },
  {
    apiGroups: ['admissionregistration.k8s.io'],
    resources: ['mutatingwebhookconfigurations'],
    verbs: READ,
  },
  {
    apiGroups: ['aadpodidentity.k8s.io'],
    resources: ['azureidentities', 'azureidentitybindings'],
    verbs: READ,
  },
];

const clusterRole = (name: string, rules: unknown[]): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: {
    name,
    labels: { 'app.kubernetes.io/part-of': 'backstage-sandbox' },
  },
  rules,
});

/** The portal principal as AKS with Entra ID integration names it: a User by object id. */
const portalSubject = {
  kind: 'User',
  apiGroup: 'rbac.authorization.k8s.io',
  name: PORTAL_OBJECT_ID,
};

const saSubject = (name: string) => ({
  kind: 'ServiceAccount',
  name,
  namespace: 'backstage-system',
});

const clusterBinding = (
  name: string,
  role: string,
  subjects: unknown[],
): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name },
  roleRef: {
    apiGroup: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    name: role,
  },
  subjects,
});

export const RBAC_NAMES = {
  reader: 'backstage-workload-identity-reader',
  secretsReader: 'backstage-workload-identity-secrets-reader',
  tokenProber: 'backstage-workload-identity-token-prober',
  provisioner: 'backstage-workload-identity-provisioner',
  webhookConfigReader: 'backstage-webhook-config-reader',
} as const;

/**
 * A fresh AKS cluster with the workload identity add-on: system namespaces,
 * the portal's two service accounts and their RBAC, and the webhook
 * (configuration, Deployment, Service, ConfigMap) in kube-system.
 *
 * RBAC is least privilege, as the plugin documents it: the reader may read
 * workloads cluster-wide, the webhook ConfigMap through a Role in
 * kube-system, secrets only where a RoleBinding to the secrets-reader
 * ClusterRole exists (opt-in K11), and may request tokens (the probe, K9).
 */
export function bootstrapObjects(options: {
  tenantId: string;
  authorityHost: string;
  webhook: boolean;
}): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const name of [
    'default',
    'kube-system',
    'kube-public',
    'kube-node-lease',
    'backstage-system',
  ])
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  for (const name of ['backstage-reader', 'backstage-provisioner'])
    objects.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name, namespace: 'backstage-system' },
    });
  objects.push(
    clusterRole('cluster-admin', [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ]),
    clusterRole(RBAC_NAMES.reader, READER_RULES),
    clusterRole(RBAC_NAMES.secretsReader, [
      { apiGroups: [''], resources: ['secrets'], verbs: READ },
    ]),
    clusterRole(RBAC_NAMES.tokenProber, [
      {
        apiGroups: [''],
        resources: ['serviceaccounts/token'],
        verbs: ['create'],
      },
    ]),
    clusterRole(RBAC_NAMES.provisioner, [
      ...READER_RULES,
      {
        apiGroups: [''],
        resources: ['serviceaccounts'],
        verbs: ['create', 'update', 'patch', 'delete'],
      },
      {
        apiGroups: [''],
        resources: ['serviceaccounts/token'],
        verbs: ['create'],
      },
    ]),
    clusterBinding(RBAC_NAMES.reader, RBAC_NAMES.reader, [
      saSubject('backstage-reader'),
      portalSubject,
    ]),
    clusterBinding(RBAC_NAMES.tokenProber, RBAC_NAMES.tokenProber, [
      saSubject('backstage-reader'),
      portalSubject,
    ]),
    clusterBinding(RBAC_NAMES.provisioner, RBAC_NAMES.provisioner, [
      saSubject('backstage-provisioner'),
      portalSubject,
    ]),
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: {
        name: RBAC_NAMES.webhookConfigReader,
        namespace: 'kube-system',
      },
      rules: [
        {
          apiGroups: [''],
          resources: ['configmaps'],
          resourceNames: [WI.configMapName],
          verbs: ['get'],
        },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: {
        name: RBAC_NAMES.webhookConfigReader,
        namespace: 'kube-system',
      },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: RBAC_NAMES.webhookConfigReader,
      },
      subjects: [
        saSubject('backstage-reader'),
        saSubject('backstage-provisioner'),
        portalSubject,
      ],
    },
  );
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
