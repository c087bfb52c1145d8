import { Link } from '@backstage-community/plugin-azure-workload-identity-common';

/**
 * The reads an inspection makes: Kubernetes (K), Azure Resource Manager (A), other (O). A rule
 * names the reads it needs, so the engine can skip it where one of them failed.
 *
 * @public
 */
export const READ_IDS = [
  'K1',
  'K2',
  'K3',
  'K4',
  'K5',
  'K6',
  'K7',
  'K8',
  'K9',
  'K10',
  'K11',
  'K12',
  'A1',
  'A2',
  'A3',
  'A4',
  'A5',
  'A6',
  'A7',
  'O1',
  'O2',
  'O3',
  'O4',
  'O5',
  'O6',
  'O7',
] as const;

/** @public */
export type ReadId = (typeof READ_IDS)[number];

/**
 * The outcome of one read. `not-found` is data (a missing service account is a finding);
 * `forbidden` and `unreachable` mean the read could not be made, so rules needing it are not
 * evaluated and their link is unknown.
 *
 * @public
 */
export type Read<T> =
  | { status: 'ok'; value: T; readAt?: string }
  | ReadFailure
  | { status: 'not-found'; reason: string; readAt?: string };

/** @public */
export interface ReadFailure {
  status: 'forbidden' | 'unreachable';
  /** The upstream's words, ≤ 200 characters, e.g. "AuthorizationFailed: The client ... ". */
  reason: string;
  /** HTTP status when there was one (401, 403, 429, 503). */
  httpStatus?: number;
  /** Upstream error code, e.g. AuthorizationFailed, ETIMEDOUT. */
  code?: string;
  readAt?: string;
}

/** @public */
export function isReadFailure<T>(read: Read<T>): read is ReadFailure {
  return read.status === 'forbidden' || read.status === 'unreachable';
}

/**
 * The value of a read that succeeded, else undefined.
 *
 * @public
 */
export function valueOf<T>(read: Read<T> | undefined): T | undefined {
  return read?.status === 'ok' ? read.value : undefined;
}

/** @public */
export interface ReadInfo {
  link: Link;
  /** What the read returns, in words, for the rule reference. */
  description: string;
  /** What the read does, for `read <operation> on <scope>` evidence. */
  operation: string;
  /** Kubernetes RBAC rule the Backstage ClusterRole needs; undefined for Azure/other reads. */
  kubernetes?: { apiGroup: string; resource: string };
}

// The link a failed read makes unknown: the link whose objects the read returns.
/** @public */
export const READS: Record<ReadId, ReadInfo> = {
  K1: {
    link: 'pod',
    description:
      "the workload's running pods: their labels, containers, variables and volumes",
    operation: 'list pods',
    kubernetes: { apiGroup: '', resource: 'pods' },
  },
  K2: {
    link: 'pod',
    description:
      'the workload and its pod template, and the other workloads of its namespace',
    operation: 'list workloads',
    kubernetes: { apiGroup: 'apps', resource: 'deployments' },
  },
  K3: {
    link: 'serviceaccount',
    description:
      "service accounts and their annotations, in the workload's namespace and the namespaces federated credentials name",
    operation: 'list serviceaccounts',
    kubernetes: { apiGroup: '', resource: 'serviceaccounts' },
  },
  K4: {
    link: 'webhook',
    description: "the cluster's mutating webhook configurations",
    operation: 'list mutatingwebhookconfigurations',
    kubernetes: {
      apiGroup: 'admissionregistration.k8s.io',
      resource: 'mutatingwebhookconfigurations',
    },
  },
  K5: {
    link: 'webhook',
    description:
      "the workload identity webhook's deployments and their ready endpoints",
    operation: 'get the webhook deployment and its endpointslices',
    kubernetes: { apiGroup: 'discovery.k8s.io', resource: 'endpointslices' },
  },
  K6: {
    link: 'webhook',
    description:
      "the webhook's configuration map, with the tenant it gives pods",
    operation: 'get configmap azure-wi-webhook-config',
    kubernetes: { apiGroup: '', resource: 'configmaps' },
  },
  K7: {
    link: 'pod',
    description: "the namespace's FailedCreate events of the last hour",
    operation: 'list events',
    kubernetes: { apiGroup: '', resource: 'events' },
  },
  K8: {
    link: 'webhook',
    description: "the cluster's namespaces and their labels",
    operation: 'list namespaces',
    kubernetes: { apiGroup: '', resource: 'namespaces' },
  },
  K9: {
    link: 'token',
    description:
      "a token for the workload's service account, for the token probe",
    operation: 'create serviceaccounts/token',
    kubernetes: { apiGroup: '', resource: 'serviceaccounts/token' },
  },
  K10: {
    link: 'pod',
    description: 'aad-pod-identity objects in the namespace',
    operation: 'list azureidentitybindings',
    kubernetes: {
      apiGroup: 'aadpodidentity.k8s.io',
      resource: 'azureidentitybindings',
    },
  },
  K11: {
    link: 'pod',
    description:
      "the key names of the namespace's Secrets (values are never kept; only with `healthRules.inspectSecrets`)",
    operation: 'list secrets',
    kubernetes: { apiGroup: '', resource: 'secrets' },
  },
  K12: {
    link: 'cluster',
    description:
      "the portal's guardrails on the cluster (its ValidatingAdmissionPolicies and their bindings, and the grants ConfigMap), beside what the portal's requests grant; only where guardrails are on",
    operation: 'list validatingadmissionpolicies and their bindings',
    kubernetes: {
      apiGroup: 'admissionregistration.k8s.io',
      resource: 'validatingadmissionpolicies',
    },
  },
  A1: {
    link: 'cluster',
    description:
      'the AKS cluster: its OIDC issuer, workload identity setting, node pools and its own identities',
    operation: 'Microsoft.ContainerService/managedClusters/read',
  },
  A2: {
    link: 'identity',
    description:
      "the workload's managed identity, and every managed identity of the configured subscriptions",
    operation: 'Microsoft.ManagedIdentity/userAssignedIdentities/read',
  },
  A3: {
    link: 'federation',
    description: "the identity's federated credentials",
    operation:
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read',
  },
  A4: {
    link: 'roleassignment',
    description:
      "the identity's role assignments, and those at or above each resource it uses",
    operation: 'Microsoft.Authorization/roleAssignments/read',
  },
  A5: {
    link: 'roleassignment',
    description:
      'the custom role definitions the assignments name (built-in roles ship with the plugin)',
    operation: 'Microsoft.Authorization/roleDefinitions/read',
  },
  A6: {
    link: 'resource',
    description: 'the resources the component uses',
    operation: '<resource type>/read',
  },
  A7: {
    link: 'resource',
    description:
      "the network between the cluster and a resource closed to the internet: private endpoints, virtual networks, private DNS zones and the cluster's outbound addresses",
    operation: 'Microsoft.Network/*/read',
  },
  O1: {
    link: 'cluster',
    description:
      "the issuer's OIDC discovery document and key set, read anonymously as Entra ID reads them",
    operation: 'GET the OIDC discovery document and JWKS',
  },
  O2: {
    link: 'token',
    description:
      'the token probe: the service account token exchanged at Entra ID, as the pod would',
    operation: 'token exchange at Entra ID',
  },
  O3: {
    link: 'roleassignment',
    description:
      "the portal's request records: the component's own, and others that use the same identity",
    operation: 'read request records',
  },
  O4: {
    link: 'pod',
    description: "the catalog entity's annotations",
    operation: 'read the catalog entity',
  },
  O5: {
    link: 'cluster',
    description: 'the issuers each cluster had before (the issuer history)',
    operation: 'read the issuer history',
  },
  O6: {
    link: 'roleassignment',
    description: 'Microsoft Graph lookups of deleted principals (not read yet)',
    operation: 'Microsoft Graph directoryObjects/getByIds',
  },
  O7: {
    link: 'pod',
    description: 'container image configuration (not read yet)',
    operation: 'read container image config',
  },
};
