import { EnsureIdentityStep } from '../../planning/Plan';
import { JsonObject } from '../../requests/types';
import { StepContext, StepFailedError } from './StepContext';

export const REQUEST_ID_TAG = 'backstage-request-id';

/** Creates the identity, or finds the one the plan adopts; either way answers its ids. */
export async function applyIdentityStep(
  step: EnsureIdentityStep,
  context: StepContext,
): Promise<JsonObject> {
  const { azure } = context.ports;
  if (step.action === 'adopt') {
    const existing = await azure.getIdentity(step.resourceId);
    if (!existing) {
      throw new StepFailedError(
        `managed identity ${step.resourceId} was deleted after the plan was made; submit the request again so it is planned anew`,
      );
    }
    return toOutputs(existing);
  }
  if (!step.location) {
    throw new StepFailedError(
      `no Azure region is known for new identities: set azureWorkloadIdentity.azure.identities.location`,
    );
  }
  // A create-or-update by name: a retry after a crash finds and returns the same identity.
  const identity = await azure.ensureIdentity({
    subscriptionId: step.subscriptionId,
    resourceGroup: step.resourceGroup,
    name: step.name,
    location: step.location,
    tags: { ...step.tags, [REQUEST_ID_TAG]: context.request.id },
  });
  return toOutputs(identity);
}

function toOutputs(identity: {
  resourceId: string;
  clientId: string;
  principalId: string;
  tenantId?: string;
}): JsonObject {
  const outputs: JsonObject = {
    resourceId: identity.resourceId,
    clientId: identity.clientId,
    principalId: identity.principalId,
  };
  if (identity.tenantId) outputs.tenantId = identity.tenantId;
  return outputs;
}
