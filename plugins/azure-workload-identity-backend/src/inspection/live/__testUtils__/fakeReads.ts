import { RestError } from '@azure/core-rest-pipeline';
import {
  FederatedCredential,
  ManagedCluster,
  ManagedIdentity,
  RoleAssignment,
  RoleDefinition,
  TargetResource,
} from '../../azureTypes';
import {
  ServiceAccount,
  WebhookDeployment,
  Workload,
} from '../../kubernetesTypes';
import { ArmReads, ClusterReads } from '../../ports';

/** A failure as the SDKs throw it, status kept. */
export function httpError(statusCode: number, message = `HTTP ${statusCode}`) {
  return new RestError(message, { statusCode });
}

type Failures<T> = Partial<Record<keyof T, Error>>;

/** Each call a fake answers, as `method arg…`, in order. */
export interface Recorded {
  calls: string[];
}

function matches(selector: string, labels: Record<string, string> = {}) {
  return selector
    .split(',')
    .filter(Boolean)
    .every(pair => {
      const [key, value] = pair.split('=');
      return labels[key] === value;
    });
}

/** A cluster's Kubernetes reads over fixed objects; methods in `fail` reject. */
export function fakeClusterReads(state: {
  workloads?: Workload[];
  serviceAccounts?: ServiceAccount[];
  webhookDeployments?: WebhookDeployment[];
  fail?: Failures<ClusterReads>;
}): ClusterReads & Recorded {
  const calls: string[] = [];
  const answer =
    <T>(method: keyof ClusterReads, value: () => T) =>
    async (...args: unknown[]): Promise<T> => {
      calls.push(
        [method, ...args.map(a => JSON.stringify(a))].join(' ').trim(),
      );
      const failure = state.fail?.[method];
      if (failure) throw failure;
      return value();
    };
  const inNamespace = <T extends { metadata: { namespace?: string } }>(
    items: T[] | undefined,
    namespace?: string,
  ) =>
    (items ?? []).filter(i => !namespace || i.metadata.namespace === namespace);
  return {
    calls,
    listWorkloads: (options: { namespace?: string; labelSelector: string }) =>
      answer('listWorkloads', () =>
        inNamespace(state.workloads, options.namespace).filter(w =>
          matches(options.labelSelector, w.metadata.labels),
        ),
      )(options),
    listPods: answer('listPods', () => []),
    listServiceAccounts: (namespace: string) =>
      answer('listServiceAccounts', () =>
        inNamespace(state.serviceAccounts, namespace),
      )(namespace),
    listWebhookConfigurations: answer('listWebhookConfigurations', () => []),
    listWebhookDeployments: answer(
      'listWebhookDeployments',
      () => state.webhookDeployments ?? [],
    ),
    getWebhookConfigMap: (namespace: string) =>
      answer('getWebhookConfigMap', () => ({
        metadata: { name: 'azure-wi-webhook-config', namespace },
        data: {},
      }))(namespace),
    listFailedCreateEvents: (namespace: string) =>
      answer('listFailedCreateEvents', () => [])(namespace),
    listNamespaces: answer('listNamespaces', () => []),
    listSecretKeys: answer('listSecretKeys', () => []),
    listAadPodIdentity: answer('listAadPodIdentity', () => ({
      azureIdentities: [],
      azureIdentityBindings: [],
    })),
    listPodsAllNamespaces: answer('listPodsAllNamespaces', () => []),
    listServiceAccountsAllNamespaces: answer(
      'listServiceAccountsAllNamespaces',
      () => state.serviceAccounts ?? [],
    ),
    listFailedCreateEventsAllNamespaces: answer(
      'listFailedCreateEventsAllNamespaces',
      () => [],
    ),
    listAadPodIdentityAllNamespaces: answer(
      'listAadPodIdentityAllNamespaces',
      () => ({ azureIdentities: [], azureIdentityBindings: [] }),
    ),
  };
}

/** ARM over fixed resources; an id it does not hold answers 404, as ARM does. */
export function fakeArmReads(state: {
  cluster?: ManagedCluster;
  identities?: ManagedIdentity[];
  credentials?: Record<string, FederatedCredential[]>;
  assignments?: RoleAssignment[];
  resources?: Record<string, TargetResource>;
  /** Virtual networks, private endpoints and public IPs, by id. */
  network?: Record<string, unknown>;
  fail?: Failures<ArmReads>;
}): ArmReads & Recorded {
  const calls: string[] = [];
  const answer =
    <A extends unknown[], T>(
      method: keyof ArmReads,
      value: (...a: A) => T | undefined,
    ) =>
    async (...args: A): Promise<T> => {
      calls.push(
        [method, ...args.map(a => JSON.stringify(a))].join(' ').trim(),
      );
      const failure = state.fail?.[method];
      if (failure) throw failure;
      const found = value(...args);
      if (found === undefined) throw httpError(404, 'ResourceNotFound');
      return found;
    };
  const assignments = state.assignments ?? [];
  return {
    calls,
    getManagedCluster: answer('getManagedCluster', () => state.cluster),
    listIdentities: answer('listIdentities', () => state.identities ?? []),
    getIdentity: answer('getIdentity', (id: string) =>
      state.identities?.find(i => i.id === id),
    ),
    listFederatedCredentials: answer(
      'listFederatedCredentials',
      (id: string) => state.credentials?.[id],
    ),
    listRoleAssignments: answer(
      'listRoleAssignments',
      (o: { principalId: string }) =>
        assignments.filter(a => a.properties.principalId === o.principalId),
    ),
    listAllRoleAssignments: answer('listAllRoleAssignments', () => assignments),
    listAssignmentsAtScope: answer('listAssignmentsAtScope', (scope: string) =>
      assignments.filter(a => scope.startsWith(a.properties.scope)),
    ),
    getRoleDefinition: answer(
      'getRoleDefinition',
      (): RoleDefinition | undefined => undefined,
    ),
    getResource: answer('getResource', (id: string) => state.resources?.[id]),
    getNetworkResource: answer(
      'getNetworkResource',
      (id: string) => state.network?.[id],
    ) as ArmReads['getNetworkResource'],
    listPrivateDnsZones: answer('listPrivateDnsZones', () => []),
    listZoneVirtualNetworks: answer('listZoneVirtualNetworks', () => []),
  };
}
