/**
 * The resource types the twin serves, as discovery advertises them. Adding a
 * plain stored type is one entry here; behaviour (controllers, admission)
 * lives elsewhere and keys on `kind`.
 */
export interface ResourceType {
  group: string;
  version: string;
  /** Plural, as in URLs. */
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  /** Subresources served, e.g. `token` on serviceaccounts. */
  subresources?: Array<{
    name: string;
    kind: string;
    group?: string;
    version?: string;
    verbs: string[];
  }>;
}

const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

const t = (
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType => ({
  group,
  version,
  resource,
  kind,
  singular: kind.toLowerCase(),
  namespaced,
  verbs: ALL_VERBS,
  ...extra,
});

export const CORE_RESOURCES: ResourceType[] = [
  t('', 'v1', 'namespaces', 'Namespace', false, {
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  }),
  t('', 'v1', 'serviceaccounts', 'ServiceAccount', true, {
    shortNames: ['sa'],
    subresources: [
      {
        name: 'token',
        kind: 'TokenRequest',
        group: 'authentication.k8s.io',
        version: 'v1',
        verbs: ['create'],
      },
    ],
  }),
  t('', 'v1', 'pods', 'Pod', true, { shortNames: ['po'], categories: ['all'] }),
  t('', 'v1', 'secrets', 'Secret', true),
  t('', 'v1', 'configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
  t('', 'v1', 'services', 'Service', true, {
    shortNames: ['svc'],
    categories: ['all'],
  }),
  t('', 'v1', 'events', 'Event', true, { shortNames: ['ev'] }),
  t('apps', 'v1', 'deployments', 'Deployment', true, {
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: [
      {
        name: 'scale',
        kind: 'Scale',
        group: 'autoscaling',
        version: 'v1',
        verbs: ['get', 'patch', 'update'],
      },
    ],
  }),
  t('apps', 'v1', 'replicasets', 'ReplicaSet', true, {
    shortNames: ['rs'],
    categories: ['all'],
  }),
  t('apps', 'v1', 'statefulsets', 'StatefulSet', true, {
    shortNames: ['sts'],
    categories: ['all'],
  }),
  t('apps', 'v1', 'daemonsets', 'DaemonSet', true, {
    shortNames: ['ds'],
    categories: ['all'],
  }),
  t('batch', 'v1', 'jobs', 'Job', true, { categories: ['all'] }),
  t('batch', 'v1', 'cronjobs', 'CronJob', true, {
    shortNames: ['cj'],
    categories: ['all'],
  }),
  t('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true),
  t(
    'admissionregistration.k8s.io',
    'v1',
    'mutatingwebhookconfigurations',
    'MutatingWebhookConfiguration',
    false,
    { categories: ['api-extensions'] },
  ),
  t(
    'admissionregistration.k8s.io',
    'v1',
    'validatingwebhookconfigurations',
    'ValidatingWebhookConfiguration',
    false,
    { categories: ['api-extensions'] },
  ),
  // GA in Kubernetes 1.30; the status subresource (type checking) is not served.
  t(
    'admissionregistration.k8s.io',
    'v1',
    'validatingadmissionpolicies',
    'ValidatingAdmissionPolicy',
    false,
    { categories: ['api-extensions'] },
  ),
  t(
    'admissionregistration.k8s.io',
    'v1',
    'validatingadmissionpolicybindings',
    'ValidatingAdmissionPolicyBinding',
    false,
    { categories: ['api-extensions'] },
  ),
  t('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  t(
    'rbac.authorization.k8s.io',
    'v1',
    'clusterrolebindings',
    'ClusterRoleBinding',
    false,
  ),
  t('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true),
  t('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true),
  t(
    'authorization.k8s.io',
    'v1',
    'selfsubjectaccessreviews',
    'SelfSubjectAccessReview',
    false,
    { verbs: ['create'] },
  ),
  t(
    'authentication.k8s.io',
    'v1',
    'selfsubjectreviews',
    'SelfSubjectReview',
    false,
    { verbs: ['create'] },
  ),
];

/** aad-pod-identity's CRDs, served only on clusters that still have it installed. */
export const AAD_POD_IDENTITY_RESOURCES: ResourceType[] = [
  t('aadpodidentity.k8s.io', 'v1', 'azureidentities', 'AzureIdentity', true),
  t(
    'aadpodidentity.k8s.io',
    'v1',
    'azureidentitybindings',
    'AzureIdentityBinding',
    true,
  ),
];

/** Lookup by group + plural, by kind, and the groups in discovery order. */
export class ResourceCatalog {
  constructor(readonly types: ResourceType[]) {}

  find(
    group: string,
    version: string,
    resource: string,
  ): ResourceType | undefined {
    return this.types.find(
      r =>
        r.group === group && r.version === version && r.resource === resource,
    );
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    const [group, version] = apiVersion.includes('/')
      ? apiVersion.split('/')
      : ['', apiVersion];
    return this.types.find(
      r => r.group === group && r.version === version && r.kind === kind,
    );
  }

  groups(): Array<{ group: string; version: string }> {
    const seen = new Map<string, { group: string; version: string }>();
    for (const r of this.types)
      if (r.group && !seen.has(r.group))
        seen.set(r.group, { group: r.group, version: r.version });
    return [...seen.values()];
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.types.filter(r => r.group === group && r.version === version);
  }
}

export function apiVersionOf(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}
