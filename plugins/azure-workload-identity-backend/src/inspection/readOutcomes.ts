import { BindingView } from './derive';
import { Read, ReadId } from './reads';

/** One read as a rule depends on it: the outcome and the scope it was made on. */
export interface ScopedRead {
  read: Read<unknown>;
  scope: string;
}

/**
 * The reads behind a read id for one binding. A rule needing `A6` depends on every target's
 * GET, `A2` on every subscription of the inventory (a conclusion like "this client id exists
 * nowhere" needs all of them) and on the identity itself.
 */
export function readOutcomes(unit: BindingView, readId: ReadId): ScopedRead[] {
  const { binding, cluster, snapshot, ns } = unit;
  const k8sNs = `cluster ${cluster.name}, namespace ${ns}`;
  const k8sCluster = `cluster ${cluster.name}`;
  const armCluster = `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${cluster.name}`;
  const identityId =
    unit.identity?.id ?? unit.request?.identity.resourceId ?? 'the identity';
  switch (readId) {
    case 'K1':
      return [{ read: binding.pods, scope: k8sNs }];
    case 'K2':
      return [
        { read: binding.workload, scope: k8sNs },
        ...(binding.namespaceWorkloads
          ? [
              {
                read: binding.namespaceWorkloads as Read<unknown>,
                scope: k8sNs,
              },
            ]
          : []),
      ];
    case 'K3': {
      const read = cluster.serviceAccounts[ns];
      return read ? [{ read, scope: k8sNs }] : [];
    }
    case 'K4':
      return [{ read: cluster.webhookConfigurations, scope: k8sCluster }];
    case 'K5':
      return [{ read: cluster.webhookDeployments, scope: k8sCluster }];
    case 'K6':
      return [{ read: cluster.webhookConfigMap, scope: k8sCluster }];
    case 'K7':
      return [{ read: binding.events, scope: k8sNs }];
    case 'K8':
      return [{ read: cluster.namespaces, scope: k8sCluster }];
    case 'K9':
    case 'O2':
      return [{ read: binding.probe, scope: k8sNs }];
    case 'K10':
      return [{ read: binding.aadPodIdentity, scope: k8sNs }];
    case 'K11':
      return binding.secrets ? [{ read: binding.secrets, scope: k8sNs }] : [];
    case 'K12':
      return cluster.guardrails
        ? [{ read: cluster.guardrails.installed, scope: k8sCluster }]
        : [];
    case 'A1':
      return [{ read: cluster.managedCluster, scope: armCluster }];
    case 'A2':
      return [
        ...snapshot.identityInventory.map(s => ({
          read: s.identities as Read<unknown>,
          scope: `/subscriptions/${s.subscriptionId}`,
        })),
        { read: binding.identity, scope: identityId },
      ];
    case 'A3':
      return [
        {
          read: binding.federatedCredentials,
          scope: `${identityId}/federatedIdentityCredentials`,
        },
      ];
    case 'A4':
      return [
        {
          read: binding.roleAssignments,
          scope: `role assignments of ${identityId}`,
        },
        ...binding.targets.map(t => ({
          read: t.assignmentsAtScope as Read<unknown>,
          scope: t.resourceId,
        })),
      ];
    case 'A5':
      return [{ read: snapshot.roleDefinitions, scope: 'role definitions' }];
    case 'A6':
      return binding.targets.map(t => ({
        read: t.resource as Read<unknown>,
        scope: t.resourceId,
      }));
    case 'A7':
      return binding.targets.flatMap(t =>
        t.network
          ? [
              {
                read: t.network as Read<unknown>,
                scope: `network of ${t.resourceId}`,
              },
            ]
          : [],
      );
    case 'O1':
      return [
        {
          read: cluster.discovery,
          scope: unit.C ?? `issuer of ${cluster.name}`,
        },
      ];
    case 'O3':
      return [
        { read: snapshot.requests, scope: 'request records' },
        ...(binding.identityRequests
          ? [
              {
                read: binding.identityRequests as Read<unknown>,
                scope: `request records naming ${identityId}`,
              },
            ]
          : []),
      ];
    case 'O4':
      return [{ read: snapshot.entity, scope: snapshot.entityRef }];
    case 'O5':
      return [{ read: snapshot.issuerHistory, scope: 'issuer history' }];
    default:
      // `O6` and `O7` are optional reads the snapshot does not carry yet.
      return [];
  }
}
