import {
  AccessRequestSpec,
  findBuiltinRole,
  parseResourceId,
} from '@backstage-community/plugin-azure-workload-identity-common';
import { OtherOwnersPolicy } from '../config/readConfig';
import { ApprovalReason, PlanRefusal } from '../planning/Plan';
import { IdentityTarget } from '../planning/readPreflight';
import { ComponentFacts } from './ComponentDirectory';
import { OwnershipFacts } from './readOwnershipFacts';
import { OWNERSHIP_MARKS, parseOwnerRefs } from './ownershipMarks';

const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

/**
 * The trust model's decisions on one plan, from facts already read: what refuses the plan
 * outright and what sends it to a person. Ownership is what the catalog, the cluster and
 * Azure record — never what the request says.
 */
export function judgeOwnership(options: {
  spec: AccessRequestSpec;
  component: ComponentFacts;
  facts: OwnershipFacts;
  identity: IdentityTarget;
  policy: OtherOwnersPolicy;
}): { refusals: PlanRefusal[]; reasons: ApprovalReason[] } {
  const refusals: PlanRefusal[] = [];
  const reasons: ApprovalReason[] = [];
  const decide = (
    choice: 'refuse' | 'approval',
    field: string,
    reason: ApprovalReason,
  ) =>
    choice === 'refuse'
      ? refusals.push({ field, message: reason.message })
      : reasons.push(reason);

  judgeNamespace(options, decide, reasons);
  refusals.push(...judgeServiceAccount(options));
  judgeIdentity(options, decide, reasons);
  reasons.push(...judgeResources(options));
  return { refusals, reasons };
}

type Decide = (
  choice: 'refuse' | 'approval',
  field: string,
  reason: ApprovalReason,
) => void;

function judgeNamespace(
  { spec, component, facts, policy }: Parameters<typeof judgeOwnership>[0],
  decide: Decide,
  reasons: ApprovalReason[],
) {
  if (!facts.namespace) return;
  const owners = parseOwnerRefs(
    facts.namespace.annotations[OWNERSHIP_MARKS.namespaceOwnerAnnotation],
  );
  if (owners.length === 0) {
    reasons.push({
      code: 'namespace-unowned',
      message: `Namespace ${spec.namespace} on ${spec.cluster} names no owner (annotation ${OWNERSHIP_MARKS.namespaceOwnerAnnotation}), so the platform team confirms it is ${component.entityRef}'s to use.`,
    });
    return;
  }
  if (owners.some(owner => component.owners.includes(owner))) return;
  decide(policy.namespace, 'namespace', {
    code: 'other-team-namespace',
    message: `Namespace ${spec.namespace} on ${
      spec.cluster
    } belongs to ${owners.join(', ')}, not to ${
      component.owners.join(', ') || `the owners of ${component.entityRef}`
    }; ask them, or pick a namespace of your own team.`,
  });
}

function judgeServiceAccount({
  spec,
  component,
  facts,
}: Parameters<typeof judgeOwnership>[0]): PlanRefusal[] {
  const refusals: PlanRefusal[] = [];
  const account = `${spec.namespace}/${spec.serviceAccountName}`;
  const pointer = facts.currentPointer;
  if (pointer && pointer.provenance.kind !== 'own') {
    const identity = pointer.identity
      ? `identity ${pointer.identity.name} (client id ${pointer.clientId})`
      : `client id ${pointer.clientId}`;
    refusals.push({
      field: 'serviceAccountName',
      message:
        pointer.provenance.kind === 'other'
          ? `Service account ${account} already gives its pods ${identity}, which belongs to ${pointer.provenance.owner}; pointing it at another identity would cut that component's access. Use a service account of ${component.entityRef}'s own.`
          : `Service account ${account} already gives its pods ${identity}, which nothing records as ${component.entityRef}'s; pointing it elsewhere could cut someone's access. Use a service account of the component's own, or ask the platform team.`,
    });
  }
  const others = facts.podsOnServiceAccount.filter(
    pod =>
      pod.labels[KUBERNETES_ID_LABEL] !== undefined &&
      pod.labels[KUBERNETES_ID_LABEL] !== component.kubernetesId,
  );
  if (others.length > 0) {
    const workloads = [
      ...new Set(others.map(pod => pod.labels[KUBERNETES_ID_LABEL])),
    ];
    refusals.push({
      field: 'serviceAccountName',
      message: `Pods of ${workloads.join(', ')} (${others
        .slice(0, 3)
        .map(pod => pod.name)
        .join(
          ', ',
        )}) run as service account ${account}; giving it another identity would change theirs. Use a service account only ${
        component.entityRef
      }'s pods run as.`,
    });
  }
  return refusals;
}

function judgeIdentity(
  { component, facts, identity, policy }: Parameters<typeof judgeOwnership>[0],
  decide: Decide,
  reasons: ApprovalReason[],
) {
  const provenance = facts.identityProvenance;
  if (!identity.existing || !provenance || provenance.kind === 'own') return;
  const holds = blastRadius(identity);
  if (provenance.kind === 'other') {
    decide(policy.identity, 'identity', {
      code: 'other-component-identity',
      message: `Managed identity ${identity.name} belongs to ${provenance.owner}, not to ${component.entityRef}. ${holds} Reusing it would let ${component.entityRef}'s pods act as ${provenance.owner}; request an identity of the component's own instead.`,
    });
    return;
  }
  reasons.push({
    code: 'identity-unowned',
    message: `Managed identity ${identity.name} was not made by the portal and nothing records whose it is. ${holds} The platform team confirms it is ${component.entityRef}'s before it is reused.`,
  });
}

/** What an identity already holds, in words: whoever gets it gets all of this too. */
export function blastRadius(identity: IdentityTarget): string {
  const credentials = identity.federatedCredentials.map(c => c.subject);
  const roles = identity.roleAssignments.map(
    a =>
      `${findBuiltinRole(a.roleId)?.roleName ?? `role ${a.roleId}`} on ${
        a.scope
      }`,
  );
  if (credentials.length === 0 && roles.length === 0) {
    return 'It holds no federated credential and no role assignment yet.';
  }
  const parts = [];
  if (credentials.length > 0) {
    parts.push(
      `${credentials.length} federated credential${
        credentials.length === 1 ? '' : 's'
      } (${credentials.join('; ')})`,
    );
  }
  if (roles.length > 0) {
    parts.push(
      `${roles.length} role assignment${
        roles.length === 1 ? '' : 's'
      } (${roles.join('; ')})`,
    );
  }
  return `It already holds ${parts.join(' and ')}.`;
}

function judgeResources({
  component,
  facts,
}: Parameters<typeof judgeOwnership>[0]): ApprovalReason[] {
  return facts.resourceOwners.flatMap(({ resourceId, owner }) => {
    const owners = parseOwnerRefs(owner);
    if (owners.length === 0) return [];
    if (owners.some(o => component.owners.includes(o))) return [];
    return [
      {
        code: 'other-team-resource' as const,
        message: `${
          parseResourceId(resourceId)?.resourceName ?? resourceId
        } belongs to ${owners.join(', ')} (its ${
          OWNERSHIP_MARKS.resourceOwnerTag
        } tag), not to ${
          component.owners.join(', ') || component.entityRef
        }: ${owners.join(
          ', ',
        )} or the platform team approves access to it (${resourceId}).`,
      },
    ];
  });
}
