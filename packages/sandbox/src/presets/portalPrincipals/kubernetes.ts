import { ClusterPrincipals, TokenUser } from '../../kubernetes/authentication';
import { KubeObject } from '../../kubernetes/types';
import { WI } from '../../kubernetes/webhook/mutation';
import { PORTAL_AZURE_PRINCIPAL } from './azure';

const READ = ['get', 'list', 'watch'];
/** The portal's grants ConfigMap, the guardrails' parameters. */
const GRANTS_CONFIGMAP = 'azure-workload-identity-grants';
const NAMESPACE = 'backstage-system';

/** What the portal's inspector reads, cluster-wide and read-only. */
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
  // The guardrails: whether they are installed and current, and what was granted.
  {
    apiGroups: ['admissionregistration.k8s.io'],
    resources: [
      'validatingadmissionpolicies',
      'validatingadmissionpolicybindings',
    ],
    verbs: READ,
  },
  {
    apiGroups: [''],
    resources: ['configmaps'],
    resourceNames: [GRANTS_CONFIGMAP],
    verbs: ['get'],
  },
];

/**
 * What the provisioner needs to keep the guardrails current: its policies and bindings,
 * the namespace of the grants and the grants ConfigMap. RBAC cannot limit `create` by
 * name (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources),
 * so creating is allowed broadly and changing only the grants.
 */
const GUARDRAIL_WRITER_RULES = [
  {
    apiGroups: ['admissionregistration.k8s.io'],
    resources: [
      'validatingadmissionpolicies',
      'validatingadmissionpolicybindings',
    ],
    verbs: ['create', 'update', 'patch', 'delete'],
  },
  {
    apiGroups: [''],
    resources: ['namespaces', 'configmaps'],
    verbs: ['create'],
  },
  {
    apiGroups: [''],
    resources: ['configmaps'],
    resourceNames: [GRANTS_CONFIGMAP],
    verbs: ['update', 'patch'],
  },
];

export const RBAC_NAMES = {
  reader: 'backstage-workload-identity-reader',
  secretsReader: 'backstage-workload-identity-secrets-reader',
  tokenProber: 'backstage-workload-identity-token-prober',
  provisioner: 'backstage-workload-identity-provisioner',
  webhookConfigReader: 'backstage-webhook-config-reader',
} as const;

const serviceAccountUser = (name: string): TokenUser['user'] => ({
  username: `system:serviceaccount:${NAMESPACE}:${name}`,
  groups: [
    'system:serviceaccounts',
    `system:serviceaccounts:${NAMESPACE}`,
    'system:authenticated',
  ],
});

/** The portal's two service accounts: the inspector's reader and the provisioner. */
export const PORTAL_KUBERNETES_USERS: TokenUser[] = [
  {
    role: 'reader',
    kubeconfigUser: 'backstage-reader',
    user: serviceAccountUser('backstage-reader'),
  },
  {
    role: 'provisioner',
    kubeconfigUser: 'backstage-provisioner',
    user: serviceAccountUser('backstage-provisioner'),
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
  name: PORTAL_AZURE_PRINCIPAL.objectId,
};

const saSubject = (name: string) => ({
  kind: 'ServiceAccount',
  name,
  namespace: NAMESPACE,
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

/**
 * RBAC is least privilege, as the plugin documents it: the reader may read workloads
 * cluster-wide, the webhook ConfigMap through a Role in kube-system, secrets only where a
 * RoleBinding to the secrets-reader ClusterRole exists (opt-in), and may request tokens
 * (the probe). The provisioner may also write service accounts.
 */
function portalObjects(): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } },
    ...PORTAL_KUBERNETES_USERS.map(u => ({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: u.kubeconfigUser, namespace: NAMESPACE },
    })),
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
      ...GUARDRAIL_WRITER_RULES,
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
  ];
}

/** The portal's service accounts and its Azure principal, as every sandbox cluster binds them. */
export const PORTAL_KUBERNETES_PRINCIPALS: ClusterPrincipals = {
  users: PORTAL_KUBERNETES_USERS,
  objects: portalObjects,
  kubernetesPluginRole: 'reader',
};
