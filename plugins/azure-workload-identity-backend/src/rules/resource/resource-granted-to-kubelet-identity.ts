import { valueOf } from '../../inspection/reads';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';
import { sameGuid } from '../serviceaccount/inventory';
import { clusterIdentities } from '../identity/clusterIdentities';
import { roleAssignmentDelete, roleName } from '../roleassignment/assignments';
import { roleOf } from '../roleassignment/roleAccess';
import { resourceGroupArgs } from '../azArgs';

/** A target of the component also grants data access to one of the cluster's own identities. */
export const resourceGrantedToKubeletIdentity: BindingRule = {
  id: 'resource-granted-to-kubelet-identity',
  link: 'resource',
  scope: 'binding',
  reads: ['A1', 'A4', 'A6'],
  masks: [],
  severity: 'warning',
  detects:
    "A resource the component uses also grants a data role or an access policy to one of the cluster's own identities (kubelet, control plane or an add-on): any pod that can reach the node's metadata endpoint can use it.",
  fix: 'Deletes that role assignment or access policy. A platform task, since the cluster itself may rely on it.',
  evaluate({ unit }) {
    if (!unit.managedCluster) return [];
    const platform = clusterIdentities(unit.managedCluster);
    const findings = [];
    for (const target of unit.binding.targets) {
      const grants = [
        ...(valueOf(target.assignmentsAtScope) ?? [])
          .filter(
            a =>
              (roleOf(unit, a.properties.roleDefinitionId)?.dataActions ?? [])
                .length > 0,
          )
          .map(a => ({
            principal: a.properties.principalId,
            what: roleName(unit, a),
            fix: roleAssignmentDelete(a.id),
            id: a.id,
          })),
        ...(valueOf(target.resource)?.properties.accessPolicies ?? []).map(
          p => ({
            principal: p.objectId,
            what: 'an access policy',
            fix: `az keyvault delete-policy --name ${
              valueOf(target.resource)!.name
            } ${resourceGroupArgs(target.resourceId)} --object-id ${
              p.objectId
            }`,
            id: `${target.resourceId}/accessPolicies/${p.objectId}`,
          }),
        ),
      ];
      for (const grant of grants) {
        const owner = platform.find(i =>
          sameGuid(i.principalId, grant.principal),
        );
        if (!owner) continue;
        findings.push(
          findingOf(resourceGrantedToKubeletIdentity, {
            severity: 'warning',
            state: 'degraded',
            message: `${target.resourceId} also grants ${grant.what} to the ${owner.kind} identity of ${unit.cluster.name}. Any pod that can reach the node's metadata endpoint can use it, and a workload without AZURE_CLIENT_ID may silently fall back to it through ManagedIdentityCredential (unverified: fallback behaviour per SDK).`,
            evidence: {
              expected: `no cluster identity on ${target.resourceId}`,
              actual: `${grant.what} for ${owner.kind} identity ${owner.name} (${grant.principal})`,
            },
            // Only the platform may remove it: the cluster itself may rely on the grant.
            fix: commandFix(grant.fix, 'platform'),
            ref: refs.azure(grant.id, 'RoleAssignment'),
          }),
        );
      }
    }
    return findings;
  },
};
