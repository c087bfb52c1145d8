import { BindingRule, commandFix, findingOf } from '../../inspection/rule';
import { sameGuid } from '../serviceaccount/inventory';
import { clusterIdentities } from './clusterIdentities';
import { identityGroupArgs, issuerPlaceholderNote } from '../azArgs';
import { newIdentityCommand, ROLES_AFTERWARDS } from './newIdentity';

/** The workload signs in as the cluster's own (kubelet, control-plane, add-on) identity. */
export const identityIsClusterIdentity: BindingRule = {
  id: 'identity-is-cluster-identity',
  link: 'identity',
  scope: 'binding',
  reads: ['A1', 'K3', 'A2'],
  masks: [
    'identity-shared-blast-radius',
    'resource-granted-to-kubelet-identity',
  ],
  severity: 'error',
  detects:
    "The workload signs in as one of the cluster's own identities (kubelet, control plane or an add-on), so every grant made for it is shared with the cluster and everything else it runs.",
  fix: 'Creates a dedicated identity with its federated credential by hand and points the service account at it (requesting one from the card does the same, role assignments included); the data roles given to the cluster identity for this workload are then to be removed.',
  evaluate({ unit }) {
    if (!unit.managedCluster) return [];
    const used = clusterIdentities(unit.managedCluster).find(
      c =>
        (c.clientId && sameGuid(c.clientId, unit.effClientId)) ||
        (c.resourceId &&
          unit.identity &&
          c.resourceId.toLowerCase() === unit.identity.id.toLowerCase()),
    );
    if (!used) return [];
    const component = unit.snapshot.entityRef.split('/').pop();
    return [
      findingOf(identityIsClusterIdentity, {
        severity: 'error',
        state: 'degraded',
        message: `This workload uses the ${used.kind} identity of cluster ${unit.cluster.name}. That identity belongs to the platform: every grant made for this workload is shared with the cluster and everything else it runs.`,
        evidence: {
          expected: `an identity dedicated to ${unit.snapshot.entityRef}`,
          actual: `${used.kind} identity of ${unit.cluster.name} (${used.name})`,
        },
        fix: commandFix(
          newIdentityCommand(unit, {
            name: `id-${component}`,
            where: identityGroupArgs(unit),
            federatedCredential: `${unit.ns}-${unit.sa}`,
          }),
          'component',
          {
            note: [
              "Requesting a dedicated identity from the component's card does all of this, role assignments included.",
              ROLES_AFTERWARDS,
              `Once the workload runs as the new identity, remove the data roles given to the ${used.kind} identity for this workload.`,
              issuerPlaceholderNote(unit),
            ]
              .filter(Boolean)
              .join(' '),
          },
        ),
        ref: {
          cluster: unit.cluster.name,
          kind: 'ManagedIdentity',
          name: used.name,
          id: used.resourceId?.toLowerCase(),
        },
      }),
    ];
  },
};
