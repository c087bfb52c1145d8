import { PlanStep } from '../planning/Plan';
import { AccessRequestRecord, JsonObject } from '../requests/types';
import {
  parseServiceAccountRemoval,
  serviceAccountRemovalFromOutputs,
  serviceAccountRemovalToJson,
} from './serviceAccountRemoval';

// A removal is JSON because the timeline stores it: an earlier request that keeps something
// for a later one hands its removal over on a `teardown-kept` event.

/**
 * How to remove what this request made itself, read from the step's recorded outputs;
 * undefined for what it only adopted (found already there) or never applied.
 */
export function recordedRemovalOf(
  step: PlanStep,
  appliedOutputs: ReadonlyMap<string, JsonObject>,
  request: AccessRequestRecord,
): JsonObject | undefined {
  const stepOutput = appliedOutputs.get(step.id);
  const identityOutput = appliedOutputs.get('identity');
  if (
    step.kind === 'ensure-role-assignment' &&
    stepOutput?.adopted === false &&
    typeof stepOutput.assignmentId === 'string'
  ) {
    return { assignmentId: stepOutput.assignmentId };
  }
  if (
    step.kind === 'ensure-federated-credential' &&
    stepOutput?.written === true &&
    typeof identityOutput?.resourceId === 'string'
  ) {
    return { identityResourceId: identityOutput.resourceId, name: step.name };
  }
  if (
    step.kind === 'ensure-service-account' &&
    stepOutput?.mode === 'applied'
  ) {
    const removal = serviceAccountRemovalFromOutputs({
      step,
      stepOutput,
      identityOutput,
      request,
    });
    return removal ? serviceAccountRemovalToJson(removal) : undefined;
  }
  return undefined;
}

/** Why revoking leaves what a step stands for in place when this request did not make it. */
export function whyNotRemoved(
  step: PlanStep,
  appliedOutputs: ReadonlyMap<string, JsonObject>,
): string | undefined {
  const stepOutput = appliedOutputs.get(step.id);
  if (!stepOutput) return undefined;
  switch (step.kind) {
    case 'ensure-role-assignment':
      return stepOutput.adopted === true
        ? 'the role assignment existed before this request, which only reused it'
        : undefined;
    case 'ensure-federated-credential':
      return stepOutput.written === false
        ? 'the federated credential existed before this request, which only reused it'
        : undefined;
    case 'ensure-service-account':
      if (stepOutput.mode === 'manifest') {
        return 'the service account is applied through GitOps: remove its workload identity annotations from the manifest';
      }
      return 'the service account already pointed at this identity before this request, which set nothing on it';
    default:
      return undefined;
  }
}

/**
 * What two requests made of the same resource, together: a request removes what it made and
 * what an earlier request handed over to it when that one was revoked.
 */
export function combineRemovals(
  own: JsonObject | undefined,
  handedOver: JsonObject | undefined,
): JsonObject | undefined {
  const ownAccount = parseServiceAccountRemoval(own);
  const handedAccount = parseServiceAccountRemoval(handedOver);
  if (!ownAccount || !handedAccount) return own ?? handedOver;
  return serviceAccountRemovalToJson({
    ...ownAccount,
    annotations: { ...handedAccount.annotations, ...ownAccount.annotations },
    // What the earlier request set counts as set, even where this one found it.
    found: ownAccount.found.filter(key => !(key in handedAccount.annotations)),
    labels: { ...handedAccount.labels, ...ownAccount.labels },
    created: ownAccount.created || handedAccount.created,
    clientId: ownAccount.clientId ?? handedAccount.clientId,
  });
}
