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
    operation: 'list pods',
    kubernetes: { apiGroup: '', resource: 'pods' },
  },
  K2: {
    link: 'pod',
    operation: 'list workloads',
    kubernetes: { apiGroup: 'apps', resource: 'deployments' },
  },
  K3: {
    link: 'serviceaccount',
    operation: 'list serviceaccounts',
    kubernetes: { apiGroup: '', resource: 'serviceaccounts' },
  },
  K4: {
    link: 'webhook',
    operation: 'list mutatingwebhookconfigurations',
    kubernetes: {
      apiGroup: 'admissionregistration.k8s.io',
      resource: 'mutatingwebhookconfigurations',
    },
  },
  K5: {
    link: 'webhook',
    operation: 'get the webhook deployment and its endpointslices',
    kubernetes: { apiGroup: 'discovery.k8s.io', resource: 'endpointslices' },
  },
  K6: {
    link: 'webhook',
    operation: 'get configmap azure-wi-webhook-config',
    kubernetes: { apiGroup: '', resource: 'configmaps' },
  },
  K7: {
    link: 'pod',
    operation: 'list events',
    kubernetes: { apiGroup: '', resource: 'events' },
  },
  K8: {
    link: 'webhook',
    operation: 'list namespaces',
    kubernetes: { apiGroup: '', resource: 'namespaces' },
  },
  K9: {
    link: 'token',
    operation: 'create serviceaccounts/token',
    kubernetes: { apiGroup: '', resource: 'serviceaccounts/token' },
  },
  K10: {
    link: 'pod',
    operation: 'list azureidentitybindings',
    kubernetes: {
      apiGroup: 'aadpodidentity.k8s.io',
      resource: 'azureidentitybindings',
    },
  },
  K11: {
    link: 'pod',
    operation: 'list secrets',
    kubernetes: { apiGroup: '', resource: 'secrets' },
  },
  A1: {
    link: 'cluster',
    operation: 'Microsoft.ContainerService/managedClusters/read',
  },
  A2: {
    link: 'identity',
    operation: 'Microsoft.ManagedIdentity/userAssignedIdentities/read',
  },
  A3: {
    link: 'federation',
    operation:
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read',
  },
  A4: {
    link: 'roleassignment',
    operation: 'Microsoft.Authorization/roleAssignments/read',
  },
  A5: {
    link: 'roleassignment',
    operation: 'Microsoft.Authorization/roleDefinitions/read',
  },
  A6: { link: 'resource', operation: '<resource type>/read' },
  A7: { link: 'resource', operation: 'Microsoft.Network/*/read' },
  O1: {
    link: 'cluster',
    operation: 'GET the OIDC discovery document and JWKS',
  },
  O2: { link: 'token', operation: 'token exchange at Entra ID' },
  O3: { link: 'roleassignment', operation: 'read request records' },
  O4: { link: 'pod', operation: 'read the catalog entity' },
  O5: { link: 'cluster', operation: 'read the issuer history' },
  O6: {
    link: 'roleassignment',
    operation: 'Microsoft Graph directoryObjects/getByIds',
  },
  O7: { link: 'pod', operation: 'read container image config' },
};
