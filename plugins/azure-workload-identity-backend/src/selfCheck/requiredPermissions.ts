import {
  GRANTS_CONFIGMAP,
  GUARDRAIL_NAMESPACE,
} from '../guardrails/guardrailNames';

/**
 * What the portal's own identity needs, by purpose: inspection alone (the card, the inventory)
 * or provisioning too (identities, federated credentials, role assignments, service accounts).
 * The deployment guide documents the same lists; the self-check reads them back.
 */
export type Purpose = 'inspection' | 'provisioning';

/** An Azure control-plane action the portal needs on a resource group. */
export interface AzureNeed {
  action: string;
  purpose: Purpose;
  /** The least built-in role that grants it, for the fix. */
  role: string;
}

const MI = 'Microsoft.ManagedIdentity/userAssignedIdentities';
const FIC = `${MI}/federatedIdentityCredentials`;

/** On the resource group that holds the user-assigned managed identities. */
export const IDENTITY_GROUP_NEEDS: AzureNeed[] = [
  { action: `${MI}/read`, purpose: 'inspection', role: 'Reader' },
  { action: `${FIC}/read`, purpose: 'inspection', role: 'Reader' },
  {
    action: 'Microsoft.Authorization/roleAssignments/read',
    purpose: 'inspection',
    role: 'Reader',
  },
  {
    action: `${MI}/write`,
    purpose: 'provisioning',
    role: 'Managed Identity Contributor',
  },
  {
    action: `${MI}/delete`,
    purpose: 'provisioning',
    role: 'Managed Identity Contributor',
  },
  {
    action: `${FIC}/write`,
    purpose: 'provisioning',
    role: 'Managed Identity Contributor',
  },
  {
    action: `${FIC}/delete`,
    purpose: 'provisioning',
    role: 'Managed Identity Contributor',
  },
  // Role assignments are made on the target resources; a subscription-wide assignment of the
  // (conditioned) RBAC Administrator role shows on this resource group too.
  {
    action: 'Microsoft.Authorization/roleAssignments/write',
    purpose: 'provisioning',
    role: 'Role Based Access Control Administrator',
  },
  {
    action: 'Microsoft.Authorization/roleAssignments/delete',
    purpose: 'provisioning',
    role: 'Role Based Access Control Administrator',
  },
];

/**
 * On the resource group of each AKS cluster: its OIDC issuer, its role assignments, and the
 * network its nodes sit in (a cluster on its own VNet usually keeps it there), which private
 * targets are reached through.
 */
export const CLUSTER_GROUP_NEEDS: AzureNeed[] = [
  {
    action: 'Microsoft.ContainerService/managedClusters/read',
    purpose: 'inspection',
    role: 'Reader',
  },
  {
    action: 'Microsoft.Network/virtualNetworks/read',
    purpose: 'inspection',
    role: 'Reader',
  },
  {
    action: 'Microsoft.Authorization/roleAssignments/read',
    purpose: 'inspection',
    role: 'Reader',
  },
];

/** A Kubernetes API permission, as a SelfSubjectAccessReview asks it. */
export interface KubernetesNeed {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  purpose: Purpose;
}

const read = (group: string, resource: string): KubernetesNeed => ({
  verb: 'list',
  group,
  resource,
  purpose: 'inspection',
});

/** The reader's credential: what the inspector lists cluster-wide, and the token probe. */
export const KUBERNETES_READER_NEEDS: KubernetesNeed[] = [
  read('', 'namespaces'),
  read('', 'pods'),
  read('', 'serviceaccounts'),
  read('', 'events'),
  read('apps', 'deployments'),
  read('apps', 'statefulsets'),
  read('apps', 'daemonsets'),
  read('batch', 'cronjobs'),
  read('discovery.k8s.io', 'endpointslices'),
  read('admissionregistration.k8s.io', 'mutatingwebhookconfigurations'),
  {
    verb: 'create',
    group: '',
    resource: 'serviceaccounts',
    subresource: 'token',
    purpose: 'inspection',
  },
];

/** The provisioner's credential: create and annotate service accounts. */
export const KUBERNETES_PROVISIONER_NEEDS: KubernetesNeed[] = [
  {
    verb: 'get',
    group: '',
    resource: 'serviceaccounts',
    purpose: 'provisioning',
  },
  {
    verb: 'create',
    group: '',
    resource: 'serviceaccounts',
    purpose: 'provisioning',
  },
  {
    verb: 'update',
    group: '',
    resource: 'serviceaccounts',
    purpose: 'provisioning',
  },
];

const ADMISSION = 'admissionregistration.k8s.io';

const guardrail = (
  verb: string,
  group: string,
  resource: string,
  where: { namespace?: string; name?: string } = {},
): KubernetesNeed => ({
  verb,
  group,
  resource,
  ...where,
  purpose: 'provisioning',
});

/**
 * The provisioner's credential where the cluster's guardrails are audit or deny: what
 * KubernetesGuardrailWriter does. RBAC cannot limit `create` by name, so it is asked without
 * one (a named question would be answered by a rule that the nameless create never matches).
 * https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources
 */
export const KUBERNETES_GUARDRAIL_NEEDS: KubernetesNeed[] = [
  ...[
    'validatingadmissionpolicies',
    'validatingadmissionpolicybindings',
  ].flatMap(resource =>
    ['get', 'list', 'create', 'update', 'delete'].map(verb =>
      guardrail(verb, ADMISSION, resource),
    ),
  ),
  guardrail('get', '', 'namespaces', { name: GUARDRAIL_NAMESPACE }),
  guardrail('create', '', 'namespaces'),
  ...['get', 'update'].map(verb =>
    guardrail(verb, '', 'configmaps', {
      namespace: GUARDRAIL_NAMESPACE,
      name: GRANTS_CONFIGMAP,
    }),
  ),
  guardrail('create', '', 'configmaps', { namespace: GUARDRAIL_NAMESPACE }),
];

/** `pods`, `deployments.apps`, `serviceaccounts/token`: as `kubectl auth can-i` names them. */
export function kubernetesResourceName(need: KubernetesNeed): string {
  const base = need.group ? `${need.resource}.${need.group}` : need.resource;
  return need.subresource ? `${base}/${need.subresource}` : base;
}

/**
 * A need as the self-check lists it: `list pods`, `get configmaps
 * azure-workload-identity-system/azure-workload-identity-grants`, `create configmaps in
 * azure-workload-identity-system`.
 */
export function kubernetesNeedName(need: KubernetesNeed): string {
  const base = `${need.verb} ${kubernetesResourceName(need)}`;
  if (need.name) {
    return `${base} ${need.namespace ? `${need.namespace}/` : ''}${need.name}`;
  }
  return need.namespace ? `${base} in ${need.namespace}` : base;
}
