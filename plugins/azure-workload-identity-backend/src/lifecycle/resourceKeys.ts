import { identityStepOf } from '../planning/identityStepOf';
import { PlanStep } from '../planning/Plan';
import { AccessRequestRecord } from '../requests/types';

/** The resource id of the request's managed identity, lower case. */
export function identityIdOf(request: AccessRequestRecord): string | undefined {
  return identityStepOf(request.plan)?.resourceId.toLowerCase();
}

/**
 * A key for the resource a step makes (a role assignment, a federated credential or a
 * service account), the same in every request whose plan holds it.
 */
export function resourceKeyOf(step: PlanStep): string | undefined {
  switch (step.kind) {
    case 'ensure-role-assignment':
      return `role-assignment:${step.scope.toLowerCase()}|${step.roleId.toLowerCase()}`;
    case 'ensure-federated-credential':
      return `federated-credential:${step.identityResourceId.toLowerCase()}|${
        step.name
      }`;
    case 'ensure-service-account':
      return `service-account:${step.cluster}/${step.namespace}/${step.name}`;
    default:
      return undefined;
  }
}

/**
 * Whether `other`'s plan holds the resource that `step` of `request` makes. Only a request on
 * the same identity can: a role assignment or credential belongs to one principal.
 */
export function holdsSameResource(options: {
  other: AccessRequestRecord;
  request: AccessRequestRecord;
  step: PlanStep;
}): boolean {
  const { other, request, step } = options;
  const identityId = identityIdOf(request);
  if (!identityId || identityIdOf(other) !== identityId) return false;
  const key = resourceKeyOf(step);
  return (
    key !== undefined &&
    (other.plan?.steps ?? []).some(theirs => resourceKeyOf(theirs) === key)
  );
}
